/// String enumerations of the S3 Control model used by the copy operation. Raw values are AWS's.

public enum S3CannedAccessControlList: String, Codable, Sendable, Hashable, CaseIterable {
    case `private` = "private"
    case publicRead = "public-read"
    case publicReadWrite = "public-read-write"
    case awsExecRead = "aws-exec-read"
    case authenticatedRead = "authenticated-read"
    case bucketOwnerRead = "bucket-owner-read"
    case bucketOwnerFullControl = "bucket-owner-full-control"
}

/// `COPY` keeps the source object's metadata; `REPLACE` uses `NewObjectMetadata` instead.
public enum S3MetadataDirective: String, Codable, Sendable, Hashable, CaseIterable {
    case copy = "COPY"
    case replace = "REPLACE"
}

public enum S3StorageClass: String, Codable, Sendable, Hashable, CaseIterable {
    case standard = "STANDARD"
    case standardIA = "STANDARD_IA"
    case onezoneIA = "ONEZONE_IA"
    case glacier = "GLACIER"
    case intelligentTiering = "INTELLIGENT_TIERING"
    case deepArchive = "DEEP_ARCHIVE"
    case glacierIR = "GLACIER_IR"
}

public enum S3ObjectLockLegalHoldStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case off = "OFF"
    case on = "ON"
}

public enum S3ObjectLockMode: String, Codable, Sendable, Hashable, CaseIterable {
    case compliance = "COMPLIANCE"
    case governance = "GOVERNANCE"
}

public enum S3ChecksumAlgorithm: String, Codable, Sendable, Hashable, CaseIterable {
    case crc32 = "CRC32"
    case crc32c = "CRC32C"
    case sha1 = "SHA1"
    case sha256 = "SHA256"
    case crc64nvme = "CRC64NVME"
    case sha512 = "SHA512"
    case md5 = "MD5"
    case xxhash64 = "XXHASH64"
    case xxhash3 = "XXHASH3"
    case xxhash128 = "XXHASH128"
}

public enum S3Permission: String, Codable, Sendable, Hashable, CaseIterable {
    case fullControl = "FULL_CONTROL"
    case read = "READ"
    case write = "WRITE"
    case readACP = "READ_ACP"
    case writeACP = "WRITE_ACP"
}

public enum S3GranteeTypeIdentifier: String, Codable, Sendable, Hashable, CaseIterable {
    case id = "id"
    case emailAddress = "emailAddress"
    case uri = "uri"
}

/// `AES256` is SSE-S3, `KMS` is SSE-KMS (`S3SSEAlgorithm`).
public enum S3SSEAlgorithm: String, Codable, Sendable, Hashable, CaseIterable {
    case aes256 = "AES256"
    case kms = "KMS"
}

/// An object's replication status (`ReplicationStatus`).
public enum ReplicationStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case completed = "COMPLETED"
    case failed = "FAILED"
    case replica = "REPLICA"
    case none = "NONE"
}

/// The retrieval tier of a restore (`S3GlacierJobTier`): Batch Operations allows these two only.
public enum S3GlacierJobTier: String, Codable, Sendable, Hashable, CaseIterable {
    case bulk = "BULK"
    case standard = "STANDARD"
}

/// How a computed checksum covers the object (`ComputeObjectChecksumType`): one value over the whole
/// object, or a checksum of the part checksums.
public enum S3ComputeObjectChecksumType: String, Codable, Sendable, Hashable, CaseIterable {
    case fullObject = "FULL_OBJECT"
    case composite = "COMPOSITE"
}

/// The Intelligent-Tiering archive tier of an object (`x-amz-archive-status`, `ArchiveStatus`).
public enum S3ArchiveStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case archiveAccess = "ARCHIVE_ACCESS"
    case deepArchiveAccess = "DEEP_ARCHIVE_ACCESS"
}
