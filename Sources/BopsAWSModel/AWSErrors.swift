public import BopsJobs

/// Turns an AWS error answer into an ``EngineError`` (code, message, request id, HTTP status).
///
/// Accepted bodies: `<Error><Code/><Message/><RequestId/></Error>` (S3, S3 Control) and
/// `<ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>` (S3 Control,
/// STS and other query services). The request id comes from the body, else from the
/// `x-amz-request-id` or `x-amzn-RequestId` header. A body that is empty or not XML (HEAD
/// requests, proxies) gives what botocore gives: the status number as the code and the HTTP
/// reason phrase as the message (a non-XML body's first 200 characters are added).
public enum AWSErrors {
    public static func engineError(_ response: HTTPResponseParts) -> EngineError {
        let headerId = response.header("x-amz-request-id") ?? response.header("x-amzn-RequestId")
        if !response.body.isEmpty, let root = try? XMLReader.parse(response.body) {
            let error = root.localName == "Error" ? root : root.child("Error")
            if let error, let code = error.childText("Code") {
                let requestId = error.childText("RequestId") ?? root.childText("RequestId") ?? headerId
                return EngineError(
                    code: code, message: error.childText("Message") ?? "", requestId: requestId,
                    httpStatus: response.status)
            }
        }
        var message = reasonPhrase(response.status)
        if !response.body.isEmpty {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self)
            message += message.isEmpty ? text : ": " + text
        }
        return EngineError(
            code: String(response.status), message: message, requestId: headerId, httpStatus: response.status)
    }

    /// Which error body an answer carries.
    public enum BodyStyle: Sendable, Hashable {
        /// S3 Control: `<ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>`.
        case s3Control
        /// S3: `<Error><Code/><Message/>(extra members)<RequestId/><HostId/></Error>`.
        case s3
    }

    /// An error answer's body, as the service writes it. `extra` are the S3 error members some
    /// codes add (`BucketName`, `Key`, ...), written after `Message`; S3 Control bodies have none.
    public static func body(
        _ style: BodyStyle, code: String, message: String, requestId: String, hostId: String,
        extra: [(name: String, value: String)] = []
    ) -> [UInt8] {
        let head = [XMLElementNode("Code", text: code), XMLElementNode("Message", text: message)]
        switch style {
        case .s3Control:
            return XMLWriter.document(
                XMLElementNode(
                    "ErrorResponse",
                    children: [
                        XMLElementNode("Error", children: head), XMLElementNode("RequestId", text: requestId),
                    ]))
        case .s3:
            let children =
                head + extra.map { XMLElementNode($0.name, text: $0.value) } + [
                    XMLElementNode("RequestId", text: requestId), XMLElementNode("HostId", text: hostId),
                ]
            return XMLWriter.document(XMLElementNode("Error", children: children))
        }
    }

    /// Throws the answer's ``EngineError`` unless the status is 2xx.
    public static func check(_ response: HTTPResponseParts) throws(EngineError) {
        guard response.isSuccess else { throw engineError(response) }
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 301: "Moved Permanently"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 416: "Requested Range Not Satisfiable"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}
