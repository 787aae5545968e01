import BopsJobs
import Foundation
import Testing

@testable import BopsLocalEngine

/// A generated manifest (bucket listing plus filter) with an operation other than Replicate: the
/// objects the filter keeps are exactly the ones the job tags.
struct FilterCase: Sendable, CustomStringConvertible {
    var description: String
    var filter: @Sendable (Date) -> JobManifestGeneratorFilter
    var tagged: Set<String>
}

@Suite struct GeneratorFilterTests {
    static let all: Set<String> = [
        "logs/a.gz", "logs/b.txt", "data/big.bin", "cold/g", "kms/k", "plain/p", "dsse/d", "ssec/c", "late/z",
    ]

    static let cases: [FilterCase] = [
        FilterCase(description: "no filter", filter: { _ in JobManifestGeneratorFilter() }, tagged: all),
        FilterCase(
            description: "prefix",
            filter: { _ in
                JobManifestGeneratorFilter(keyNameConstraint: KeyNameConstraint(matchAnyPrefix: ["logs/"]))
            },
            tagged: ["logs/a.gz", "logs/b.txt"]),
        FilterCase(
            description: "suffix",
            filter: { _ in
                JobManifestGeneratorFilter(
                    keyNameConstraint: KeyNameConstraint(matchAnySuffix: [".gz", ".bin"]))
            },
            tagged: ["logs/a.gz", "data/big.bin"]),
        FilterCase(
            description: "substring",
            filter: { _ in
                JobManifestGeneratorFilter(keyNameConstraint: KeyNameConstraint(matchAnySubstring: ["/b"]))
            },
            tagged: ["logs/b.txt", "data/big.bin"]),
        FilterCase(
            description: "larger than",
            filter: { _ in JobManifestGeneratorFilter(objectSizeGreaterThanBytes: 10) },
            tagged: ["data/big.bin"]),
        FilterCase(
            description: "smaller than",
            filter: { _ in JobManifestGeneratorFilter(objectSizeLessThanBytes: 2) },
            tagged: ["late/z"]),
        FilterCase(
            description: "storage classes",
            filter: { _ in JobManifestGeneratorFilter(matchAnyStorageClass: [.glacier, .standardIA]) },
            tagged: ["cold/g", "logs/b.txt"]),
        FilterCase(
            description: "created after", filter: { mid in JobManifestGeneratorFilter(createdAfter: mid) },
            tagged: ["late/z"]),
        FilterCase(
            description: "created before", filter: { mid in JobManifestGeneratorFilter(createdBefore: mid) },
            tagged: all.subtracting(["late/z"])),
        FilterCase(
            description: "SSE-KMS with a key",
            filter: { _ in
                JobManifestGeneratorFilter(matchAnyObjectEncryption: [
                    ObjectEncryptionFilter(ssekms: .init(kmsKeyArn: kmsKey))
                ])
            }, tagged: ["kms/k"]),
        FilterCase(
            description: "not encrypted or DSSE-KMS",
            filter: { _ in
                JobManifestGeneratorFilter(matchAnyObjectEncryption: [
                    ObjectEncryptionFilter(notsse: .init()), ObjectEncryptionFilter(dssekms: .init()),
                ])
            }, tagged: ["plain/p", "dsse/d"]),
        FilterCase(
            description: "SSE-C",
            filter: { _ in
                JobManifestGeneratorFilter(matchAnyObjectEncryption: [ObjectEncryptionFilter(ssec: .init())])
            },
            tagged: ["ssec/c"]),
        FilterCase(
            description: "SSE-S3",
            filter: { _ in
                JobManifestGeneratorFilter(matchAnyObjectEncryption: [ObjectEncryptionFilter(sses3: .init())])
            },
            tagged: ["logs/a.gz", "logs/b.txt", "data/big.bin", "cold/g", "late/z"]),
        FilterCase(
            description: "replication status",
            filter: { _ in JobManifestGeneratorFilter(objectReplicationStatuses: [.failed]) },
            tagged: ["data/big.bin"]),
        FilterCase(
            description: "replication status none",
            filter: { _ in JobManifestGeneratorFilter(objectReplicationStatuses: [.none]) },
            tagged: all.subtracting(["data/big.bin"])),
        FilterCase(
            description: "eligible for replication",
            filter: { _ in JobManifestGeneratorFilter(eligibleForReplication: true) },
            tagged: ["logs/a.gz", "logs/b.txt"]),
        FilterCase(
            description: "not eligible, and a prefix",
            filter: { _ in
                JobManifestGeneratorFilter(
                    eligibleForReplication: false, keyNameConstraint: KeyNameConstraint(matchAnyPrefix: ["d"])
                )
            }, tagged: ["data/big.bin", "dsse/d"]),
    ]

    @Test(arguments: cases)
    func generatedManifestWithATaggingJob(_ c: FilterCase) async throws {
        let f = try Fixture()
        try f.store.createBucket("src", versioning: .enabled)
        try f.store.putBucketReplication(
            "src",
            ReplicationConfiguration(
                role: role,
                rules: [
                    ReplicationRule(
                        id: "logs", priority: 1, filter: ReplicationRuleFilter(prefix: "logs/"),
                        destination: ReplicationDestination(bucket: "arn:aws:s3:::elsewhere"))
                ]))
        func put(_ key: String, _ body: String, _ change: (inout ObjectAttributes) -> Void = { _ in }) throws
        {
            var a = ObjectAttributes()
            change(&a)
            _ = try f.store.putObject(bucket: "src", key: key, body: Array(body.utf8), attributes: a)
        }
        try put("logs/a.gz", "aaaa")
        try put("logs/b.txt", "bbbb") { $0.storageClass = "STANDARD_IA" }
        try put("data/big.bin", "0123456789abcdef")
        try put("cold/g", "ggg") { $0.storageClass = "GLACIER" }
        try put("kms/k", "kkk") {
            $0.serverSideEncryption = ServerSideEncryption(algorithm: "aws:kms", kmsKeyId: kmsKey)
        }
        try put("plain/p", "ppp") { $0.serverSideEncryption = nil }
        try put("dsse/d", "ddd") {
            $0.serverSideEncryption = ServerSideEncryption(algorithm: "aws:kms:dsse", kmsKeyId: otherKey)
        }
        try put("ssec/c", "ccc") {
            $0.serverSideEncryption = ServerSideEncryption(algorithm: "AES256", customerAlgorithm: "AES256")
        }
        var failed = try f.store.lookup(bucket: "src", key: "data/big.bin", versionId: nil, refresh: true)
        failed.info.replicationStatus = .failed
        try f.store.commit([("src", LogRecord(op: .meta, object: failed))])
        try await Task.sleep(for: .milliseconds(20))
        let mid = Date()
        try await Task.sleep(for: .milliseconds(20))
        try put("late/z", "z")
        let generator = JobManifestGenerator(
            s3JobManifestGenerator: S3JobManifestGenerator(
                sourceBucket: "arn:aws:s3:::src", filter: c.filter(mid), enableManifestOutput: false))
        let tag = JobOperation.s3PutObjectTagging(
            S3SetObjectTaggingOperation(tagSet: [S3Tag(key: "hit", value: "1")]))
        let job = try await f.run(f.request(tag, generator: generator))
        #expect(job.status == .complete)
        #expect(job.progressSummary?.totalNumberOfTasks == Int64(c.tagged.count))
        let hit = Set(
            try f.store.listObjectVersions(bucket: "src").filter {
                $0.tags == [S3Tag(key: "hit", value: "1")]
            }.map(\.key))
        #expect(hit == c.tagged)
    }
}
