/// A body that does not have the shape the model describes: a missing required member, a value
/// of the wrong type, an unknown enumeration value, or XML that does not parse. `path` names the
/// member (`DescribeJobResult/Job/ProgressSummary/TotalNumberOfTasks`). `isRequest` tells a
/// client's request (read by the emulator) from a service's answer (read by the client);
/// `isMalformedXML` tells a body that is not XML at all (AWS's `MalformedXML`).
public struct AWSShapeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var message: String
    public var isRequest: Bool
    public var isMalformedXML: Bool

    public init(
        operation: String, path: String, message: String, isRequest: Bool = false,
        isMalformedXML: Bool = false
    ) {
        self.operation = operation
        self.path = path
        self.message = message
        self.isRequest = isRequest
        self.isMalformedXML = isMalformedXML
    }

    /// `path: message`, the part a 400 answer to a malformed request carries.
    public var detail: String { "\(path): \(message)" }

    public var description: String {
        if isRequest { return "\(operation) request, \(detail)" }
        return "\(operation) answer, \(detail) (hint: the service answered a shape this client"
            + " does not know; check the endpoint is the AWS service it claims to be)"
    }
}
