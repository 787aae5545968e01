/// A setting of the AWS engine that cannot be used: an environment variable, a config or
/// credentials file entry, a CA bundle. `message` names the setting (and file and line when there
/// is one); `hint` says what to change. Never holds a secret.
public struct AWSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(message) (hint: \($0))" } ?? message
    }
}
