import BopsJobs
import Foundation
import Testing

@testable import BopsLocalEngine

/// One Copy option, the key the copy lands on, and what the stored copy must show.
struct CopyCase: Sendable, CustomStringConvertible {
    var description: String
    var change: @Sendable (inout S3CopyObjectOperation) -> Void
    var destinationKey = "key-0000"
    var check: @Sendable (ObjectInfo, ObjectInfo) -> Bool
}

@Suite struct CopyTests {
    static let past = Date(timeIntervalSince1970: 1_000_000_000)
    static let future = Date(timeIntervalSince1970: 4_000_000_000)
    static let sourceTags = [S3Tag(key: "team", value: "logs")]

    static let cases: [CopyCase] = [
        CopyCase(description: "defaults", change: { _ in }) { d, s in
            d.storageClass == "STANDARD" && d.tags == sourceTags && d.metadata == s.metadata
                && d.eTag == s.eTag
                && d.acl == ObjectACL(canned: .private) && d.serverSideEncryption?.algorithm == "AES256"
        },
        CopyCase(description: "storage class", change: { $0.storageClass = .glacierIR }) { d, _ in
            d.storageClass == "GLACIER_IR"
        },
        CopyCase(
            description: "prefix", change: { $0.targetKeyPrefix = "archive" },
            destinationKey: "archive/key-0000"
        ) { _, _ in true },
        CopyCase(
            description: "prefix with slash", change: { $0.targetKeyPrefix = "a/" },
            destinationKey: "a/key-0000"
        ) { _, _ in true },
        CopyCase(
            description: "tags replace", change: { $0.newObjectTagging = [S3Tag(key: "tier", value: "cold")] }
        ) { d, _ in
            d.tags == [S3Tag(key: "tier", value: "cold")]
        },
        CopyCase(description: "tags remove", change: { $0.newObjectTagging = [] }) { d, _ in d.tags == [] },
        CopyCase(
            description: "metadata replace",
            change: {
                $0.metadataDirective = .replace
                $0.newObjectMetadata = S3ObjectMetadata(
                    cacheControl: "no-cache", userMetadata: ["source": "logs"], contentType: "text/csv")
            }
        ) { d, _ in
            d.metadata.contentType == "text/csv" && d.metadata.cacheControl == "no-cache"
                && d.metadata.userMetadata == ["source": "logs"]
        },
        CopyCase(
            description: "metadata copy wins over new metadata",
            change: {
                $0.metadataDirective = .copy
                $0.newObjectMetadata = S3ObjectMetadata(contentType: "text/csv")
            }
        ) { d, s in d.metadata == s.metadata },
        CopyCase(description: "canned acl", change: { $0.cannedAccessControlList = .bucketOwnerFullControl })
        { d, _ in
            d.acl?.canned == .bucketOwnerFullControl
        },
        CopyCase(
            description: "grants",
            change: {
                $0.accessControlGrants = [
                    S3Grant(grantee: S3Grantee(typeIdentifier: .id, identifier: "abc"), permission: .read)
                ]
            }
        ) { d, _ in d.acl?.grants.first?.grantee?.identifier == "abc" && d.acl?.canned == nil },
        CopyCase(
            description: "sse-kms",
            change: {
                $0.sseAwsKmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/k1"
                $0.bucketKeyEnabled = true
            }
        ) { d, _ in
            d.serverSideEncryption
                == ServerSideEncryption(
                    algorithm: "aws:kms", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k1",
                    bucketKeyEnabled: true)
        },
        // CRC32 of "body 0", from a bitwise implementation independent of the engine.
        CopyCase(description: "checksum", change: { $0.checksumAlgorithm = .crc32 }) { d, _ in
            d.checksum == ObjectChecksum(algorithm: .crc32, value: crc32Base64("body 0"))
        },
        CopyCase(description: "modified since (met)", change: { $0.modifiedSinceConstraint = past }) { _, _ in
            true
        },
        CopyCase(description: "unmodified since (met)", change: { $0.unModifiedSinceConstraint = future }) {
            _, _ in true
        },
    ]

    @Test(arguments: cases)
    func copyOption(_ c: CopyCase) async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.putObjects("src", count: 1, tags: Self.sourceTags)
        let m = try await f.csvManifest(["src,key-0000"])
        let job = try await f.run(f.request(copyOp(c.change), manifest: m))
        #expect(job.status == .complete)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 1)
        let source = try f.store.readObject(bucket: "src", key: "key-0000")
        let copy = try f.store.readObject(bucket: "dest", key: c.destinationKey)
        #expect(copy.body == source.body)
        #expect(c.check(copy.info, source.info), "\(copy.info)")
    }

    @Test func objectLockNeedsALockedDestination() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.store.createBucket("vault", objectLock: true)
        try f.putObjects("src", count: 1)
        let m = try await f.csvManifest(["src,key-0000"])
        let lock: @Sendable (inout S3CopyObjectOperation) -> Void = {
            $0.objectLockMode = .governance
            $0.objectLockRetainUntilDate = Self.future
            $0.objectLockLegalHoldStatus = .on
        }
        let refused = try await f.run(
            f.request(
                copyOp(lock), manifest: m,
                report: JobReport(bucket: "arn:aws:s3:::reports", enabled: true, prefix: "r")))
        #expect(refused.status == .complete)
        #expect(refused.progressSummary?.numberOfTasksFailed == 1)
        let rows = try f.report(jobId: refused.jobId).rows["failed"] ?? []
        #expect(rows.first?[4] == "400")
        #expect(rows.first?[5] == "InvalidRequest")
        let accepted = try await f.run(
            f.request(
                copyOp {
                    lock(&$0); $0.targetResource = "arn:aws:s3:::vault"
                }, manifest: m))
        #expect(accepted.progressSummary?.numberOfTasksSucceeded == 1)
        let info = try f.store.readObject(bucket: "vault", key: "key-0000").info
        #expect(info.objectLockMode == .governance)
        #expect(info.objectLockRetainUntilDate == Self.future)
        #expect(info.objectLockLegalHoldStatus == .on)
        #expect(info.versionId != nil)
    }

    @Test func failedPreconditionIs412() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.putObjects("src", count: 1)
        let m = try await f.csvManifest(["src,key-0000"])
        let job = try await f.run(
            f.request(
                copyOp { $0.unModifiedSinceConstraint = Self.past }, manifest: m,
                report: JobReport(bucket: "arn:aws:s3:::reports", enabled: true, prefix: "r")))
        #expect(job.progressSummary?.numberOfTasksFailed == 1)
        #expect(try f.report(jobId: job.jobId).rows["failed"]?.first?[4] == "412")
        #expect(try f.store.listObjectVersions(bucket: "dest").isEmpty)
    }

    @Test func sourceVersionIdIsHonoured() async throws {
        let f = try Fixture()
        try f.store.createBucket("src", versioning: .enabled)
        try f.store.createBucket("dest")
        let old = try f.store.putObject(
            bucket: "src", key: "k", body: Array("old".utf8), attributes: ObjectAttributes())
        _ = try f.store.putObject(
            bucket: "src", key: "k", body: Array("new".utf8), attributes: ObjectAttributes())
        let v = try #require(old.versionId)
        let m = try await f.csvManifest(["src,k,\(v)"], fields: [.bucket, .key, .versionId])
        let job = try await f.run(f.request(copyOp(), manifest: m))
        #expect(job.progressSummary?.numberOfTasksSucceeded == 1)
        #expect(try f.store.readObject(bucket: "dest", key: "k").body == Array("old".utf8))
    }

    @Test func urlEncodedKeysAreDecoded() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        _ = try f.store.putObject(
            bucket: "src", key: "a b/ü+c.txt", body: [1, 2], attributes: ObjectAttributes())
        let m = try await f.csvManifest(["src,a+b/%C3%BC%2Bc.txt"])
        let job = try await f.run(f.request(copyOp(), manifest: m))
        #expect(job.progressSummary?.numberOfTasksSucceeded == 1)
        #expect(try f.store.readObject(bucket: "dest", key: "a b/ü+c.txt").body == [1, 2])
    }
}

func crc32Base64(_ text: String) -> String {
    // Bitwise CRC-32 (IEEE), written independently of the engine's table-driven one.
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in text.utf8 {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
    }
    crc = ~crc
    return Data([UInt8(crc >> 24), UInt8((crc >> 16) & 0xff), UInt8((crc >> 8) & 0xff), UInt8(crc & 0xff)])
        .base64EncodedString()
}
