/// An AWS answer whose body does not have the shape the model describes: a missing required
/// member, a value of the wrong type, an unknown enumeration value, or XML that does not parse.
/// `path` names the member (`DescribeJobResult/Job/ProgressSummary/TotalNumberOfTasks`).
public struct AWSShapeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var message: String

    public init(operation: String, path: String, message: String) {
        self.operation = operation
        self.path = path
        self.message = message
    }

    public var description: String {
        "\(operation) answer, \(path): \(message) (hint: the service answered a shape this client"
            + " does not know; check the endpoint is the AWS service it claims to be)"
    }
}
