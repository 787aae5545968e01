import BopsJobs
import Foundation
import Testing

@testable import BopsLocalEngine

/// How the object `src/o` is seeded before a job runs.
struct Seed: Sendable {
    var objectLock = false
    var change: @Sendable (inout ObjectAttributes) -> Void = { _ in }
}

/// One operation on one seeded object: whether its task succeeds (else the code and HTTP status in
/// the report), and what the stored object must show afterwards.
struct OperationCase: Sendable, CustomStringConvertible {
    var description: String
    var seed = Seed()
    var operation: JobOperation
    var failure: (code: String, status: Int)?
    var check: @Sendable (ObjectInfo, ObjectInfo) -> Bool = { _, _ in true }
}

let future = Date(timeIntervalSince1970: 4_000_000_000)
let later = Date(timeIntervalSince1970: 4_100_000_000)
let kmsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
let otherKey = "arn:aws:kms:us-east-1:123456789012:key/other"

func locked(_ mode: S3ObjectLockMode, _ until: Date) -> Seed {
    Seed(objectLock: true) {
        $0.objectLockMode = mode
        $0.objectLockRetainUntilDate = until
    }
}

func retention(_ mode: S3ObjectLockMode?, _ until: Date?, bypass: Bool? = nil) -> JobOperation {
    .s3PutObjectRetention(
        S3SetObjectRetentionOperation(
            bypassGovernanceRetention: bypass, retention: S3Retention(retainUntilDate: until, mode: mode)))
}

func stored(_ storageClass: String, archive: S3ArchiveStatus? = nil) -> Seed {
    Seed {
        $0.storageClass = ObjectStorageClass(rawValue: storageClass)
        $0.archiveStatus = archive
    }
}

func encrypted(_ sse: ServerSideEncryption?) -> Seed { Seed { $0.serverSideEncryption = sse } }

func restore(_ days: Int?, _ tier: S3GlacierJobTier? = .bulk) -> JobOperation {
    .s3InitiateRestoreObject(S3InitiateRestoreObjectOperation(expirationInDays: days, glacierJobTier: tier))
}

func updateEncryption(_ key: String, bucketKey: Bool? = nil) -> JobOperation {
    .s3UpdateObjectEncryption(
        S3UpdateObjectEncryptionOperation(
            objectEncryption: S3UpdateObjectEncryption(
                sseKMS: S3UpdateObjectEncryptionSSEKMS(kmsKeyArn: key, bucketKeyEnabled: bucketKey))))
}

let grants = [
    S3Grant(grantee: S3Grantee(typeIdentifier: .id, identifier: "abc123"), permission: .read),
    S3Grant(
        grantee: S3Grantee(
            typeIdentifier: .uri, identifier: "http://acs.amazonaws.com/groups/global/AllUsers"),
        permission: .read),
]

@Suite struct ObjectOperationTests {
    static let cases: [OperationCase] = [
        OperationCase(
            description: "tagging replaces the whole tag set",
            seed: Seed { $0.tags = [S3Tag(key: "a", value: "1"), S3Tag(key: "b", value: "2")] },
            operation: .s3PutObjectTagging(
                S3SetObjectTaggingOperation(tagSet: [S3Tag(key: "tier", value: "cold")]))
        ) { after, _ in after.tags == [S3Tag(key: "tier", value: "cold")] },
        OperationCase(
            description: "tagging with an empty set leaves no tags",
            seed: Seed { $0.tags = [S3Tag(key: "a", value: "1")] },
            operation: .s3PutObjectTagging(S3SetObjectTaggingOperation(tagSet: []))
        ) { after, _ in after.tags == [] },
        OperationCase(
            description: "delete tagging removes the tag set",
            seed: Seed { $0.tags = [S3Tag(key: "a", value: "1")] }, operation: .s3DeleteObjectTagging
        ) { after, before in
            after.tags == [] && after.eTag == before.eTag && after.versionId == before.versionId
        },
        OperationCase(
            description: "canned ACL",
            operation: .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(cannedAccessControlList: .publicRead)))
        ) { after, _ in after.acl == ObjectACL(canned: .publicRead) },
        OperationCase(
            description: "ACL grants replace the ACL, with their owner",
            seed: Seed { $0.acl = ObjectACL(canned: .publicReadWrite) },
            operation: .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(
                        accessControlList: S3AccessControlList(
                            owner: S3ObjectOwner(id: "owner-1"), grants: grants))))
        ) { after, _ in
            after.acl == ObjectACL(grants: grants, owner: S3ObjectOwner(id: "owner-1"))
        },
        OperationCase(
            description: "legal hold on an Object Lock bucket", seed: Seed(objectLock: true),
            operation: .s3PutObjectLegalHold(
                S3SetObjectLegalHoldOperation(legalHold: S3ObjectLockLegalHold(status: .on)))
        ) { after, _ in after.objectLockLegalHoldStatus == .on },
        OperationCase(
            description: "legal hold off",
            seed: Seed(objectLock: true) { $0.objectLockLegalHoldStatus = .on },
            operation: .s3PutObjectLegalHold(
                S3SetObjectLegalHoldOperation(legalHold: S3ObjectLockLegalHold(status: .off)))
        ) { after, _ in after.objectLockLegalHoldStatus == .off },
        OperationCase(
            description: "legal hold without Object Lock fails the task",
            operation: .s3PutObjectLegalHold(
                S3SetObjectLegalHoldOperation(legalHold: S3ObjectLockLegalHold(status: .on))),
            failure: ("InvalidRequest", 400)
        ) { after, _ in after.objectLockLegalHoldStatus == nil },
        OperationCase(
            description: "retention on an Object Lock bucket", seed: Seed(objectLock: true),
            operation: retention(.governance, future)
        ) { after, _ in after.objectLockMode == .governance && after.objectLockRetainUntilDate == future },
        OperationCase(
            description: "retention without Object Lock fails the task",
            operation: retention(.governance, future),
            failure: ("InvalidRequest", 400)
        ) { after, _ in after.objectLockMode == nil },
        OperationCase(
            description: "retention in the past", seed: Seed(objectLock: true),
            operation: retention(.governance, Date(timeIntervalSince1970: 1_000_000_000)),
            failure: ("InvalidArgument", 400)),
        OperationCase(
            description: "GOVERNANCE extended without bypass", seed: locked(.governance, future),
            operation: retention(.governance, later)
        ) { after, _ in after.objectLockRetainUntilDate == later },
        OperationCase(
            description: "GOVERNANCE shortened without bypass", seed: locked(.governance, later),
            operation: retention(.governance, future), failure: ("AccessDenied", 403)
        ) { after, _ in after.objectLockRetainUntilDate == later },
        OperationCase(
            description: "GOVERNANCE shortened with bypass", seed: locked(.governance, later),
            operation: retention(.governance, future, bypass: true)
        ) { after, _ in after.objectLockRetainUntilDate == future },
        OperationCase(
            description: "GOVERNANCE removed without bypass", seed: locked(.governance, later),
            operation: retention(nil, nil), failure: ("AccessDenied", 403)
        ) { after, _ in after.objectLockMode == .governance },
        OperationCase(
            description: "GOVERNANCE removed with bypass", seed: locked(.governance, later),
            operation: retention(nil, nil, bypass: true)
        ) { after, _ in after.objectLockMode == nil && after.objectLockRetainUntilDate == nil },
        OperationCase(
            description: "GOVERNANCE becomes COMPLIANCE", seed: locked(.governance, future),
            operation: retention(.compliance, future)
        ) { after, _ in after.objectLockMode == .compliance },
        OperationCase(
            description: "COMPLIANCE extended", seed: locked(.compliance, future),
            operation: retention(.compliance, later)
        ) { after, _ in after.objectLockRetainUntilDate == later },
        OperationCase(
            description: "COMPLIANCE shortened even with bypass", seed: locked(.compliance, later),
            operation: retention(.compliance, future, bypass: true), failure: ("AccessDenied", 403)
        ) { after, _ in after.objectLockRetainUntilDate == later && after.objectLockMode == .compliance },
        OperationCase(
            description: "COMPLIANCE to GOVERNANCE", seed: locked(.compliance, future),
            operation: retention(.governance, later, bypass: true), failure: ("AccessDenied", 403)
        ) { after, _ in after.objectLockMode == .compliance },
        OperationCase(
            description: "COMPLIANCE removed", seed: locked(.compliance, future),
            operation: retention(nil, nil, bypass: true), failure: ("AccessDenied", 403)),
        OperationCase(
            description: "restore from GLACIER", seed: stored("GLACIER"), operation: restore(3)
        ) { after, before in
            !before.isReadable(at: Date()) && after.isReadable(at: Date())
                && after.restore?.expiryDate.map { $0 > Date().addingTimeInterval(3 * 86_400) } == true
                && after.storageClass == "GLACIER"
        },
        OperationCase(
            description: "restore from DEEP_ARCHIVE (STANDARD tier)", seed: stored("DEEP_ARCHIVE"),
            operation: restore(1, .standard)
        ) { after, _ in after.restore?.tier == .standard && after.isReadable(at: Date()) },
        OperationCase(
            description: "restore from GLACIER needs ExpirationInDays", seed: stored("GLACIER"),
            operation: restore(nil), failure: ("InvalidArgument", 400)
        ) { after, _ in after.restore == nil },
        OperationCase(
            description: "restore of a STANDARD object", operation: restore(3),
            failure: ("InvalidObjectState", 403)),
        OperationCase(
            description: "restore of a GLACIER_IR object", seed: stored("GLACIER_IR"), operation: restore(3),
            failure: ("InvalidObjectState", 403)),
        OperationCase(
            description: "restore from an Intelligent-Tiering archive tier",
            seed: stored("INTELLIGENT_TIERING", archive: .deepArchiveAccess), operation: restore(nil)
        ) { after, before in
            !before.isReadable(at: Date()) && after.isReadable(at: Date()) && after.restore?.expiryDate == nil
        },
        OperationCase(
            description: "Intelligent-Tiering archive restore refuses ExpirationInDays",
            seed: stored("INTELLIGENT_TIERING", archive: .archiveAccess), operation: restore(2),
            failure: ("InvalidArgument", 400)),
        OperationCase(
            description: "Intelligent-Tiering access tier is not archived",
            seed: stored("INTELLIGENT_TIERING"), operation: restore(nil), failure: ("InvalidObjectState", 403)
        ),
        OperationCase(
            description: "SSE-S3 to SSE-KMS keeps data and ETag",
            operation: updateEncryption(kmsKey, bucketKey: true)
        ) { after, before in
            after.serverSideEncryption
                == ServerSideEncryption(algorithm: "aws:kms", kmsKeyId: kmsKey, bucketKeyEnabled: true)
                && after.eTag == before.eTag && after.lastModified == before.lastModified
                && after.versionId == before.versionId
        },
        OperationCase(
            description: "SSE-KMS to another key",
            seed: encrypted(ServerSideEncryption(algorithm: "aws:kms", kmsKeyId: kmsKey)),
            operation: updateEncryption(otherKey)
        ) { after, before in after.serverSideEncryption?.kmsKeyId == otherKey && after.eTag == before.eTag },
        OperationCase(
            description: "update encryption of an unencrypted object", seed: encrypted(nil),
            operation: updateEncryption(kmsKey), failure: ("InvalidRequest", 400)
        ) { after, _ in after.serverSideEncryption == nil },
        OperationCase(
            description: "update encryption of a DSSE-KMS object",
            seed: encrypted(ServerSideEncryption(algorithm: "aws:kms:dsse", kmsKeyId: kmsKey)),
            operation: updateEncryption(otherKey), failure: ("InvalidRequest", 400)
        ) { after, _ in after.serverSideEncryption?.kmsKeyId == kmsKey },
        OperationCase(
            description: "update encryption of an SSE-C object",
            seed: encrypted(
                ServerSideEncryption(algorithm: "AES256", customerAlgorithm: "AES256", customerKeyMD5: "k")),
            operation: updateEncryption(kmsKey), failure: ("InvalidRequest", 400)
        ) { after, _ in after.serverSideEncryption?.isCustomerProvided == true },
        OperationCase(
            description: "copy of a GLACIER object before a restore", seed: stored("GLACIER"),
            operation: copyOp(), failure: ("InvalidObjectState", 403)),
        OperationCase(
            description: "copy of a DEEP_ARCHIVE object", seed: stored("DEEP_ARCHIVE"),
            operation: copyOp(), failure: ("InvalidObjectState", 403)),
        OperationCase(
            description: "checksum of an archived object needs no restore", seed: stored("DEEP_ARCHIVE"),
            operation: .s3ComputeObjectChecksum(
                S3ComputeObjectChecksumOperation(checksumAlgorithm: .sha256, checksumType: .fullObject))
        ) { after, before in after == before },
        OperationCase(
            description: "checksum of an SSE-C object",
            seed: encrypted(
                ServerSideEncryption(algorithm: "AES256", customerAlgorithm: "AES256", customerKeyMD5: "k")),
            operation: .s3ComputeObjectChecksum(
                S3ComputeObjectChecksumOperation(checksumAlgorithm: .crc32, checksumType: .fullObject)),
            failure: ("InvalidRequest", 400)),
    ]

    static let report = JobReport(
        bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true, prefix: "r",
        reportScope: .allTasks)

    @Test(arguments: cases)
    func operationOnOneObject(_ c: OperationCase) async throws {
        let f = try Fixture()
        try f.store.createBucket("src", objectLock: c.seed.objectLock)
        try f.store.createBucket("dest")
        var a = ObjectAttributes()
        a.metadata.contentType = "text/plain"
        c.seed.change(&a)
        let before = try f.store.putObject(bucket: "src", key: "o", body: Array("data".utf8), attributes: a)
        let m = try await f.csvManifest(["src,o"])
        let job = try await f.run(f.request(c.operation, manifest: m, report: Self.report))
        #expect(job.status == .complete)
        let (_, rows) = try f.report(jobId: job.jobId)
        if let failure = c.failure {
            let row = try #require(rows["failed"]?.first)
            #expect(
                row[3] == "failed" && row[4] == String(failure.status) && row[5] == failure.code, "\(row)")
            #expect(job.progressSummary?.numberOfTasksFailed == 1)
        } else {
            let row = try #require(rows["succeeded"]?.first, "\(rows)")
            #expect(row[3] == "succeeded" && row[4] == "200")
        }
        let after = try f.store.objectInfo(bucket: "src", key: "o")
        #expect(c.check(after, before), "\(after)")
        #expect(after.eTag == before.eTag)
    }

    @Test func copyOfARestoredObjectSucceeds() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        var a = ObjectAttributes()
        a.storageClass = "GLACIER"
        _ = try f.store.putObject(bucket: "src", key: "o", body: Array("archived".utf8), attributes: a)
        let m = try await f.csvManifest(["src,o"])
        await expectEngineError("InvalidObjectState") { _ = try f.store.readObject(bucket: "src", key: "o") }
        _ = try await f.run(f.request(restore(1), manifest: m))
        let copied = try await f.run(f.request(copyOp(), manifest: m))
        #expect(copied.progressSummary?.numberOfTasksSucceeded == 1)
        #expect(try f.store.readObject(bucket: "dest", key: "o").body == Array("archived".utf8))
    }

    @Test func restoreCompletesAfterTheDelay() async throws {
        // The engine's own clock, fixed: the restore is ongoing until the test says time has passed.
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let f = try Fixture(options: LocalEngine.Options(restoreDelay: .seconds(4)), clock: { t0 })
        try f.store.createBucket("src")
        var a = ObjectAttributes()
        a.storageClass = "DEEP_ARCHIVE"
        _ = try f.store.putObject(bucket: "src", key: "o", body: Array("cold".utf8), attributes: a)
        let m = try await f.csvManifest(["src,o"])
        _ = try await f.run(f.request(restore(2), manifest: m))
        let ongoing = try f.store.objectInfo(bucket: "src", key: "o")
        #expect(ongoing.restore?.isOngoing(at: t0) == true)
        #expect(ongoing.restore?.completesAt == t0.addingTimeInterval(4))
        await expectEngineError("InvalidObjectState") {
            _ = try f.store.readObject(bucket: "src", key: "o", now: t0)
        }
        let again = try await f.run(f.request(restore(2), manifest: m, report: Self.report))
        let (_, rows) = try f.report(jobId: again.jobId)
        #expect(rows["failed"]?.first?[5] == "RestoreAlreadyInProgress")
        #expect(
            try f.store.readObject(bucket: "src", key: "o", now: t0.addingTimeInterval(4.1)).body
                == Array("cold".utf8))
    }

    @Test func copyIntoADirectoryBucket() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("fast--usw2-az1--x-s3")
        try f.putObjects("src", count: 1)
        let m = try await f.csvManifest(["src,key-0000"])
        let op = S3CopyObjectOperation(
            targetResource: "arn:aws:s3express:us-west-2:123456789012:bucket/fast--usw2-az1--x-s3",
            checksumAlgorithm: .xxhash3)
        let job = try await f.run(f.request(.s3PutObjectCopy(op), manifest: m))
        #expect(job.progressSummary?.numberOfTasksSucceeded == 1)
        let copy = try f.store.objectInfo(bucket: "fast--usw2-az1--x-s3", key: "key-0000")
        #expect(copy.storageClass == "EXPRESS_ONEZONE")
        #expect(copy.checksum == Checksums.compute(.xxhash3, Array("body 0".utf8)))
    }

    static let invalid: [(String, JobOperation)] = [
        ("ACL without policy", .s3PutObjectAcl(S3SetObjectAclOperation())),
        (
            "ACL with both",
            .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(
                        accessControlList: S3AccessControlList(owner: S3ObjectOwner(id: "o")),
                        cannedAccessControlList: .private)))
        ),
        (
            "ACL grants without owner",
            .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(
                        accessControlList: S3AccessControlList(owner: S3ObjectOwner(), grants: grants))))
        ),
        ("restore 0 days", restore(0)),
        ("retention mode without date", retention(.governance, nil)),
        ("retention date without mode", retention(nil, future)),
        (
            "eleven tags",
            .s3PutObjectTagging(
                S3SetObjectTaggingOperation(tagSet: (0..<11).map { S3Tag(key: "k\($0)", value: "v") }))
        ),
        (
            "checksum without algorithm",
            .s3ComputeObjectChecksum(S3ComputeObjectChecksumOperation(checksumType: .fullObject))
        ),
        (
            "CRC64NVME composite",
            .s3ComputeObjectChecksum(
                S3ComputeObjectChecksumOperation(checksumAlgorithm: .crc64nvme, checksumType: .composite))
        ),
        ("encryption without SSE-KMS", .s3UpdateObjectEncryption(S3UpdateObjectEncryptionOperation())),
        ("encryption with a bad key ARN", updateEncryption("alias/mine")),
        ("copy to an object ARN", copyOp { $0.targetResource = "arn:aws:s3:::dest/key" }),
        (
            "lambda user arguments with schema 1.0",
            .lambdaInvoke(
                LambdaInvokeOperation(
                    functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
                    invocationSchemaVersion: "1.0", userArguments: ["a": "b"]))
        ),
    ]

    @Test(arguments: invalid)
    func invalidOperationIsABadRequest(_ name: String, _ operation: JobOperation) async throws {
        let f = try Fixture()
        let m = try await f.csvManifest(["manifests,m.csv"])
        await expectEngineError(EngineError.badRequestException) {
            _ = try await f.engine.createJob(f.request(operation, manifest: m))
        }
    }
}
