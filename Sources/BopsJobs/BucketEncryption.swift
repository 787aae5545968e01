/// A bucket's default encryption (GetBucketEncryption): the server-side encryption new objects get
/// when a write asks for none, and for SSE-KMS the key (`nil`: the AWS managed key `aws/s3`).
public struct BucketEncryption: Sendable, Hashable, Codable {
    /// `SSEAlgorithm`: `AES256`, `aws:kms` or `aws:kms:dsse`.
    public var algorithm: String
    /// `KMSMasterKeyID`: a key ID, key ARN or alias.
    public var kmsKeyId: String?
    /// `BucketKeyEnabled`.
    public var bucketKeyEnabled: Bool

    public init(algorithm: String, kmsKeyId: String? = nil, bucketKeyEnabled: Bool = false) {
        self.algorithm = algorithm
        self.kmsKeyId = kmsKeyId
        self.bucketKeyEnabled = bucketKeyEnabled
    }

    /// SSE-KMS or DSSE-KMS: reading the objects takes `kms:Decrypt` on the key.
    public var isKMS: Bool { algorithm == "aws:kms" || algorithm == "aws:kms:dsse" }

    enum CodingKeys: String, CodingKey {
        case algorithm
        case kmsKeyId = "kms_key_id"
        case bucketKeyEnabled = "bucket_key_enabled"
    }
}
