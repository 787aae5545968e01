import BopsJobs
import BopsManifest
import BopsPrimitives
import BopsTestSupport
import Foundation
import Testing

@testable import BopsLocalEngine

@Suite(.tags(.process)) struct ReplicationTests {
    /// `src` replicates `logs/` to `drone` (priority 1), objects tagged `copy=yes` to `drtwo` (GLACIER,
    /// priority 2), and has a disabled rule for everything to `off`.
    func setUp() throws -> Fixture {
        let f = try Fixture()
        for b in ["src", "drone", "drtwo", "off"] { try f.store.createBucket(b, versioning: .enabled) }
        try f.store.putBucketReplication(
            "src",
            ReplicationConfiguration(
                role: role,
                rules: [
                    ReplicationRule(
                        id: "logs", priority: 1, filter: ReplicationRuleFilter(prefix: "logs/"),
                        destination: ReplicationDestination(bucket: "arn:aws:s3:::drone")),
                    ReplicationRule(
                        id: "tagged", priority: 2,
                        filter: ReplicationRuleFilter(
                            and: ReplicationRuleAndOperator(
                                prefix: "", tags: [S3Tag(key: "copy", value: "yes")])),
                        destination: ReplicationDestination(
                            bucket: "arn:aws:s3:::drtwo", storageClass: "GLACIER")),
                    ReplicationRule(
                        id: "off", priority: 3, status: .disabled,
                        destination: ReplicationDestination(bucket: "arn:aws:s3:::off")),
                ]))
        try f.putObjects("src", count: 2, prefix: "logs/a-")
        try f.putObjects("src", count: 1, prefix: "data/t-", tags: [S3Tag(key: "copy", value: "yes")])
        try f.putObjects("src", count: 1, prefix: "data/u-")
        return f
    }

    @Test func generatedManifestReplicatesMatchingObjects() async throws {
        let f = try setUp()
        let generator = JobManifestGenerator(
            s3JobManifestGenerator: S3JobManifestGenerator(
                sourceBucket: "arn:aws:s3:::src",
                manifestOutputLocation: S3ManifestOutputLocation(
                    bucket: "arn:aws:s3:::manifests", manifestPrefix: "gen"),
                filter: JobManifestGeneratorFilter(eligibleForReplication: true), enableManifestOutput: true))
        let job = try await f.run(f.request(.s3ReplicateObject, generator: generator))
        #expect(job.status == .complete)
        #expect(job.progressSummary?.totalNumberOfTasks == 3)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 3)
        let source = try f.store.listObjectVersions(bucket: "src")
        let dr = try f.store.listObjectVersions(bucket: "drone")
        #expect(dr.map(\.key) == ["logs/a-0000", "logs/a-0001"])
        for replica in dr {
            let original = try #require(source.first { $0.key == replica.key })
            #expect(replica.versionId == original.versionId)
            #expect(replica.replicationStatus == .replica)
            #expect(replica.metadata == original.metadata)
            #expect(original.replicationStatus == .completed)
        }
        let dr2 = try f.store.listObjectVersions(bucket: "drtwo")
        #expect(dr2.map(\.key) == ["data/t-0000"])
        #expect(dr2.first?.storageClass == "GLACIER")
        #expect(dr2.first?.tags == [S3Tag(key: "copy", value: "yes")])
        #expect(try f.store.listObjectVersions(bucket: "off").isEmpty)
        #expect(source.first { $0.key == "data/u-0000" }?.replicationStatus == nil)
        let location = try #require(job.generatedManifestDescriptor?.location)
        let generated = try #require(S3ARN.object(location.objectArn))
        #expect(generated.key == "gen/job-\(job.jobId)/manifest.json")
        // The generated manifest is a readable inventory: a second job can use it.
        let again = try await f.run(
            f.request(
                .s3ReplicateObject,
                manifest: JobManifest(spec: JobManifestSpec(format: .inventory), location: location)))
        #expect(again.progressSummary?.numberOfTasksSucceeded == 3)
    }

    static let filters: [(String, JobManifestGeneratorFilter, [String])] = [
        (
            "prefix",
            JobManifestGeneratorFilter(keyNameConstraint: KeyNameConstraint(matchAnyPrefix: ["data/"])),
            ["data/t-0000", "data/u-0000"]
        ),
        (
            "suffix",
            JobManifestGeneratorFilter(keyNameConstraint: KeyNameConstraint(matchAnySuffix: ["-0001"])),
            ["logs/a-0001"]
        ),
        (
            "substring",
            JobManifestGeneratorFilter(keyNameConstraint: KeyNameConstraint(matchAnySubstring: ["/t-"])),
            ["data/t-0000"]
        ),
        ("not eligible", JobManifestGeneratorFilter(eligibleForReplication: false), ["data/u-0000"]),
        (
            "status NONE", JobManifestGeneratorFilter(objectReplicationStatuses: [.none]),
            ["data/t-0000", "data/u-0000", "logs/a-0000", "logs/a-0001"]
        ),
        ("bigger than", JobManifestGeneratorFilter(objectSizeGreaterThanBytes: 100), []),
        (
            "storage class", JobManifestGeneratorFilter(matchAnyStorageClass: [.standard]),
            ["data/t-0000", "data/u-0000", "logs/a-0000", "logs/a-0001"]
        ),
        ("created before", JobManifestGeneratorFilter(createdBefore: Date(timeIntervalSince1970: 0)), []),
    ]

    @Test(arguments: filters.map(\.0))
    func generatorFilters(_ name: String) async throws {
        let f = try setUp()
        let (_, filter, expected) = try #require(Self.filters.first { $0.0 == name })
        let generator = JobManifestGenerator(
            s3JobManifestGenerator: S3JobManifestGenerator(
                sourceBucket: "arn:aws:s3:::src", filter: filter, enableManifestOutput: false))
        try f.store.createBucket("dest")
        let job = try await f.run(f.request(copyOp(), generator: generator))
        #expect(job.progressSummary?.totalNumberOfTasks == Int64(expected.count))
        #expect(try f.store.listObjectVersions(bucket: "dest").map(\.key) == expected)
    }

    @Test func objectsNoRuleCoversAreFailedTasks() async throws {
        let f = try setUp()
        let versions = try f.store.listObjectVersions(bucket: "src")
        let lines = versions.map { "src,\($0.key),\($0.versionId ?? "null")" }
        let m = try await f.csvManifest(lines, fields: [.bucket, .key, .versionId])
        let job = try await f.run(f.request(.s3ReplicateObject, manifest: m, report: RunTests.report))
        #expect(job.progressSummary?.numberOfTasksSucceeded == 3)
        #expect(job.progressSummary?.numberOfTasksFailed == 1)
        #expect(try f.report(jobId: job.jobId).rows["failed"]?.first?[1] == "data/u-0000")
    }
}

@Suite(.tags(.process)) struct InventoryTests {
    func gzip(_ text: String) throws -> [UInt8] {
        let folder = try TempFolder(prefix: "gz")
        let dir = folder.path
        try folder.write("f", text)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-9", dir + "/f"]
        try p.run()
        p.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/f.gz")))
    }

    @Test func storedGzipReadsBack() throws {
        let text = (0..<4000).map { "bucket,key-\($0 % 37)/part-\($0),\($0 * 7919)" }.joined(separator: "\n")
        #expect(text.utf8.count > 65535, "more than one stored block")
        #expect(try Gzip.decompress(Gzip.compress(Array(text.utf8), level: 0)) == Array(text.utf8))
        #expect(try Gzip.decompress(Gzip.compress([], level: 0)) == [])
    }

    /// An inventory in bucket `inv`: `data/1.csv.gz` and `data/2.csv.gz` with two rows each;
    /// `change` edits the manifest.json text before it is stored. Returns the finished job.
    func runInventoryJob(_ f: Fixture, change: (String) -> String = { $0 }) async throws -> JobDescriptor {
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.store.createBucket("inv")
        try f.putObjects("src", count: 3)
        _ = try f.store.putObject(bucket: "src", key: "with space", body: [7], attributes: ObjectAttributes())
        let part1 = try gzip("\"src\",\"key-0000\",\"true\",\"3\"\n\"src\",\"key-0001\",\"true\",\"3\"\n")
        let part2 = try gzip("\"src\",\"with+space\",\"true\",\"1\"\n\"src\",\"gone\",\"true\",\"1\"\n")
        var files: [String] = []
        for (key, body) in [("data/1.csv.gz", part1), ("data/2.csv.gz", part2)] {
            let info = try f.store.putObject(
                bucket: "inv", key: key, body: body, attributes: ObjectAttributes())
            let md5 = info.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            files.append("{\"key\":\"\(key)\",\"size\":\(body.count),\"MD5checksum\":\"\(md5)\"}")
        }
        let json = """
            {"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inv","version":"2016-11-30",
             "creationTimestamp":"1700000000000","fileFormat":"CSV","fileSchema":"Bucket, Key, IsLatest, Size",
             "files":[\(files.joined(separator: ","))]}
            """
        let manifest = try f.store.putObject(
            bucket: "inv", key: "manifest.json", body: Array(change(json).utf8),
            attributes: ObjectAttributes())
        return try await f.run(
            f.request(
                copyOp(),
                manifest: JobManifest(
                    spec: JobManifestSpec(format: .inventory),
                    location: JobManifestLocation(
                        objectArn: "arn:aws:s3:::inv/manifest.json", eTag: manifest.eTag))))
    }

    @Test func inventoryManifestWithGzippedCSVs() async throws {
        let f = try Fixture()
        let job = try await runInventoryJob(f)
        #expect(job.progressSummary?.totalNumberOfTasks == 4)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 3)
        #expect(job.progressSummary?.numberOfTasksFailed == 1)
        #expect(
            try f.store.listObjectVersions(bucket: "dest").map(\.key) == [
                "key-0000", "key-0001", "with space",
            ])
    }

    static let badInventories: [(String, @Sendable (String) -> String, String)] = [
        (
            "ORC", { $0.replacingOccurrences(of: "\"CSV\"", with: "\"ORC\"") },
            "/fileFormat: inventory format ORC"
        ),
        ("no Key", { $0.replacingOccurrences(of: "Bucket, Key,", with: "Bucket,") }, "/fileSchema: "),
        (
            "not JSON", { _ in "{\"files\": [" },
            "Inventory manifest.json: inventory manifest is not valid JSON"
        ),
        (
            "bad MD5", { $0.replacingOccurrences(of: "\"MD5checksum\":\"", with: "\"MD5checksum\":\"0") },
            "Inventory manifest.json: /files/0/MD5checksum: files[0] needs a 32-digit hex"
        ),
        (
            "wrong MD5",
            {
                $0.replacingOccurrences(
                    of: "\"MD5checksum\":\"[0-9a-f]{32}\"",
                    with: "\"MD5checksum\":\"\(String(repeating: "0", count: 32))\"",
                    options: .regularExpression)
            },
            "Inventory file data/1.csv.gz: inventory data file MD5 is"
        ),
        (
            "missing file", { $0.replacingOccurrences(of: "data/2.csv.gz", with: "data/3.csv.gz") },
            "Inventory file s3://inv/data/3.csv.gz: NoSuchKey"
        ),
    ]

    @Test(arguments: badInventories.map(\.0))
    func badInventoryFailsTheJobSayingWhy(_ name: String) async throws {
        let (_, change, reason) = try #require(Self.badInventories.first { $0.0 == name })
        let f = try Fixture()
        let job = try await runInventoryJob(f, change: change)
        #expect(job.status == .failed)
        let failure = try #require(job.failureReasons?.first)
        #expect(failure.failureReason?.contains(reason) == true, "\(failure)")
        #expect(try f.store.listObjectVersions(bucket: "dest").isEmpty)
    }

    @Test func badCSVRowFailsTheJobNamingTheLine() async throws {
        let f = try Fixture()
        let m = try await f.csvManifest(["src,a", "src,b,c"])
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m))
        let job = try await f.describe(id)
        #expect(job.status == .failed)
        #expect(job.failureReasons?.first?.failureReason?.contains("line 2") == true)
    }
}
