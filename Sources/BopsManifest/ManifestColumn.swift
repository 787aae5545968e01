public import BopsJobs

/// A column of a manifest as bops reads it: the three S3 Batch Operations reads (Bucket, Key,
/// VersionId), every optional field an S3 Inventory report can carry (Size, StorageClass, ETag,
/// ...), and Ignore. A superset of CreateJob's ``JobManifestFieldName``, mapped to it at the edge
/// (``wire``), so an inventory's Size and StorageClass columns keep their names for what needs them
/// (object counts, sizes, cost) instead of all reading as Ignore.
public enum ManifestColumn: String, Sendable, Hashable, CaseIterable, Codable {
    case bucket = "Bucket"
    case key = "Key"
    case versionId = "VersionId"
    case isLatest = "IsLatest"
    case isDeleteMarker = "IsDeleteMarker"
    case size = "Size"
    case lastModifiedDate = "LastModifiedDate"
    case storageClass = "StorageClass"
    case eTag = "ETag"
    case isMultipartUploaded = "IsMultipartUploaded"
    case replicationStatus = "ReplicationStatus"
    case encryptionStatus = "EncryptionStatus"
    case objectLockRetainUntilDate = "ObjectLockRetainUntilDate"
    case objectLockMode = "ObjectLockMode"
    case objectLockLegalHoldStatus = "ObjectLockLegalHoldStatus"
    case intelligentTieringAccessTier = "IntelligentTieringAccessTier"
    case bucketKeyStatus = "BucketKeyStatus"
    case checksumAlgorithm = "ChecksumAlgorithm"
    case objectAccessControlList = "ObjectAccessControlList"
    case objectOwner = "ObjectOwner"
    case lifecycleExpirationDate = "LifecycleExpirationDate"
    /// A column nobody reads (a completion report's status columns, an unknown inventory field).
    case ignore = "Ignore"

    /// The column CreateJob's field names.
    public init(_ field: JobManifestFieldName) {
        switch field {
        case .bucket: self = .bucket
        case .key: self = .key
        case .versionId: self = .versionId
        case .ignore: self = .ignore
        }
    }

    /// A column of an inventory's `fileSchema` (`Bucket, Key, Size, ...`); a name S3 adds later
    /// reads as Ignore.
    public init(inventoryField name: String) {
        self = Self(rawValue: name) ?? .ignore
    }

    /// What S3 Batch Operations reads the column as: Bucket, Key and VersionId are themselves,
    /// every other column is Ignore.
    public var wire: JobManifestFieldName {
        switch self {
        case .bucket: .bucket
        case .key: .key
        case .versionId: .versionId
        case .isLatest, .isDeleteMarker, .size, .lastModifiedDate, .storageClass, .eTag, .isMultipartUploaded,
            .replicationStatus, .encryptionStatus, .objectLockRetainUntilDate, .objectLockMode,
            .objectLockLegalHoldStatus, .intelligentTieringAccessTier, .bucketKeyStatus, .checksumAlgorithm,
            .objectAccessControlList, .objectOwner, .lifecycleExpirationDate, .ignore:
            .ignore
        }
    }

    /// Whether the column names the row's object (Bucket, Key, VersionId).
    public var namesTheObject: Bool { wire != .ignore }
}
