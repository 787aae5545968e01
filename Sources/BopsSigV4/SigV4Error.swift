/// A request the signer cannot sign, with the offending field and a hint.
///
/// The message never contains credentials or header values (a header value may be a secret).
public struct SigV4Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The part of the request that is wrong, e.g. `headers`, `path`, `expires`.
    public let field: String
    /// What is wrong.
    public let reason: String
    /// How to fix it.
    public let hint: String

    public init(field: String, reason: String, hint: String) {
        self.field = field
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        "cannot sign request: \(field): \(reason) (hint: \(hint))"
    }
}
