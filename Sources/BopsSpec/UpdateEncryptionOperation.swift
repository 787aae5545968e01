public import BopsJobs
import BopsNode

extension JobSpec {
    /// `operation.updateEncryption`: S3UpdateObjectEncryption (botocore
    /// `S3UpdateObjectEncryptionOperation`, its one choice `SSE-KMS`). Objects are re-encrypted under
    /// `kmsKeyArn` without rewriting their data (ETag unchanged); objects that are not encrypted or
    /// use DSSE-KMS or SSE-C fail, task by task (the engine's check).
    public struct UpdateEncryptionOperation: Sendable, Hashable, Codable {
        /// `arn:aws:kms:REGION:ACCOUNT:key/ID` (the schema's pattern is the model's).
        public var kmsKeyArn: String
        /// Nil leaves `BucketKeyEnabled` out (AWS's default is false).
        public var bucketKeyEnabled: Bool?

        public init(kmsKeyArn: String, bucketKeyEnabled: Bool? = nil) {
            self.kmsKeyArn = kmsKeyArn
            self.bucketKeyEnabled = bucketKeyEnabled
        }
    }
}

extension JobSpec.UpdateEncryptionOperation {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard let key = d.required(node, "kmsKeyArn", at) else { return nil }
        return Self(kmsKeyArn: key, bucketKeyEnabled: d.bool(node, "bucketKeyEnabled", at))
    }

    var canonicalValue: CanonicalJSON {
        .members([("kmsKeyArn", .string(kmsKeyArn)), ("bucketKeyEnabled", .bool(bucketKeyEnabled))])
    }

    /// The `S3UpdateObjectEncryptionOperation` CreateJob sends.
    public var s3Operation: S3UpdateObjectEncryptionOperation {
        S3UpdateObjectEncryptionOperation(
            objectEncryption: S3UpdateObjectEncryption(
                sseKMS: S3UpdateObjectEncryptionSSEKMS(
                    kmsKeyArn: kmsKeyArn, bucketKeyEnabled: bucketKeyEnabled)))
    }
}
