import BopsAWSModel
import BopsJobs
import Foundation

/// An answer before it becomes a Hummingbird response: status, headers and body bytes.
struct Answer: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    /// For HEAD: the length to announce without sending a body.
    var announcedLength: Int?

    init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The document with an XML declaration, as AWS answers.
    static func xml(_ element: XMLElementNode, status: Int = 200) -> Answer {
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + XMLWriter.string(element)
        return Answer(
            status: status, headers: [("Content-Type", "application/xml")], body: Array(document.utf8))
    }

    static let s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"
    static let controlNamespace = "http://awss3control.amazonaws.com/doc/2018-08-20/"
}

/// Which error body shape an answer takes.
enum APIFlavor: Sendable {
    /// S3 Control: `<ErrorResponse><Error><Code>..</Code><Message>..</Message></Error><RequestId>..</RequestId></ErrorResponse>`.
    case control
    /// S3: `<Error><Code>..</Code><Message>..</Message><RequestId>..</RequestId><HostId>..</HostId></Error>`.
    case s3
}

/// An error answer with AWS's code, message and HTTP status.
struct APIError: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    /// Extra elements of S3 error bodies (`Key`, `BucketName`, ...).
    var extra: [(String, String)] = []

    init(_ status: Int, _ code: String, _ message: String, extra: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra
    }

    init(_ error: EngineError) {
        self.init(error.httpStatus ?? Self.defaultStatus(error.code), error.code, error.message)
    }

    static func defaultStatus(_ code: String) -> Int {
        switch code {
        case EngineError.noSuchJob, EngineError.notFoundException, EngineError.noSuchBucket,
            EngineError.noSuchKey,
            "NoSuchVersion":
            404
        case EngineError.internalServiceException, "InternalError": 500
        case EngineError.accessDenied: 403
        case EngineError.tooManyRequestsException: 429
        default: 400
        }
    }

    func answer(flavor: APIFlavor, requestId: String, hostId: String) -> Answer {
        switch flavor {
        case .control:
            let error = XMLElementNode(
                "Error",
                children: [XMLElementNode("Code", text: code), XMLElementNode("Message", text: message)])
            return .xml(
                XMLElementNode(
                    "ErrorResponse", children: [error, XMLElementNode("RequestId", text: requestId)]),
                status: status)
        case .s3:
            var children = [XMLElementNode("Code", text: code), XMLElementNode("Message", text: message)]
            children += extra.map { XMLElementNode($0.0, text: $0.1) }
            children += [
                XMLElementNode("RequestId", text: requestId), XMLElementNode("HostId", text: hostId),
            ]
            return .xml(XMLElementNode("Error", children: children), status: status)
        }
    }
}
