import BopsJobs
import BopsLocalEngine

/// S3's checks of the server-side encryption headers: on writes the algorithm, a KMS key only with
/// KMS, SSE and SSE-C not together, and an SSE-C key that is 256 bits with its MD5; on reads, no
/// SSE header, and an SSE-C object only with its key (the emulator keeps the key's MD5, never the
/// key, and does not encrypt the data).
enum Encryption {
    static let algorithms: Set<String> = ["AES256", "aws:kms", "aws:kms:dsse"]
    static let customer = "x-amz-server-side-encryption-customer-"
    static let copySourceCustomer = "x-amz-copy-source-server-side-encryption-customer-"

    /// Checks the headers of PutObject, CreateMultipartUpload or CopyObject's target; returns the
    /// MD5 of the SSE-C key (to store) when one was given.
    static func checkWrite(_ request: IncomingRequest) throws(APIError) -> String? {
        let sse = request.header("x-amz-server-side-encryption")
        if let sse, !algorithms.contains(sse) {
            throw APIError(
                400, "InvalidArgument", "The encryption method specified is not supported",
                extra: [("ArgumentName", "x-amz-server-side-encryption"), ("ArgumentValue", sse)])
        }
        if request.header("x-amz-server-side-encryption-aws-kms-key-id") != nil, sse != "aws:kms",
            sse != "aws:kms:dsse"
        {
            throw APIError(
                400, "InvalidArgument",
                "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : "
                    + "aws:kms",
                extra: [("ArgumentName", "x-amz-server-side-encryption-aws-kms-key-id")])
        }
        let key = try customerKey(request, prefix: customer)
        if sse != nil, key != nil {
            throw APIError(
                400, "InvalidArgument",
                "Server side encryption specified with both SSE-C and SSE-S3/SSE-KMS headers",
                extra: [("ArgumentName", "x-amz-server-side-encryption")])
        }
        return key
    }

    /// Checks a read (GetObject, HeadObject; with `prefix` the copy source's headers) of `info`.
    static func checkRead(
        _ request: IncomingRequest, _ info: ObjectInfo, prefix: String = customer
    ) throws(APIError) {
        if prefix == customer, let sse = request.header("x-amz-server-side-encryption") {
            throw APIError(
                400, "InvalidArgument",
                "x-amz-server-side-encryption header is not supported for this operation.",
                extra: [("ArgumentName", "x-amz-server-side-encryption"), ("ArgumentValue", sse)])
        }
        let given = try customerKey(request, prefix: prefix)
        guard let stored = info.serverSideEncryption, stored.isCustomerProvided else {
            if given != nil {
                throw APIError(
                    400, "InvalidRequest", "The encryption parameters are not applicable to this object.")
            }
            return
        }
        guard let given else {
            throw APIError(
                400, "InvalidRequest",
                "The object was stored using a form of Server Side Encryption. The correct parameters must be "
                    + "provided to retrieve the object.")
        }
        if let md5 = stored.customerKeyMD5, md5 != given {
            throw APIError(403, EngineError.accessDenied, "Access Denied")
        }
    }

    /// The MD5 of the SSE-C key the headers under `prefix` give; `nil` when none is given.
    static func customerKey(_ request: IncomingRequest, prefix: String) throws(APIError) -> String? {
        let algorithm = request.header(prefix + "algorithm")
        let key = request.header(prefix + "key")
        let md5 = request.header(prefix + "key-md5")
        guard algorithm != nil || key != nil || md5 != nil else { return nil }
        guard let algorithm else {
            throw APIError(
                400, "InvalidArgument",
                "Requests specifying Server Side Encryption with Customer provided keys must provide a valid "
                    + "encryption algorithm.", extra: [("ArgumentName", prefix + "algorithm")])
        }
        guard algorithm == "AES256" else {
            throw APIError(
                400, "InvalidEncryptionAlgorithmError",
                "The encryption request you specified is not valid. The valid value is AES256.",
                extra: [("ArgumentName", prefix + "algorithm"), ("ArgumentValue", algorithm)])
        }
        guard let key else {
            throw APIError(
                400, "InvalidArgument",
                "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate "
                    + "secret key.", extra: [("ArgumentName", prefix + "key")])
        }
        guard let computed = UploadIntegrity.md5OfBase64(key), computed.byteCount == 32 else {
            throw APIError(
                400, "InvalidArgument", "The secret key was invalid for the specified algorithm.",
                extra: [("ArgumentName", prefix + "key")])
        }
        if let md5, md5 != computed.md5 {
            throw APIError(
                400, "InvalidArgument",
                "The calculated MD5 hash of the key did not match the hash that was provided.",
                extra: [("ArgumentName", prefix + "key")])
        }
        return computed.md5
    }
}
