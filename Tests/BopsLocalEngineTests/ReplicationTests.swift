import BopsJobs
import Foundation
import Testing

@testable import BopsLocalEngine

@Suite struct ReplicationTests {
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

@Suite struct InventoryTests {
    func gzip(_ text: String) throws -> [UInt8] {
        let dir = NSTemporaryDirectory() + "gz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/f"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-9", dir + "/f"]
        try p.run()
        p.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/f.gz")))
    }

    @Test func gzipRoundTrips() throws {
        let text = (0..<2000).map { "bucket,key-\($0 % 37)/part-\($0),\($0 * 7919)" }.joined(separator: "\n")
        #expect(try Gzip.decompress(try gzip(text)) == Array(text.utf8))
        #expect(try Gzip.decompress(Gzip.compressStored(Array(text.utf8))) == Array(text.utf8))
        #expect(throws: Gzip.Failure.self) {
            try Gzip.decompress(Array("plain".utf8) + [UInt8](repeating: 0, count: 20))
        }
    }

    @Test func inventoryManifestWithGzippedCSVs() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.store.createBucket("inv")
        try f.putObjects("src", count: 3)
        _ = try f.store.putObject(bucket: "src", key: "with space", body: [7], attributes: ObjectAttributes())
        let part1 = try gzip("\"src\",\"key-0000\",\"true\",\"3\"\n\"src\",\"key-0001\",\"true\",\"3\"\n")
        let part2 = try gzip("\"src\",\"with+space\",\"true\",\"1\"\n\"src\",\"gone\",\"true\",\"1\"\n")
        for (key, body) in [("data/1.csv.gz", part1), ("data/2.csv.gz", part2)] {
            _ = try f.store.putObject(bucket: "inv", key: key, body: body, attributes: ObjectAttributes())
        }
        let json = """
            {"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inv","version":"2016-11-30","fileFormat":"CSV",
             "fileSchema":"Bucket, Key, IsLatest, Size","files":[{"key":"data/1.csv.gz","size":1,"MD5checksum":"x"},
             {"key":"data/2.csv.gz","size":1,"MD5checksum":"y"}]}
            """
        let manifest = try f.store.putObject(
            bucket: "inv", key: "manifest.json", body: Array(json.utf8), attributes: ObjectAttributes())
        let job = try await f.run(
            f.request(
                copyOp(),
                manifest: JobManifest(
                    spec: JobManifestSpec(format: .inventory),
                    location: JobManifestLocation(
                        objectArn: "arn:aws:s3:::inv/manifest.json", eTag: manifest.eTag))))
        #expect(job.progressSummary?.totalNumberOfTasks == 4)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 3)
        #expect(job.progressSummary?.numberOfTasksFailed == 1)
        #expect(
            try f.store.listObjectVersions(bucket: "dest").map(\.key) == [
                "key-0000", "key-0001", "with space",
            ])
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
