/// How much the AWS engine reports through its ``AWSLogger``.
public enum AWSLogLevel: Int, Sendable, Hashable, Comparable, CaseIterable {
    case error = 0
    case warning = 1
    case info = 2
    case debug = 3

    public static func < (a: AWSLogLevel, b: AWSLogLevel) -> Bool { a.rawValue < b.rawValue }
}

/// One thing the engine reports. At `debug` each HTTP attempt yields one event with the service,
/// operation, status and AWS request id.
///
/// Invariant: no event ever holds a secret access key, a session token, an `Authorization` header,
/// a signature or a web identity token; `message` is built only from operation names, statuses,
/// request ids, hosts, error codes and messages.
public struct AWSLogEvent: Sendable, Hashable, CustomStringConvertible {
    public var level: AWSLogLevel
    public var message: String
    public var service: String?
    public var operation: String?
    public var status: Int?
    public var requestId: String?
    public var attempt: Int?

    public init(
        level: AWSLogLevel, message: String, service: String? = nil, operation: String? = nil,
        status: Int? = nil, requestId: String? = nil, attempt: Int? = nil
    ) {
        self.level = level
        self.message = message
        self.service = service
        self.operation = operation
        self.status = status
        self.requestId = requestId
        self.attempt = attempt
    }

    public var description: String { "[\(level)] \(message)" }
}

/// A sink for ``AWSLogEvent``s: the command line hooks `--log-level` here. Events above `level`
/// are dropped before they are built.
public struct AWSLogger: Sendable {
    public var level: AWSLogLevel
    public var handler: @Sendable (AWSLogEvent) -> Void

    public init(level: AWSLogLevel, handler: @escaping @Sendable (AWSLogEvent) -> Void) {
        self.level = level
        self.handler = handler
    }

    /// Drops everything.
    public static let disabled = AWSLogger(level: .error) { _ in }

    public func enabled(_ level: AWSLogLevel) -> Bool { level <= self.level }

    public func log(_ level: AWSLogLevel, _ event: @autoclosure () -> AWSLogEvent) {
        guard enabled(level) else { return }
        handler(event())
    }
}
