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
        if let tags = headers.tags { a.tags = tags }
        if let canned = headers.cannedACL { a.acl = ObjectACL(canned: canned) }
        if let sse = headers.serverSideEncryption { a.serverSideEncryption = sse }
        a.checksumAlgorithm = headers.checksumAlgorithm
        a.objectLockMode = headers.objectLockMode
        a.objectLockRetainUntilDate = headers.objectLockRetainUntilDate
        a.objectLockLegalHoldStatus = headers.objectLockLegalHoldStatus
        return a
    }
}
