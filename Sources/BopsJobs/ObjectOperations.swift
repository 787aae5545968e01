public import FoundationEssentials

/// `LambdaInvokeOperation`: the job calls a Lambda function with batches of tasks.
///
/// `invocationSchemaVersion` is `"1.0"` (default) or `"2.0"`; `userArguments` (at most 10 entries,
/// keys up to 64 and values up to 1,024 characters) are passed to the function only with `"2.0"`.
public struct LambdaInvokeOperation: Codable, Sendable, Hashable {
    public var functionArn: String?
    public var invocationSchemaVersion: String?
    public var userArguments: [String: String]?

    public init(
        functionArn: String? = nil, invocationSchemaVersion: String? = nil,
        userArguments: [String: String]? = nil
    ) {
        self.functionArn = functionArn
        self.invocationSchemaVersion = invocationSchemaVersion
        self.userArguments = userArguments
    }

    enum CodingKeys: String, CodingKey {
        case functionArn = "function_arn"
        case invocationSchemaVersion = "invocation_schema_version"
        case userArguments = "user_arguments"
    }
}

/// `S3SetObjectAclOperation`: PutObjectAcl on every object; the policy replaces the object's grants.
public struct S3SetObjectAclOperation: Codable, Sendable, Hashable {
    public var accessControlPolicy: S3AccessControlPolicy?

    public init(accessControlPolicy: S3AccessControlPolicy? = nil) {
        self.accessControlPolicy = accessControlPolicy
    }

    enum CodingKeys: String, CodingKey {
        case accessControlPolicy = "access_control_policy"
    }
}

/// `S3AccessControlPolicy`: either explicit grants (`accessControlList`, which needs an owner) or a
/// canned ACL, not both.
public struct S3AccessControlPolicy: Codable, Sendable, Hashable {
    public var accessControlList: S3AccessControlList?
    public var cannedAccessControlList: S3CannedAccessControlList?

    public init(
        accessControlList: S3AccessControlList? = nil,
        cannedAccessControlList: S3CannedAccessControlList? = nil
    ) {
        self.accessControlList = accessControlList
        self.cannedAccessControlList = cannedAccessControlList
    }

    enum CodingKeys: String, CodingKey {
        case accessControlList = "access_control_list"
        case cannedAccessControlList = "canned_access_control_list"
    }
}

/// `S3AccessControlList`: the owner (required by the model) and the grants.
public struct S3AccessControlList: Codable, Sendable, Hashable {
    public var owner: S3ObjectOwner
    public var grants: [S3Grant]?

    public init(owner: S3ObjectOwner, grants: [S3Grant]? = nil) {
        self.owner = owner
        self.grants = grants
    }

    enum CodingKeys: String, CodingKey {
        case owner
        case grants
    }
}

/// `S3ObjectOwner`: the canonical user id (`ID`) and display name of an object's owner.
public struct S3ObjectOwner: Codable, Sendable, Hashable {
    public var id: String?
    public var displayName: String?

    public init(id: String? = nil, displayName: String? = nil) {
        self.id = id
        self.displayName = displayName
    }

    enum CodingKeys: String, CodingKey {
        case id
        case displayName = "display_name"
    }
}

/// `S3SetObjectTaggingOperation`: PutObjectTagging; `tagSet` replaces each object's whole tag set
/// (an empty or absent set leaves the object with no tags).
public struct S3SetObjectTaggingOperation: Codable, Sendable, Hashable {
    public var tagSet: [S3Tag]?

    public init(tagSet: [S3Tag]? = nil) {
        self.tagSet = tagSet
    }

    enum CodingKeys: String, CodingKey {
        case tagSet = "tag_set"
    }
}

/// `S3InitiateRestoreObjectOperation`: RestoreObject on archived objects.
///
/// AWS's rules: `expirationInDays` at least 1 for GLACIER and DEEP_ARCHIVE objects and absent for
/// objects in the Intelligent-Tiering archive tiers; `glacierJobTier` BULK or STANDARD only.
public struct S3InitiateRestoreObjectOperation: Codable, Sendable, Hashable {
    public var expirationInDays: Int?
    public var glacierJobTier: S3GlacierJobTier?

    public init(expirationInDays: Int? = nil, glacierJobTier: S3GlacierJobTier? = nil) {
        self.expirationInDays = expirationInDays
        self.glacierJobTier = glacierJobTier
    }

    enum CodingKeys: String, CodingKey {
        case expirationInDays = "expiration_in_days"
        case glacierJobTier = "glacier_job_tier"
    }
}

/// `S3SetObjectLegalHoldOperation`: PutObjectLegalHold; needs a bucket with Object Lock.
public struct S3SetObjectLegalHoldOperation: Codable, Sendable, Hashable {
    public var legalHold: S3ObjectLockLegalHold

    public init(legalHold: S3ObjectLockLegalHold) {
        self.legalHold = legalHold
    }

    enum CodingKeys: String, CodingKey {
        case legalHold = "legal_hold"
    }
}

/// `S3ObjectLockLegalHold`: the status to apply.
public struct S3ObjectLockLegalHold: Codable, Sendable, Hashable {
    public var status: S3ObjectLockLegalHoldStatus

    public init(status: S3ObjectLockLegalHoldStatus) {
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case status
    }
}

/// `S3SetObjectRetentionOperation`: PutObjectRetention; needs a bucket with Object Lock.
///
/// GOVERNANCE retention can be shortened or removed only with `bypassGovernanceRetention`;
/// COMPLIANCE retention can never be shortened.
public struct S3SetObjectRetentionOperation: Codable, Sendable, Hashable {
    public var bypassGovernanceRetention: Bool?
    public var retention: S3Retention

    public init(bypassGovernanceRetention: Bool? = nil, retention: S3Retention) {
        self.bypassGovernanceRetention = bypassGovernanceRetention
        self.retention = retention
    }

    enum CodingKeys: String, CodingKey {
        case bypassGovernanceRetention = "bypass_governance_retention"
        case retention
    }
}

/// `S3Retention`: mode and date; both absent removes the retention.
public struct S3Retention: Codable, Sendable, Hashable {
    public var retainUntilDate: Date?
    public var mode: S3ObjectLockMode?

    public init(retainUntilDate: Date? = nil, mode: S3ObjectLockMode? = nil) {
        self.retainUntilDate = retainUntilDate
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey {
        case retainUntilDate = "retain_until_date"
        case mode
    }
}

/// `S3ComputeObjectChecksumOperation`: computes a checksum of each object's data without changing
/// it; the values go to the completion report.
public struct S3ComputeObjectChecksumOperation: Codable, Sendable, Hashable {
    public var checksumAlgorithm: S3ChecksumAlgorithm?
    public var checksumType: S3ComputeObjectChecksumType?

    public init(
        checksumAlgorithm: S3ChecksumAlgorithm? = nil, checksumType: S3ComputeObjectChecksumType? = nil
    ) {
        self.checksumAlgorithm = checksumAlgorithm
        self.checksumType = checksumType
    }

    enum CodingKeys: String, CodingKey {
        case checksumAlgorithm = "checksum_algorithm"
        case checksumType = "checksum_type"
    }
}

/// `S3UpdateObjectEncryptionOperation`: re-encrypts SSE-S3 or SSE-KMS objects with SSE-KMS under
/// the given key, without changing their data or ETag.
public struct S3UpdateObjectEncryptionOperation: Codable, Sendable, Hashable {
    public var objectEncryption: S3UpdateObjectEncryption?

    public init(objectEncryption: S3UpdateObjectEncryption? = nil) {
        self.objectEncryption = objectEncryption
    }

    enum CodingKeys: String, CodingKey {
        case objectEncryption = "object_encryption"
    }
}

/// `ObjectEncryption` of UpdateObjectEncryption: the model's one choice is SSE-KMS (`SSE-KMS`).
public struct S3UpdateObjectEncryption: Codable, Sendable, Hashable {
    public var sseKMS: S3UpdateObjectEncryptionSSEKMS?

    public init(sseKMS: S3UpdateObjectEncryptionSSEKMS? = nil) {
        self.sseKMS = sseKMS
    }

    enum CodingKeys: String, CodingKey {
        case sseKMS = "sse_kms"
    }
}

/// `S3UpdateObjectEncryptionSSEKMS`: the KMS key ARN (required) and whether to use a bucket key.
public struct S3UpdateObjectEncryptionSSEKMS: Codable, Sendable, Hashable {
    public var kmsKeyArn: String
    public var bucketKeyEnabled: Bool?

    public init(kmsKeyArn: String, bucketKeyEnabled: Bool? = nil) {
        self.kmsKeyArn = kmsKeyArn
        self.bucketKeyEnabled = bucketKeyEnabled
    }

    enum CodingKeys: String, CodingKey {
        case kmsKeyArn = "kms_key_arn"
        case bucketKeyEnabled = "bucket_key_enabled"
    }
}
