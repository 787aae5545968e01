import BopsAWSModel
import BopsJobs
import BopsLocalEngine

/// PutObject's headers (read by BopsAWSModel) as the local store's attributes.
enum ObjectHeaders {
    /// The attributes to store; a header with an unknown value is 400 `InvalidArgument`, naming the
    /// header. The storage class is any name here: the store refuses one the bucket does not take
    /// (400 `InvalidStorageClass`).
    static func attributes(_ request: HTTPRequestParts) throws(APIError) -> ObjectAttributes {
        let headers: PutObjectHeaders
        do {
            headers = try S3Requests.readPutObject(request)
        } catch {
            throw APIError(error, code: "InvalidArgument")
        }
        var a = ObjectAttributes()
        a.metadata = headers.metadata
        if a.metadata.contentType == nil { a.metadata.contentType = "binary/octet-stream" }
        if let storageClass = headers.storageClass { a.storageClass = storageClass }
        if let tags = headers.tags {
            try checkTags(tags)
            a.tags = tags
        }
        if let canned = headers.cannedACL { a.acl = ObjectACL(canned: canned) }
        if let sse = headers.serverSideEncryption { a.serverSideEncryption = sse }
        a.checksumAlgorithm = headers.checksumAlgorithm
        a.objectLockMode = headers.objectLockMode
        a.objectLockRetainUntilDate = headers.objectLockRetainUntilDate
        a.objectLockLegalHoldStatus = headers.objectLockLegalHoldStatus
        return a
    }

    /// S3's limits on a tag set: 400 `BadRequest` beyond 10 tags, 400 `InvalidTag` for a key over
    /// 128 or a value over 256 characters.
    static func checkTags(_ tags: [S3Tag]) throws(APIError) {
        guard tags.count <= 10 else {
            throw APIError(400, "BadRequest", "Object tags cannot be greater than 10")
        }
        if let reason = S3Requests.invalidTagReason(tags) { throw APIError(400, "InvalidTag", reason) }
    }
}

extension ObjectAttributes {
    /// Keeps the MD5 of the SSE-C key a write was checked with (the client may leave the
    /// `-customer-key-MD5` header out).
    mutating func recordCustomerKey(_ md5: String?) {
        guard let md5, serverSideEncryption?.isCustomerProvided == true else { return }
        serverSideEncryption?.customerKeyMD5 = md5
    }
}
