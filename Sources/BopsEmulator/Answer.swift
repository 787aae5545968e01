import BopsAWSModel
import BopsJobs

/// An answer before it becomes a Hummingbird response: status, headers and body bytes.
struct Answer: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    /// For HEAD: the length to announce without sending a body.
    var announcedLength: Int?
    /// A body of this many zero bytes, sent in chunks instead of `body` (a zero-filled object).
    var zeroBodyLength: Int64?

    init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    init(status: Int = 200, fields: [HTTPField], body: [UInt8] = []) {
        self.init(status: status, headers: fields.map { ($0.name, $0.value) }, body: body)
    }

    /// An XML document body (BopsAWSModel writes the declaration and namespace).
    static func xml(_ body: [UInt8], status: Int = 200) -> Answer {
        Answer(status: status, headers: [("Content-Type", "application/xml")], body: body)
    }
}

/// An error answer with AWS's code, message and HTTP status.
struct APIError: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    /// Extra elements of S3 error bodies (`Key`, `BucketName`, ...).
    var extra: [(name: String, value: String)] = []
    /// Headers the error answer carries (`x-amz-delete-marker`, `Content-Range`, ...).
    var headers: [(String, String)] = []

    init(
        _ status: Int, _ code: String, _ message: String, extra: [(name: String, value: String)] = [],
        headers: [(String, String)] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra
        self.headers = headers
    }

    init(_ error: EngineError) {
        self.init(error.httpStatus ?? Self.defaultStatus(error.code), error.code, error.message)
    }

    /// A malformed request: 400 `MalformedXML` for a body that is not XML, else 400 `code`, with
    /// the element path of what is wrong.
    init(_ error: AWSShapeError, code: String) {
        let code = error.isMalformedXML ? "MalformedXML" : code
        self.init(code == "NotImplemented" ? 501 : 400, code, "\(error.operation): \(error.detail)")
    }

    static func defaultStatus(_ code: String) -> Int {
        switch code {
        case EngineError.noSuchJob, EngineError.notFoundException, EngineError.noSuchBucket,
            EngineError.noSuchKey,
            "NoSuchVersion":
            404
        case EngineError.internalServiceException, "InternalError": 500
        case "NotImplemented": 501
        case EngineError.accessDenied: 403
        case EngineError.tooManyRequestsException: 429
        default: 400
        }
    }

    func answer(style: AWSErrors.BodyStyle, requestId: String, hostId: String) -> Answer {
        var answer = Answer.xml(
            AWSErrors.body(
                style, code: code, message: message, requestId: requestId, hostId: hostId,
                extra: style == .s3 ? extra : []),
            status: status)
        answer.headers += headers
        return answer
    }
}

/// Reads a request with BopsAWSModel, turning a shape error into a 400 answer with `code`.
func decoded<T>(_ code: String, _ read: () throws(AWSShapeError) -> T) throws(APIError) -> T {
    do {
        return try read()
    } catch {
        throw APIError(error, code: code)
    }
}
