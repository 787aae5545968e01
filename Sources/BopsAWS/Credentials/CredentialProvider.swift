import BopsPrimitives
public import BopsSigV4
public import FoundationEssentials

/// Credentials and where they came from.
///
/// Invariant: `source` describes the origin (a variable name, a profile, a file path, a role ARN,
/// an endpoint) and never holds a secret; `description` shows only `source`, the masked key id and
/// the expiry.
public struct ResolvedCredentials: Sendable, Equatable, CustomStringConvertible {
    public var credentials: AWSCredentials
    /// When temporary credentials stop working; `nil` for long-term keys.
    public var expiration: Date?
    public var source: String

    public init(credentials: AWSCredentials, expiration: Date? = nil, source: String) {
        self.credentials = credentials
        self.expiration = expiration
        self.source = source
    }

    public var description: String {
        var text = "\(source) (\(credentials.maskedAccessKeyId)"
        if let expiration { text += ", expires \(Timestamp(date: expiration).rfc3339(fractionDigits: 0))" }
        return text + ")"
    }
}

/// A failure to get credentials from a source that is configured: the source, what went wrong, and
/// what to do. Never holds a secret.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var message: String
    public var hint: String?

    public init(source: String, _ message: String, hint: String? = nil) {
        self.source = source
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "credentials from \(source): \(message)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}

/// Hands out credentials for signing.
public protocol CredentialProvider: Sendable {
    func credentials() async throws -> ResolvedCredentials
}

/// One link of the chain: `nil` when this source is not configured (the chain moves on), a thrown
/// ``CredentialError`` when it is configured but fails (the chain stops, as botocore's does).
public protocol CredentialSource: Sendable {
    var name: String { get }
    func load() async throws -> ResolvedCredentials?
}

/// Fixed credentials (tests, or keys handed over by a caller).
public struct StaticCredentialProvider: CredentialProvider {
    public var resolved: ResolvedCredentials

    public init(_ credentials: AWSCredentials, source: String = "static credentials") {
        self.resolved = ResolvedCredentials(credentials: credentials, source: source)
    }

    public func credentials() async throws -> ResolvedCredentials { resolved }
}
