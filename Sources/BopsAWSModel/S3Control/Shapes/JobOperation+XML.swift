import BopsJobs

/// `Operation`: exactly one member decides the case; operations bops does not manage read as
/// `.unsupported(name)` and are written as an empty member.
extension JobOperation: XMLShape {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        guard let member = reader.element.children.first else {
            throw reader.error("*", "an operation must have exactly one member")
        }
        switch member.localName {
        case "S3PutObjectCopy":
            guard let copy = reader.child("S3PutObjectCopy") else { throw reader.missing("S3PutObjectCopy") }
            self = .s3PutObjectCopy(try S3CopyObjectOperation(xml: copy))
        case "S3ReplicateObject":
            self = .s3ReplicateObject
        default:
            self = .unsupported(member.localName)
        }
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        switch self {
        case .s3PutObjectCopy(let copy):
            XMLElementNode(name, children: [copy.xml(self.name, style)])
        case .s3ReplicateObject, .unsupported:
            XMLElementNode(name, children: [XMLElementNode(self.name)])
        }
    }
}

/// `S3CopyObjectOperation`, members in the 2018-08-20 model's order.
extension S3CopyObjectOperation: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .value("TargetResource", \.targetResource),
            .value("CannedAccessControlList", \.cannedAccessControlList),
            .list("AccessControlGrants", \.accessControlGrants),
            .value("MetadataDirective", \.metadataDirective),
            .value("ModifiedSinceConstraint", \.modifiedSinceConstraint),
            .shape("NewObjectMetadata", \.newObjectMetadata),
            .list("NewObjectTagging", \.newObjectTagging),
            .value("RedirectLocation", \.redirectLocation),
            .value("RequesterPays", \.requesterPays),
            .value("StorageClass", \.storageClass),
            .value("UnModifiedSinceConstraint", \.unModifiedSinceConstraint),
            .value("SSEAwsKmsKeyId", \.sseAwsKmsKeyId),
            .value("TargetKeyPrefix", \.targetKeyPrefix),
            .value("ObjectLockLegalHoldStatus", \.objectLockLegalHoldStatus),
            .value("ObjectLockMode", \.objectLockMode),
            .value("ObjectLockRetainUntilDate", \.objectLockRetainUntilDate),
            .value("BucketKeyEnabled", \.bucketKeyEnabled),
            .value("ChecksumAlgorithm", \.checksumAlgorithm),
        ]
    }
}

/// `S3Grant`.
extension S3Grant: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [.shape("Grantee", \.grantee), .value("Permission", \.permission)]
    }
}

/// `S3Grantee`.
extension S3Grantee: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .value("TypeIdentifier", \.typeIdentifier), .value("Identifier", \.identifier),
            .value("DisplayName", \.displayName),
        ]
    }
}

/// `S3ObjectMetadata`; `UserMetadata` entries are written sorted by key.
extension S3ObjectMetadata: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .value("CacheControl", \.cacheControl),
            .value("ContentDisposition", \.contentDisposition),
            .value("ContentEncoding", \.contentEncoding),
            .value("ContentLanguage", \.contentLanguage),
            .map("UserMetadata", \.userMetadata),
            .value("ContentLength", \.contentLength),
            .value("ContentMD5", \.contentMD5),
            .value("ContentType", \.contentType),
            .value("HttpExpiresDate", \.httpExpiresDate),
            .value("RequesterCharged", \.requesterCharged),
            .value("SSEAlgorithm", \.sseAlgorithm),
        ]
    }
}

/// `S3Tag` (job tags, object tags, replication filters): `Value` absent reads as empty.
extension S3Tag: XMLStructure {
    static var blank: Self { Self(key: "", value: "") }
    static var members: [XMLMember<Self>] {
        [.value("Key", \.key), .value("Value", \.value, required: false)]
    }
}
