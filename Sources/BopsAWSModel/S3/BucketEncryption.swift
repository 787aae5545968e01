public import BopsJobs

/// The default encryption calls: GetBucketEncryption (plan-time checks read it), and the
/// PutBucketEncryption and DeleteBucketEncryption the emulator serves.
extension S3Requests {
    /// `GET /{bucket}?encryption`.
    public static func getBucketEncryption(bucket: String, addressing: S3Addressing) -> HTTPRequestParts {
        bucketSubresource(bucket, "encryption", addressing)
    }

    /// A PutBucketEncryption body as a server reads it: `ServerSideEncryptionConfiguration` with one
    /// `Rule`.
    public static func readPutBucketEncryption(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> BucketEncryption {
        let root = try ShapeReader.body(
            request.body, root: "ServerSideEncryptionConfiguration", operation: "PutBucketEncryption",
            isRequest: true)
        guard let rule = root.flattened("Rule").first else { throw root.missing("Rule") }
        return try BucketEncryption(xml: rule)
    }
}

extension S3Responses {
    /// GetBucketEncryption's answer (its first rule); `nil` for the 404
    /// `ServerSideEncryptionConfigurationNotFoundError`.
    public static func bucketEncryption(_ response: HTTPResponseParts) throws -> BucketEncryption? {
        if try absent(response, "ServerSideEncryptionConfigurationNotFoundError") { return nil }
        let root = try ShapeReader.body(
            response.body, root: "ServerSideEncryptionConfiguration", operation: "GetBucketEncryption")
        guard let rule = root.flattened("Rule").first else { return nil }
        return try BucketEncryption(xml: rule)
    }

    /// The `ServerSideEncryptionConfiguration` body of GetBucketEncryption.
    public static func bucketEncryptionBody(_ encryption: BucketEncryption) -> [UInt8] {
        document(
            XMLElementNode(
                "ServerSideEncryptionConfiguration", children: [encryption.xml("Rule", .response)]))
    }
}

/// A `ServerSideEncryptionConfiguration` `Rule`: `ApplyServerSideEncryptionByDefault`
/// (`SSEAlgorithm`, `KMSMasterKeyID`) and `BucketKeyEnabled`.
extension BucketEncryption: XMLShape {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        guard let apply = reader.child("ApplyServerSideEncryptionByDefault") else {
            throw reader.missing("ApplyServerSideEncryptionByDefault")
        }
        self.init(
            algorithm: try apply.required("SSEAlgorithm"), kmsKeyId: apply.string("KMSMasterKeyID"),
            bucketKeyEnabled: try reader.bool("BucketKeyEnabled") ?? false)
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        var apply = XMLElementNode("ApplyServerSideEncryptionByDefault")
        apply.append("SSEAlgorithm", algorithm)
        apply.append("KMSMasterKeyID", kmsKeyId)
        var e = XMLElementNode(name, children: [apply])
        e.append("BucketKeyEnabled", String(bucketKeyEnabled))
        return e
    }
}
