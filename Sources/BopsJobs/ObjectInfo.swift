public import FoundationEssentials

/// A bucket's versioning state. Once enabled it can only be suspended, never turned off.
public enum VersioningStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case enabled = "Enabled"
    case suspended = "Suspended"
}

/// What S3 knows about one object version.
///
/// `versionId` is `nil` for an object written while versioning was off (S3 shows it as `null`);
/// `eTag` is quoted (`"9a0364b9e99bb480dd25e1f0284c8555"`); `tags` is `nil` when the source of this
/// value did not include them (HeadObject over HTTP does not).
public struct ObjectInfo: Codable, Sendable, Hashable {
    public var bucket: String
    public var key: String
    public var versionId: String?
    public var isLatest: Bool
    public var eTag: String
    public var size: Int64
    public var lastModified: Date
    public var storageClass: ObjectStorageClass
    public var metadata: ObjectMetadata
    public var tags: [S3Tag]?
    public var acl: ObjectACL?
    public var serverSideEncryption: ServerSideEncryption?
    public var checksum: ObjectChecksum?
    public var objectLockMode: S3ObjectLockMode?
    public var objectLockRetainUntilDate: Date?
    public var objectLockLegalHoldStatus: S3ObjectLockLegalHoldStatus?
    public var replicationStatus: ReplicationStatus?
    /// The restore of an archived object (RestoreObject), `nil` when none was asked for.
    public var restore: ObjectRestore?
    /// The Intelligent-Tiering archive tier an `INTELLIGENT_TIERING` object is in (`nil`: an access
    /// tier that serves reads directly).
    public var archiveStatus: S3ArchiveStatus?
    /// The part sizes of an object uploaded in parts (its ETag ends in `-<count>`); `nil` for a
    /// single-part upload.
    public var partSizes: [Int64]?

    public init(
        bucket: String, key: String, versionId: String? = nil, isLatest: Bool = true, eTag: String,
        size: Int64,
        lastModified: Date, storageClass: ObjectStorageClass = .standard,
        metadata: ObjectMetadata = ObjectMetadata(),
        tags: [S3Tag]? = nil, acl: ObjectACL? = nil, serverSideEncryption: ServerSideEncryption? = nil,
        checksum: ObjectChecksum? = nil, objectLockMode: S3ObjectLockMode? = nil,
        objectLockRetainUntilDate: Date? = nil, objectLockLegalHoldStatus: S3ObjectLockLegalHoldStatus? = nil,
        replicationStatus: ReplicationStatus? = nil, restore: ObjectRestore? = nil,
        archiveStatus: S3ArchiveStatus? = nil, partSizes: [Int64]? = nil
    ) {
        self.bucket = bucket
        self.key = key
        self.versionId = versionId
        self.isLatest = isLatest
        self.eTag = eTag
        self.size = size
        self.lastModified = lastModified
        self.storageClass = storageClass
        self.metadata = metadata
        self.tags = tags
        self.acl = acl
        self.serverSideEncryption = serverSideEncryption
        self.checksum = checksum
        self.objectLockMode = objectLockMode
        self.objectLockRetainUntilDate = objectLockRetainUntilDate
        self.objectLockLegalHoldStatus = objectLockLegalHoldStatus
        self.replicationStatus = replicationStatus
        self.restore = restore
        self.archiveStatus = archiveStatus
        self.partSizes = partSizes
    }

    /// Whether the object is in an archive (GLACIER, DEEP_ARCHIVE, or an Intelligent-Tiering
    /// archive tier): its data cannot be read until a restore completes.
    public var isArchived: Bool {
        storageClass.isArchive || (storageClass == .intelligentTiering && archiveStatus != nil)
    }

    /// Whether GetObject (or a copy) may read the data at `now`: not archived, or a restore has
    /// completed and its temporary copy has not expired.
    public func isReadable(at now: Date) -> Bool {
        guard isArchived else { return true }
        guard let restore, now >= restore.completesAt else { return false }
        return restore.expiryDate.map { now < $0 } ?? true
    }

    enum CodingKeys: String, CodingKey {
        case bucket, key, size, metadata, tags, acl, checksum, restore
        case archiveStatus = "archive_status"
        case partSizes = "part_sizes"
        case versionId = "version_id"
        case isLatest = "is_latest"
        case eTag = "e_tag"
        case lastModified = "last_modified"
        case storageClass = "storage_class"
        case serverSideEncryption = "server_side_encryption"
        case objectLockMode = "object_lock_mode"
        case objectLockRetainUntilDate = "object_lock_retain_until_date"
        case objectLockLegalHoldStatus = "object_lock_legal_hold_status"
        case replicationStatus = "replication_status"
    }
}

/// The standard HTTP headers S3 stores with an object, and its user metadata (`x-amz-meta-*`).
public struct ObjectMetadata: Codable, Sendable, Hashable {
    public var contentType: String?
    public var cacheControl: String?
    public var contentDisposition: String?
    public var contentEncoding: String?
    public var contentLanguage: String?
    public var expires: Date?
    public var websiteRedirectLocation: String?
    public var userMetadata: [String: String]

    public init(
        contentType: String? = nil, cacheControl: String? = nil, contentDisposition: String? = nil,
        contentEncoding: String? = nil, contentLanguage: String? = nil, expires: Date? = nil,
        websiteRedirectLocation: String? = nil, userMetadata: [String: String] = [:]
    ) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.contentDisposition = contentDisposition
        self.contentEncoding = contentEncoding
        self.contentLanguage = contentLanguage
        self.expires = expires
        self.websiteRedirectLocation = websiteRedirectLocation
        self.userMetadata = userMetadata
    }

    enum CodingKeys: String, CodingKey {
        case expires
        case contentType = "content_type"
        case cacheControl = "cache_control"
        case contentDisposition = "content_disposition"
        case contentEncoding = "content_encoding"
        case contentLanguage = "content_language"
        case websiteRedirectLocation = "website_redirect_location"
        case userMetadata = "user_metadata"
    }
}

/// An object's ACL: a canned ACL, explicit grants, or both as S3 reports them.
///
/// `owner` is the owner named by an explicit access control list (`nil`: the bucket owner).
public struct ObjectACL: Codable, Sendable, Hashable {
    public var canned: S3CannedAccessControlList?
    public var grants: [S3Grant]
    public var owner: S3ObjectOwner?

    public init(canned: S3CannedAccessControlList? = nil, grants: [S3Grant] = [], owner: S3ObjectOwner? = nil)
    {
        self.canned = canned
        self.grants = grants
        self.owner = owner
    }
}

/// A restore of an archived object: the temporary copy is readable from `completesAt` until
/// `expiryDate` (`nil` for an Intelligent-Tiering archive tier, whose object moves back to an
/// access tier for good). Before `completesAt` HeadObject shows `ongoing-request="true"`.
public struct ObjectRestore: Codable, Sendable, Hashable {
    public var completesAt: Date
    public var expiryDate: Date?
    public var tier: S3GlacierJobTier?

    public init(completesAt: Date, expiryDate: Date? = nil, tier: S3GlacierJobTier? = nil) {
        self.completesAt = completesAt
        self.expiryDate = expiryDate
        self.tier = tier
    }

    /// Whether the restore is still running at `now`.
    public func isOngoing(at now: Date) -> Bool { now < completesAt }

    enum CodingKeys: String, CodingKey {
        case tier
        case completesAt = "completes_at"
        case expiryDate = "expiry_date"
    }
}

/// Server-side encryption of a stored object: `algorithm` is `AES256` (SSE-S3), `aws:kms`
/// (SSE-KMS) or `aws:kms:dsse` (DSSE-KMS) as S3 reports it. An object encrypted with a key the
/// client provided (SSE-C) has `customerAlgorithm` (`AES256`) and the key's MD5; its `algorithm`
/// is the same `AES256`, and S3 reports it only in the `x-amz-server-side-encryption-customer-*`
/// headers.
public struct ServerSideEncryption: Codable, Sendable, Hashable {
    public var algorithm: String
    public var kmsKeyId: String?
    public var bucketKeyEnabled: Bool?
    public var customerAlgorithm: String?
    public var customerKeyMD5: String?

    public init(
        algorithm: String, kmsKeyId: String? = nil, bucketKeyEnabled: Bool? = nil,
        customerAlgorithm: String? = nil, customerKeyMD5: String? = nil
    ) {
        self.algorithm = algorithm
        self.kmsKeyId = kmsKeyId
        self.bucketKeyEnabled = bucketKeyEnabled
        self.customerAlgorithm = customerAlgorithm
        self.customerKeyMD5 = customerKeyMD5
    }

    /// SSE-C: encrypted with a key the client sends on every request.
    public var isCustomerProvided: Bool { customerAlgorithm != nil }
    /// SSE-S3 (`AES256` with S3's own keys).
    public var isS3Managed: Bool { algorithm == "AES256" && !isCustomerProvided }
    /// SSE-KMS (single layer).
    public var isKMS: Bool { algorithm == "aws:kms" }
    /// DSSE-KMS (dual layer).
    public var isDualLayerKMS: Bool { algorithm == "aws:kms:dsse" }

    enum CodingKeys: String, CodingKey {
        case algorithm
        case kmsKeyId = "kms_key_id"
        case bucketKeyEnabled = "bucket_key_enabled"
        case customerAlgorithm = "customer_algorithm"
        case customerKeyMD5 = "customer_key_md5"
    }
}

/// An additional checksum: `value` is base64 of the big-endian digest, as S3 reports it.
public struct ObjectChecksum: Codable, Sendable, Hashable {
    public var algorithm: S3ChecksumAlgorithm
    public var value: String

    public init(algorithm: S3ChecksumAlgorithm, value: String) {
        self.algorithm = algorithm
        self.value = value
    }
}
