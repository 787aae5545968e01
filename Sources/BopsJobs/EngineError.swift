/// An error answered by an engine, shaped like an AWS error response.
///
/// `code` is AWS's error code (`NoSuchJob`, `JobStatusException`, ...), `message` its message,
/// `requestId` the request id when the engine has one, `httpStatus` the HTTP status when the
/// error came over HTTP or mirrors one. Compare with the static constants by `code`.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var requestId: String?
    public var httpStatus: Int?

    public init(code: String, message: String, requestId: String? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.requestId = requestId
        self.httpStatus = httpStatus
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if let requestId { text += " [request \(requestId)]" }
        return text
    }

    /// The job does not exist (never did, another account, or expired 90 days after it ended).
    /// AWS answers DescribeJob on such an id with `NoSuchJob` or `NotFoundException`; both count.
    public var isNoSuchJob: Bool {
        code == Self.noSuchJob || code == Self.notFoundException || code == "NoSuchJobException"
    }

    public static let noSuchJob = "NoSuchJob"
    public static let jobStatusException = "JobStatusException"
    public static let idempotencyException = "IdempotencyException"
    public static let badRequestException = "BadRequestException"
    public static let tooManyRequestsException = "TooManyRequestsException"
    public static let notFoundException = "NotFoundException"
    public static let internalServiceException = "InternalServiceException"
    public static let noSuchBucket = "NoSuchBucket"
    public static let noSuchKey = "NoSuchKey"
    public static let accessDenied = "AccessDenied"

    public static func badRequest(_ message: String) -> EngineError {
        EngineError(code: badRequestException, message: message, httpStatus: 400)
    }

    public static func noSuchJob(_ jobId: String) -> EngineError {
        EngineError(code: noSuchJob, message: "The specified job does not exist: \(jobId)", httpStatus: 404)
    }

    public static func jobStatus(_ message: String) -> EngineError {
        EngineError(code: jobStatusException, message: message, httpStatus: 400)
    }

    public static func idempotency(_ message: String) -> EngineError {
        EngineError(code: idempotencyException, message: message, httpStatus: 400)
    }

    public static func internalError(_ message: String) -> EngineError {
        EngineError(code: internalServiceException, message: message, httpStatus: 500)
    }

    public static func noSuchBucket(_ bucket: String) -> EngineError {
        EngineError(
            code: noSuchBucket, message: "The specified bucket does not exist: \(bucket)", httpStatus: 404)
    }

    public static func noSuchKey(bucket: String, key: String) -> EngineError {
        EngineError(
            code: noSuchKey, message: "The specified key does not exist: s3://\(bucket)/\(key)",
            httpStatus: 404)
    }
}
