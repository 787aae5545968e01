import BopsAWS
import BopsEmulator
import BopsJobs
import BopsLocalEngine
import Foundation
import Testing

/// One operation sent by the aws engine (CreateJob encoded with the shared codec, SigV4-signed, over
/// HTTP) to the emulator, and the stored object it must leave.
struct EngineCase: Sendable, CustomStringConvertible {
    var description: String
    var objectLock = false
    var seed: @Sendable (inout ObjectAttributes) -> Void = { _ in }
    var operation: JobOperation
    var failed = 0
    var check: @Sendable (ObjectInfo) -> Bool
}

let engineKey = "arn:aws:kms:us-east-1:123456789012:key/aaaa-bbbb"
let until = Date(timeIntervalSince1970: 1_900_000_000)

@Suite(.tags(.process)) struct AWSEngineOperationTests {
    static let cases: [EngineCase] = [
        EngineCase(
            description: "S3PutObjectTagging", seed: { $0.tags = [S3Tag(key: "a", value: "1")] },
            operation: .s3PutObjectTagging(S3SetObjectTaggingOperation(tagSet: [S3Tag(key: "t", value: "v")]))
        ) { $0.tags == [S3Tag(key: "t", value: "v")] },
        EngineCase(
            description: "S3DeleteObjectTagging", seed: { $0.tags = [S3Tag(key: "a", value: "1")] },
            operation: .s3DeleteObjectTagging
        ) { $0.tags == [] },
        EngineCase(
            description: "S3PutObjectAcl",
            operation: .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(
                        cannedAccessControlList: .bucketOwnerFullControl)))
        ) { $0.acl == ObjectACL(canned: .bucketOwnerFullControl) },
        EngineCase(
            description: "S3PutObjectLegalHold", objectLock: true,
            operation: .s3PutObjectLegalHold(
                S3SetObjectLegalHoldOperation(legalHold: S3ObjectLockLegalHold(status: .on)))
        ) { $0.objectLockLegalHoldStatus == .on },
        EngineCase(
            description: "S3PutObjectRetention", objectLock: true,
            operation: .s3PutObjectRetention(
                S3SetObjectRetentionOperation(
                    retention: S3Retention(retainUntilDate: until, mode: .compliance)))
        ) { $0.objectLockMode == .compliance && $0.objectLockRetainUntilDate == until },
        EngineCase(
            description: "S3InitiateRestoreObject", seed: { $0.storageClass = "DEEP_ARCHIVE" },
            operation: .s3InitiateRestoreObject(
                S3InitiateRestoreObjectOperation(expirationInDays: 5, glacierJobTier: .standard))
        ) { $0.restore?.tier == .standard && $0.isReadable(at: Date()) },
        EngineCase(
            description: "S3ComputeObjectChecksum",
            operation: .s3ComputeObjectChecksum(
                S3ComputeObjectChecksumOperation(checksumAlgorithm: .xxhash64, checksumType: .fullObject))
        ) { $0.tags == [] },
        EngineCase(
            description: "S3UpdateObjectEncryption",
            operation: .s3UpdateObjectEncryption(
                S3UpdateObjectEncryptionOperation(
                    objectEncryption: S3UpdateObjectEncryption(
                        sseKMS: S3UpdateObjectEncryptionSSEKMS(kmsKeyArn: engineKey))))
        ) {
            $0.serverSideEncryption?.kmsKeyId == engineKey && $0.serverSideEncryption?.algorithm == "aws:kms"
        },
        EngineCase(
            description: "S3UpdateObjectEncryption of an unencrypted object",
            seed: { $0.serverSideEncryption = nil },
            operation: .s3UpdateObjectEncryption(
                S3UpdateObjectEncryptionOperation(
                    objectEncryption: S3UpdateObjectEncryption(
                        sseKMS: S3UpdateObjectEncryptionSSEKMS(kmsKeyArn: engineKey)))),
            failed: 1
        ) { $0.serverSideEncryption == nil },
        EngineCase(
            description: "S3PutObjectCopy to a directory bucket",
            operation: .s3PutObjectCopy(
                S3CopyObjectOperation(
                    targetResource: "arn:aws:s3express:us-east-1:123456789012:bucket/dir--use1-az4--x-s3",
                    checksumAlgorithm: .md5))
        ) { $0.eTag.isEmpty == false },
        EngineCase(
            description: "S3PutObjectCopy of a GLACIER object", seed: { $0.storageClass = "GLACIER" },
            operation: .s3PutObjectCopy(
                S3CopyObjectOperation(targetResource: "arn:aws:s3:::dir--use1-az4--x-s3")),
            failed: 1
        ) { $0.storageClass == "GLACIER" },
    ]

    @Test(.timeLimit(.minutes(1)), arguments: cases)
    func operationThroughTheAWSEngine(_ c: EngineCase) async throws {
        try await withEmulator { server, running in
            let store = server.engine.store
            try store.createBucket("src", objectLock: c.objectLock)
            for bucket in ["manifests", "dir--use1-az4--x-s3"] { try store.createBucket(bucket) }
            var a = ObjectAttributes()
            c.seed(&a)
            _ = try store.putObject(bucket: "src", key: "o", body: Array("engine!".utf8), attributes: a)
            let manifest = try store.putObject(
                bucket: "manifests", key: "m.csv", body: Array("src,o\n".utf8), attributes: ObjectAttributes()
            )
            let engine = try awsEngine(for: running)
            defer { Task { try? await engine.shutdown() } }
            let job = try await runJob(engine, c.operation, manifestETag: manifest.eTag)
            #expect(job.status == .complete)
            #expect(job.operation == c.operation, "DescribeJob reads the operation back")
            #expect(job.progressSummary?.numberOfTasksFailed == Int64(c.failed))
            #expect(job.progressSummary?.numberOfTasksSucceeded == Int64(1 - c.failed))
            let after = try store.objectInfo(bucket: "src", key: "o")
            #expect(c.check(after), "\(after)")
            if case .s3PutObjectCopy = c.operation, c.failed == 0 {
                let copy = try store.objectInfo(bucket: "dir--use1-az4--x-s3", key: "o")
                #expect(copy.storageClass == "EXPRESS_ONEZONE")
                #expect(copy.checksum?.algorithm == .md5)
            }
        }
    }
}
