extension JobSpec {
    /// What the job does to each object (`spec.operation`).
    public enum Operation: Sendable, Hashable, Codable {
        /// `copy`: S3PutObjectCopy.
        case copy(CopyOperation)
        /// `replicate: {}`: S3ReplicateObject, under the source bucket's replication configuration.
        case replicate
    }

    /// `operation.copy` (botocore `S3CopyObjectOperation`).
    public struct CopyOperation: Sendable, Hashable, Codable {
        /// Destination bucket ARN (`TargetResource`).
        public var destination: String
        public var keyPrefix: String?
        public var storageClass: StorageClass?
        public var encryption: Encryption?
        public var tags: ObjectTagging
        public var metadata: ObjectMetadata
        public var acl: AccessControl?
        public var objectLock: ObjectLock?
        public var checksumAlgorithm: ChecksumAlgorithm?
        public var modifiedSince: Timestamp?
        public var unmodifiedSince: Timestamp?
        public var redirectLocation: String?
        public var requesterPays: Bool

        public init(
            destination: String, keyPrefix: String? = nil, storageClass: StorageClass? = nil,
            encryption: Encryption? = nil, tags: ObjectTagging = ObjectTagging(),
            metadata: ObjectMetadata = ObjectMetadata(),
            acl: AccessControl? = nil, objectLock: ObjectLock? = nil,
            checksumAlgorithm: ChecksumAlgorithm? = nil,
            modifiedSince: Timestamp? = nil, unmodifiedSince: Timestamp? = nil,
            redirectLocation: String? = nil,
            requesterPays: Bool = false
        ) {
            self.destination = destination
            self.keyPrefix = keyPrefix
            self.storageClass = storageClass
            self.encryption = encryption
            self.tags = tags
            self.metadata = metadata
            self.acl = acl
            self.objectLock = objectLock
            self.checksumAlgorithm = checksumAlgorithm
            self.modifiedSince = modifiedSince
            self.unmodifiedSince = unmodifiedSince
            self.redirectLocation = redirectLocation
            self.requesterPays = requesterPays
        }
    }

    /// `copy.encryption`.
    public struct Encryption: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            case sseS3 = "SSE-S3"
            case sseKMS = "SSE-KMS"

            /// botocore `S3SSEAlgorithm`.
            public var awsValue: String { self == .sseS3 ? "AES256" : "KMS" }
        }

        public var type: Kind
        /// Only with `.sseKMS`.
        public var kmsKeyArn: String?
        /// Only with `.sseKMS`.
        public var bucketKeyEnabled: Bool?

        public init(type: Kind, kmsKeyArn: String? = nil, bucketKeyEnabled: Bool? = nil) {
            self.type = type
            self.kmsKeyArn = kmsKeyArn
            self.bucketKeyEnabled = bucketKeyEnabled
        }
    }

    /// `copy.tags`: the tags of the copies.
    public struct ObjectTagging: Sendable, Hashable, Codable {
        public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
            /// Keep the source tags (NewObjectTagging not sent).
            case copy
            /// Exactly the tags of `set`.
            case replace
            /// No tags (an empty NewObjectTagging).
            case remove
        }

        public var mode: Mode
        /// Non-empty only with `.replace`.
        public var set: [String: String]

        public init(mode: Mode = .copy, set: [String: String] = [:]) {
            self.mode = mode
            self.set = set
        }
    }

    /// `copy.metadata`: MetadataDirective and NewObjectMetadata.
    public struct ObjectMetadata: Sendable, Hashable, Codable {
        public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
            case copy
            case replace

            /// botocore `S3MetadataDirective`.
            public var awsValue: String { self == .copy ? "COPY" : "REPLACE" }
        }

        public var mode: Mode
        public var cacheControl: String?
        public var contentDisposition: String?
        public var contentEncoding: String?
        public var contentLanguage: String?
        public var contentType: String?
        public var expires: Timestamp?
        /// `x-amz-meta-*` values.
        public var user: [String: String]

        public init(
            mode: Mode = .copy, cacheControl: String? = nil, contentDisposition: String? = nil,
            contentEncoding: String? = nil, contentLanguage: String? = nil, contentType: String? = nil,
            expires: Timestamp? = nil, user: [String: String] = [:]
        ) {
            self.mode = mode
            self.cacheControl = cacheControl
            self.contentDisposition = contentDisposition
            self.contentEncoding = contentEncoding
            self.contentLanguage = contentLanguage
            self.contentType = contentType
            self.expires = expires
            self.user = user
        }

        /// True when any value besides `mode` is set (values need mode replace).
        public var hasValues: Bool {
            cacheControl != nil || contentDisposition != nil || contentEncoding != nil
                || contentLanguage != nil
                || contentType != nil || expires != nil || !user.isEmpty
        }
    }

    /// `copy.acl`: a canned ACL or explicit grants.
    public enum AccessControl: Sendable, Hashable, Codable {
        case canned(CannedACL)
        case grants([Grant])
    }

    /// botocore `S3CannedAccessControlList`.
    public enum CannedACL: String, Sendable, Hashable, Codable, CaseIterable {
        case `private` = "private"
        case publicRead = "public-read"
        case publicReadWrite = "public-read-write"
        case awsExecRead = "aws-exec-read"
        case authenticatedRead = "authenticated-read"
        case bucketOwnerRead = "bucket-owner-read"
        case bucketOwnerFullControl = "bucket-owner-full-control"
    }

    /// One grant (botocore `S3Grant`).
    public struct Grant: Sendable, Hashable, Codable {
        public var grantee: Grantee
        public var permission: Permission

        public init(grantee: Grantee, permission: Permission) {
            self.grantee = grantee
            self.permission = permission
        }
    }

    /// botocore `S3Grantee`.
    public struct Grantee: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            case canonicalUser = "CanonicalUser"
            case emailAddress = "EmailAddress"
            case group = "Group"

            /// botocore `S3GranteeTypeIdentifier`.
            public var awsValue: String {
                switch self {
                case .canonicalUser: "id"
                case .emailAddress: "emailAddress"
                case .group: "uri"
                }
            }

            /// The spec key that carries the identifier of this kind of grantee.
            public var specKey: String {
                switch self {
                case .canonicalUser: "id"
                case .emailAddress: "email"
                case .group: "uri"
                }
            }
        }

        public var type: Kind
        /// The canonical user id, e-mail address or group URI, as `type` says.
        public var identifier: String
        public var displayName: String?

        public init(type: Kind, identifier: String, displayName: String? = nil) {
            self.type = type
            self.identifier = identifier
            self.displayName = displayName
        }
    }

    /// botocore `S3Permission`.
    public enum Permission: String, Sendable, Hashable, Codable, CaseIterable {
        case fullControl = "FULL_CONTROL"
        case read = "READ"
        case write = "WRITE"
        case readACP = "READ_ACP"
        case writeACP = "WRITE_ACP"
    }

    /// `copy.objectLock`.
    public struct ObjectLock: Sendable, Hashable, Codable {
        public enum LegalHold: String, Sendable, Hashable, Codable, CaseIterable {
            case on = "ON"
            case off = "OFF"
        }

        public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
            case governance = "GOVERNANCE"
            case compliance = "COMPLIANCE"
        }

        public struct Retention: Sendable, Hashable, Codable {
            public var mode: Mode
            /// In the future when the spec was loaded.
            public var retainUntil: Timestamp

            public init(mode: Mode, retainUntil: Timestamp) {
                self.mode = mode
                self.retainUntil = retainUntil
            }
        }

        public var legalHold: LegalHold?
        public var retention: Retention?

        public init(legalHold: LegalHold? = nil, retention: Retention? = nil) {
            self.legalHold = legalHold
            self.retention = retention
        }
    }

    /// botocore `S3ChecksumAlgorithm`.
    public enum ChecksumAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
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
}
