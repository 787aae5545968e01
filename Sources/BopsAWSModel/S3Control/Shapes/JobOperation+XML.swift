import BopsJobs

/// `Operation`: exactly one member decides the case; a member this model does not know reads as
/// `.unsupported(name)` and is written as an empty member.
extension JobOperation: XMLShape {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        guard let member = reader.element.children.first else {
            throw reader.error("*", "an operation must have exactly one member")
        }
        let name = member.localName
        guard let child = reader.child(name) else { throw reader.missing(name) }
        switch JobOperation.Kind(rawValue: name) {
        case .lambdaInvoke: self = .lambdaInvoke(try LambdaInvokeOperation(xml: child))
        case .s3PutObjectCopy: self = .s3PutObjectCopy(try S3CopyObjectOperation(xml: child))
        case .s3PutObjectAcl: self = .s3PutObjectAcl(try S3SetObjectAclOperation(xml: child))
        case .s3PutObjectTagging: self = .s3PutObjectTagging(try S3SetObjectTaggingOperation(xml: child))
        case .s3DeleteObjectTagging: self = .s3DeleteObjectTagging
        case .s3InitiateRestoreObject:
            self = .s3InitiateRestoreObject(try S3InitiateRestoreObjectOperation(xml: child))
        case .s3PutObjectLegalHold:
            self = .s3PutObjectLegalHold(try S3SetObjectLegalHoldOperation(xml: child))
        case .s3PutObjectRetention:
            self = .s3PutObjectRetention(try S3SetObjectRetentionOperation(xml: child))
        case .s3ReplicateObject: self = .s3ReplicateObject
        case .s3ComputeObjectChecksum:
            self = .s3ComputeObjectChecksum(try S3ComputeObjectChecksumOperation(xml: child))
        case .s3UpdateObjectEncryption:
            self = .s3UpdateObjectEncryption(try S3UpdateObjectEncryptionOperation(xml: child))
        case nil: self = .unsupported(name)
        }
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        let member: XMLElementNode =
            switch self {
            case .lambdaInvoke(let op): op.xml(self.name, style)
            case .s3PutObjectCopy(let op): op.xml(self.name, style)
            case .s3PutObjectAcl(let op): op.xml(self.name, style)
            case .s3PutObjectTagging(let op): op.xml(self.name, style)
            case .s3InitiateRestoreObject(let op): op.xml(self.name, style)
            case .s3PutObjectLegalHold(let op): op.xml(self.name, style)
            case .s3PutObjectRetention(let op): op.xml(self.name, style)
            case .s3ComputeObjectChecksum(let op): op.xml(self.name, style)
            case .s3UpdateObjectEncryption(let op): op.xml(self.name, style)
            case .s3DeleteObjectTagging, .s3ReplicateObject, .unsupported: XMLElementNode(self.name)
            }
        return XMLElementNode(name, children: [member])
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
