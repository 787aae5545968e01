import BopsJobs
import FoundationEssentials

/// `S3UpdateObjectEncryption` (UpdateObjectEncryption): an SSE-S3 or SSE-KMS object becomes SSE-KMS
/// under the given key, with or without a bucket key. Data, ETag, checksum, storage class and
/// last-modified time do not change. Unencrypted, DSSE-KMS and SSE-C objects fail with 400
/// `InvalidRequest` and S3's messages.
struct EncryptionExecutor: VersionChangeExecutor {
    let store: LocalStore
    let kms: S3UpdateObjectEncryptionSSEKMS

    func change(_ info: inout ObjectInfo) throws {
        guard let sse = info.serverSideEncryption else {
            throw taskError(
                "InvalidRequest",
                "The UpdateObjectEncryption operation doesn't support unencrypted source objects. Only "
                    + "source objects encrypted with SSE-S3 or SSE-KMS are supported.", 400)
        }
        guard sse.isS3Managed || sse.isKMS else {
            throw taskError(
                "InvalidRequest",
                "The UpdateObjectEncryption operation doesn't support source objects with the encryption "
                    + "type DSSE-KMS or SSE-C. Only source objects encrypted with SSE-S3 or SSE-KMS are "
                    + "supported.", 400)
        }
        info.serverSideEncryption = ServerSideEncryption(
            algorithm: "aws:kms", kmsKeyId: kms.kmsKeyArn, bucketKeyEnabled: kms.bucketKeyEnabled ?? false)
    }
}
