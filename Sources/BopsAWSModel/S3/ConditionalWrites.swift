import BopsJobs

/// S3's conditional writes, both directions: PutObject with `If-None-Match: *` or `If-Match: ETAG`,
/// DeleteObject with `If-Match`, and the answers S3 gives when a condition does not hold (412
/// `PreconditionFailed`) or another conditional write is in flight (409 `ConditionalRequestConflict`).
///
/// Header names and values are botocore's (`IfNoneMatch`, `IfMatch` members of PutObject and
/// DeleteObject in `s3/2006-03-01`); the ETag is sent as S3 gave it, quotes included.
public enum ConditionalWrites {
    /// What a conditional request asks for, as a client sends it and a server reads it.
    public struct Condition: Sendable, Hashable {
        /// `If-Match`: the ETag the object must have.
        public var ifMatch: String?
        /// `If-None-Match`: `*` (no object may have the key) is the only value S3 accepts on writes.
        public var ifNoneMatch: String?

        public init(ifMatch: String? = nil, ifNoneMatch: String? = nil) {
            self.ifMatch = ifMatch
            self.ifNoneMatch = ifNoneMatch
        }

        public static let absent = Condition(ifNoneMatch: "*")
        public static func matches(_ eTag: String) -> Condition { Condition(ifMatch: eTag) }

        public var isEmpty: Bool { ifMatch == nil && ifNoneMatch == nil }

        var headers: [HTTPField] {
            var h: [HTTPField] = []
            if let ifMatch { h.append(HTTPField("if-match", ifMatch)) }
            if let ifNoneMatch { h.append(HTTPField("if-none-match", ifNoneMatch)) }
            return h
        }
    }

    public static let preconditionFailed = "PreconditionFailed"
    public static let conditionalRequestConflict = "ConditionalRequestConflict"

    /// `PUT /{bucket}/{key}` with the condition's headers, and SSE-KMS headers when `kmsKeyId` is
    /// given (`x-amz-server-side-encryption: aws:kms` and the key id).
    public static func putObject(
        bucket: String, key: String, body: [UInt8], condition: Condition, kmsKeyId: String? = nil,
        contentType: String? = "application/json", contentMD5: String? = nil, addressing: S3Addressing
    ) -> HTTPRequestParts {
        var parts = S3Requests.putObject(
            bucket: bucket, key: key, body: body, contentType: contentType, contentMD5: contentMD5,
            addressing: addressing)
        parts.headers += condition.headers
        if let kmsKeyId {
            parts.headers.append(HTTPField("x-amz-server-side-encryption", "aws:kms"))
            parts.headers.append(HTTPField("x-amz-server-side-encryption-aws-kms-key-id", kmsKeyId))
        }
        return parts
    }

    /// `DELETE /{bucket}/{key}`, with `If-Match` when `ifMatch` is given.
    public static func deleteObject(
        bucket: String, key: String, ifMatch: String?, addressing: S3Addressing
    ) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "DELETE", path: S3Requests.objectPath(bucket: bucket, key: key, addressing: addressing),
            headers: Condition(ifMatch: ifMatch).headers)
    }

    /// The condition of a PutObject or DeleteObject as a server reads it. An `If-None-Match` other
    /// than `*` is refused, naming the header (S3 accepts only `*` on writes).
    public static func readCondition(_ request: HTTPRequestParts) throws(AWSShapeError) -> Condition {
        let condition = Condition(
            ifMatch: request.header("if-match"), ifNoneMatch: request.header("if-none-match"))
        if let value = condition.ifNoneMatch, value != "*" {
            throw AWSShapeError(
                operation: request.method == "DELETE" ? "DeleteObject" : "PutObject", path: "If-None-Match",
                message: "only '*' is supported on writes, found '\(value)'", isRequest: true)
        }
        return condition
    }

    /// What a conditional write came to.
    public enum Outcome: Sendable, Hashable {
        /// 2xx: the ETag of the written object (`nil` for a delete).
        case done(eTag: String?)
        /// 412 `PreconditionFailed`.
        case preconditionFailed
        /// 409 `ConditionalRequestConflict`.
        case conflict
        /// 404 `NoSuchKey`: an `If-Match` write or delete of a key that does not exist.
        case notFound
    }

    /// Reads a PutObject or DeleteObject answer. Any other error answer is thrown as its
    /// ``EngineError``; a PutObject 2xx without `ETag` is an ``AWSShapeError``.
    public static func outcome(_ response: HTTPResponseParts, operation: String) throws -> Outcome {
        if response.isSuccess {
            let eTag = response.header("ETag")
            if operation == "PutObject" && eTag == nil {
                throw AWSShapeError(operation: operation, path: "ETag", message: "the ETag header is missing")
            }
            return .done(eTag: eTag)
        }
        let error = AWSErrors.engineError(response)
        switch (response.status, error.code) {
        case (412, _): return .preconditionFailed
        case (409, conditionalRequestConflict): return .conflict
        case (404, EngineError.noSuchKey): return .notFound
        default: throw error
        }
    }

    /// The 412 body S3 answers when a condition does not hold, naming the header.
    public static func preconditionFailedBody(header: String, requestId: String, hostId: String) -> [UInt8] {
        AWSErrors.body(
            .s3, code: preconditionFailed,
            message: "At least one of the pre-conditions you specified did not hold",
            requestId: requestId, hostId: hostId, extra: [("Condition", header)])
    }

    /// The 409 body S3 answers while another conditional write on the key is in progress.
    public static func conflictBody(requestId: String, hostId: String) -> [UInt8] {
        AWSErrors.body(
            .s3, code: conditionalRequestConflict,
            message:
                "A conflicting conditional operation is currently in progress against this resource. Please try again.",
            requestId: requestId, hostId: hostId)
    }
}
