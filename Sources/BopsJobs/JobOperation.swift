public import FoundationEssentials

/// The operation a job runs on every object of its manifest (`JobOperation`).
///
/// The model is a structure with exactly one member set; bops's JSON mirrors that with snake_case
/// keys: `{"s3_put_object_copy": {...}}` or `{"s3_replicate_object": {}}`. Every member of the
/// 2018-08-20 model has a case; a member a newer model adds reads as `.unsupported(name)` with its
/// name, so a job created elsewhere can still be described; in JSON `{"unsupported": "NewOperation"}`.
public enum JobOperation: Codable, Sendable, Hashable {
    case lambdaInvoke(LambdaInvokeOperation)
    case s3PutObjectCopy(S3CopyObjectOperation)
    case s3PutObjectAcl(S3SetObjectAclOperation)
    case s3PutObjectTagging(S3SetObjectTaggingOperation)
    case s3DeleteObjectTagging
    case s3InitiateRestoreObject(S3InitiateRestoreObjectOperation)
    case s3PutObjectLegalHold(S3SetObjectLegalHoldOperation)
    case s3PutObjectRetention(S3SetObjectRetentionOperation)
    case s3ReplicateObject
    case s3ComputeObjectChecksum(S3ComputeObjectChecksumOperation)
    case s3UpdateObjectEncryption(S3UpdateObjectEncryptionOperation)
    case unsupported(String)

    /// Which member of the 2018-08-20 model an operation is, without its options: the one list
    /// of operations. Its raw value is the model's member name (`OperationName` in ListJobs); every
    /// switch over operations is exhaustive over this or over ``JobOperation`` itself, so a new
    /// member is a compile error at every place that must learn it.
    public enum Kind: String, CaseIterable, Sendable, Hashable, Codable {
        case lambdaInvoke = "LambdaInvoke"
        case s3PutObjectCopy = "S3PutObjectCopy"
        case s3PutObjectAcl = "S3PutObjectAcl"
        case s3PutObjectTagging = "S3PutObjectTagging"
        case s3DeleteObjectTagging = "S3DeleteObjectTagging"
        case s3InitiateRestoreObject = "S3InitiateRestoreObject"
        case s3PutObjectLegalHold = "S3PutObjectLegalHold"
        case s3PutObjectRetention = "S3PutObjectRetention"
        case s3ReplicateObject = "S3ReplicateObject"
        case s3ComputeObjectChecksum = "S3ComputeObjectChecksum"
        case s3UpdateObjectEncryption = "S3UpdateObjectEncryption"
    }

    /// The member this operation is; `nil` for a member a newer model adds (`.unsupported`).
    public var kind: Kind? {
        switch self {
        case .lambdaInvoke: .lambdaInvoke
        case .s3PutObjectCopy: .s3PutObjectCopy
        case .s3PutObjectAcl: .s3PutObjectAcl
        case .s3PutObjectTagging: .s3PutObjectTagging
        case .s3DeleteObjectTagging: .s3DeleteObjectTagging
        case .s3InitiateRestoreObject: .s3InitiateRestoreObject
        case .s3PutObjectLegalHold: .s3PutObjectLegalHold
        case .s3PutObjectRetention: .s3PutObjectRetention
        case .s3ReplicateObject: .s3ReplicateObject
        case .s3ComputeObjectChecksum: .s3ComputeObjectChecksum
        case .s3UpdateObjectEncryption: .s3UpdateObjectEncryption
        case .unsupported: nil
        }
    }

    /// The model's member name (`OperationName` in ListJobs).
    public var name: String {
        if case .unsupported(let name) = self { return name }
        return kind?.rawValue ?? ""
    }

    /// Every member name of the 2018-08-20 model, in its order.
    public static let modelNames = Kind.allCases.map(\.rawValue)

    /// A key of bops's JSON: a kind's ``Kind/jsonKey``, or `unsupported`.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        static let unsupported = Key("unsupported")
        /// Every key an operation may have, in the model's order.
        static let all = Kind.allCases.map { Key($0.jsonKey) } + [unsupported]
    }

    struct Empty: Codable, Hashable {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let names = Key.all.map(\.stringValue)
        let keys = container.allKeys.filter { names.contains($0.stringValue) }
        guard let key = keys.first, keys.count == 1 else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "an operation has exactly one of " + names.joined(separator: ", ")))
        }
        guard let kind = Kind.allCases.first(where: { $0.jsonKey == key.stringValue }) else {
            self = .unsupported(try container.decode(String.self, forKey: key))
            return
        }
        switch kind {
        case .lambdaInvoke:
            self = .lambdaInvoke(try container.decode(LambdaInvokeOperation.self, forKey: key))
        case .s3PutObjectCopy:
            self = .s3PutObjectCopy(try container.decode(S3CopyObjectOperation.self, forKey: key))
        case .s3PutObjectAcl:
            self = .s3PutObjectAcl(try container.decode(S3SetObjectAclOperation.self, forKey: key))
        case .s3PutObjectTagging:
            self = .s3PutObjectTagging(try container.decode(S3SetObjectTaggingOperation.self, forKey: key))
        case .s3DeleteObjectTagging: self = .s3DeleteObjectTagging
        case .s3InitiateRestoreObject:
            self = .s3InitiateRestoreObject(
                try container.decode(S3InitiateRestoreObjectOperation.self, forKey: key))
        case .s3PutObjectLegalHold:
            self = .s3PutObjectLegalHold(
                try container.decode(S3SetObjectLegalHoldOperation.self, forKey: key))
        case .s3PutObjectRetention:
            self = .s3PutObjectRetention(
                try container.decode(S3SetObjectRetentionOperation.self, forKey: key))
        case .s3ReplicateObject: self = .s3ReplicateObject
        case .s3ComputeObjectChecksum:
            self = .s3ComputeObjectChecksum(
                try container.decode(S3ComputeObjectChecksumOperation.self, forKey: key))
        case .s3UpdateObjectEncryption:
            self = .s3UpdateObjectEncryption(
                try container.decode(S3UpdateObjectEncryptionOperation.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let key = kind.map { Key($0.jsonKey) } ?? .unsupported
        switch self {
        case .lambdaInvoke(let op): try container.encode(op, forKey: key)
        case .s3PutObjectCopy(let op): try container.encode(op, forKey: key)
        case .s3PutObjectAcl(let op): try container.encode(op, forKey: key)
        case .s3PutObjectTagging(let op): try container.encode(op, forKey: key)
        case .s3DeleteObjectTagging, .s3ReplicateObject: try container.encode(Empty(), forKey: key)
        case .s3InitiateRestoreObject(let op): try container.encode(op, forKey: key)
        case .s3PutObjectLegalHold(let op): try container.encode(op, forKey: key)
        case .s3PutObjectRetention(let op): try container.encode(op, forKey: key)
        case .s3ComputeObjectChecksum(let op): try container.encode(op, forKey: key)
        case .s3UpdateObjectEncryption(let op): try container.encode(op, forKey: key)
        case .unsupported(let name): try container.encode(name, forKey: key)
        }
    }
}

extension JobOperation.Kind {
    /// The operation's key in bops's JSON: the member name in snake_case (`s3_put_object_copy`).
    public var jsonKey: String {
        var out = ""
        var previous: Character?
        for c in rawValue {
            if c.isUppercase, let p = previous, p.isLowercase || p.isNumber { out += "_" }
            out += c.lowercased()
            previous = c
        }
        return out
    }
}

/// The Copy operation (`S3CopyObjectOperation`), every member of the 2018-08-20 model.
///
/// Semantics the local engine implements (and AWS documents):
/// - `targetResource` is the destination bucket ARN (`arn:aws:s3:::bucket`).
/// - `targetKeyPrefix` is put in front of the source key with a `/` between them, unless the
///   prefix already ends with `/` (AWS keeps the whole source key, folders included).
/// - `newObjectTagging`: `nil` copies the source tags, an empty list removes all tags, a non-empty
///   list replaces them.
/// - `metadataDirective`: `COPY` (default) keeps the source metadata; `REPLACE` uses
///   `newObjectMetadata` (`nil` there means no metadata).
/// - Object Lock fields need a destination bucket with Object Lock enabled.
/// - `modifiedSinceConstraint` / `unModifiedSinceConstraint` are preconditions on the source's
///   last-modified time (HTTP 412 when not met).
public struct S3CopyObjectOperation: Codable, Sendable, Hashable {
    public var targetResource: String?
    public var cannedAccessControlList: S3CannedAccessControlList?
    public var accessControlGrants: [S3Grant]?
    public var metadataDirective: S3MetadataDirective?
    public var modifiedSinceConstraint: Date?
    public var newObjectMetadata: S3ObjectMetadata?
    public var newObjectTagging: [S3Tag]?
    public var redirectLocation: String?
    public var requesterPays: Bool?
    public var storageClass: S3StorageClass?
    public var unModifiedSinceConstraint: Date?
    public var sseAwsKmsKeyId: String?
    public var targetKeyPrefix: String?
    public var objectLockLegalHoldStatus: S3ObjectLockLegalHoldStatus?
    public var objectLockMode: S3ObjectLockMode?
    public var objectLockRetainUntilDate: Date?
    public var bucketKeyEnabled: Bool?
    public var checksumAlgorithm: S3ChecksumAlgorithm?

    public init(
        targetResource: String? = nil, cannedAccessControlList: S3CannedAccessControlList? = nil,
        accessControlGrants: [S3Grant]? = nil, metadataDirective: S3MetadataDirective? = nil,
        modifiedSinceConstraint: Date? = nil, newObjectMetadata: S3ObjectMetadata? = nil,
        newObjectTagging: [S3Tag]? = nil, redirectLocation: String? = nil, requesterPays: Bool? = nil,
        storageClass: S3StorageClass? = nil, unModifiedSinceConstraint: Date? = nil,
        sseAwsKmsKeyId: String? = nil, targetKeyPrefix: String? = nil,
        objectLockLegalHoldStatus: S3ObjectLockLegalHoldStatus? = nil,
        objectLockMode: S3ObjectLockMode? = nil,
        objectLockRetainUntilDate: Date? = nil, bucketKeyEnabled: Bool? = nil,
        checksumAlgorithm: S3ChecksumAlgorithm? = nil
    ) {
        self.targetResource = targetResource
        self.cannedAccessControlList = cannedAccessControlList
        self.accessControlGrants = accessControlGrants
        self.metadataDirective = metadataDirective
        self.modifiedSinceConstraint = modifiedSinceConstraint
        self.newObjectMetadata = newObjectMetadata
        self.newObjectTagging = newObjectTagging
        self.redirectLocation = redirectLocation
        self.requesterPays = requesterPays
        self.storageClass = storageClass
        self.unModifiedSinceConstraint = unModifiedSinceConstraint
        self.sseAwsKmsKeyId = sseAwsKmsKeyId
        self.targetKeyPrefix = targetKeyPrefix
        self.objectLockLegalHoldStatus = objectLockLegalHoldStatus
        self.objectLockMode = objectLockMode
        self.objectLockRetainUntilDate = objectLockRetainUntilDate
        self.bucketKeyEnabled = bucketKeyEnabled
        self.checksumAlgorithm = checksumAlgorithm
    }

    enum CodingKeys: String, CodingKey {
        case targetResource = "target_resource"
        case cannedAccessControlList = "canned_access_control_list"
        case accessControlGrants = "access_control_grants"
        case metadataDirective = "metadata_directive"
        case modifiedSinceConstraint = "modified_since_constraint"
        case newObjectMetadata = "new_object_metadata"
        case newObjectTagging = "new_object_tagging"
        case redirectLocation = "redirect_location"
        case requesterPays = "requester_pays"
        case storageClass = "storage_class"
        case unModifiedSinceConstraint = "un_modified_since_constraint"
        case sseAwsKmsKeyId = "sse_aws_kms_key_id"
        case targetKeyPrefix = "target_key_prefix"
        case objectLockLegalHoldStatus = "object_lock_legal_hold_status"
        case objectLockMode = "object_lock_mode"
        case objectLockRetainUntilDate = "object_lock_retain_until_date"
        case bucketKeyEnabled = "bucket_key_enabled"
        case checksumAlgorithm = "checksum_algorithm"
    }
}

/// One ACL grant (`S3Grant`).
public struct S3Grant: Codable, Sendable, Hashable {
    public var grantee: S3Grantee?
    public var permission: S3Permission?

    public init(grantee: S3Grantee? = nil, permission: S3Permission? = nil) {
        self.grantee = grantee
        self.permission = permission
    }

    enum CodingKeys: String, CodingKey {
        case grantee
        case permission
    }
}

/// Who a grant is for (`S3Grantee`).
public struct S3Grantee: Codable, Sendable, Hashable {
    public var typeIdentifier: S3GranteeTypeIdentifier?
    public var identifier: String?
    public var displayName: String?

    public init(
        typeIdentifier: S3GranteeTypeIdentifier? = nil, identifier: String? = nil, displayName: String? = nil
    ) {
        self.typeIdentifier = typeIdentifier
        self.identifier = identifier
        self.displayName = displayName
    }

    enum CodingKeys: String, CodingKey {
        case typeIdentifier = "type_identifier"
        case identifier
        case displayName = "display_name"
    }
}

/// Metadata for copied objects (`S3ObjectMetadata`), used with `MetadataDirective` `REPLACE`.
public struct S3ObjectMetadata: Codable, Sendable, Hashable {
    public var cacheControl: String?
    public var contentDisposition: String?
    public var contentEncoding: String?
    public var contentLanguage: String?
    public var userMetadata: [String: String]?
    public var contentLength: Int64?
    public var contentMD5: String?
    public var contentType: String?
    public var httpExpiresDate: Date?
    public var requesterCharged: Bool?
    public var sseAlgorithm: S3SSEAlgorithm?

    public init(
        cacheControl: String? = nil, contentDisposition: String? = nil, contentEncoding: String? = nil,
        contentLanguage: String? = nil, userMetadata: [String: String]? = nil, contentLength: Int64? = nil,
        contentMD5: String? = nil, contentType: String? = nil, httpExpiresDate: Date? = nil,
        requesterCharged: Bool? = nil, sseAlgorithm: S3SSEAlgorithm? = nil
    ) {
        self.cacheControl = cacheControl
        self.contentDisposition = contentDisposition
        self.contentEncoding = contentEncoding
        self.contentLanguage = contentLanguage
        self.userMetadata = userMetadata
        self.contentLength = contentLength
        self.contentMD5 = contentMD5
        self.contentType = contentType
        self.httpExpiresDate = httpExpiresDate
        self.requesterCharged = requesterCharged
        self.sseAlgorithm = sseAlgorithm
    }

    enum CodingKeys: String, CodingKey {
        case cacheControl = "cache_control"
        case contentDisposition = "content_disposition"
        case contentEncoding = "content_encoding"
        case contentLanguage = "content_language"
        case userMetadata = "user_metadata"
        case contentLength = "content_length"
        case contentMD5 = "content_md5"
        case contentType = "content_type"
        case httpExpiresDate = "http_expires_date"
        case requesterCharged = "requester_charged"
        case sseAlgorithm = "sse_algorithm"
    }
}
