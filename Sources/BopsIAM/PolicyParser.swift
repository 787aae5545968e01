public import BopsDiagnostics
import BopsNode

/// A parsed policy with where each of its action names was written, for the action catalog check.
public struct ParsedPolicy: Sendable, Hashable {
    public var document: PolicyDocument
    /// Every `Action` / `NotAction` entry with its source range, in document order.
    public var actions: [LocatedText]

    public init(document: PolicyDocument, actions: [LocatedText] = []) {
        self.document = document
        self.actions = actions
    }
}

/// A string of a document and where it was written.
public struct LocatedText: Sendable, Hashable {
    public var text: String
    public var range: SourceRange

    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// Reads IAM policy documents (JSON) into ``PolicyDocument``s.
///
/// Every finding is an error at the file, line and column of the element it is about, worded as IAM
/// words its `MalformedPolicyDocument` message where IAM has one, with a hint. The parser collects all
/// findings of a document and throws them together; it never accepts a document IAM would refuse for
/// its grammar (unknown elements, a missing `Effect`, `Action` and `NotAction` together, a principal in
/// an identity policy, a resource in a trust policy, a `Sid` that is not alphanumeric or repeats).
public enum PolicyParser {
    /// The largest document read, in bytes (IAM's largest, a managed policy, is 6,144 characters
    /// without whitespace; whitespace is allowed on top).
    public static let maxBytes = 131_072

    public static func parse(
        _ text: String, file: String, kind: PolicyKind
    ) throws(Diagnostics) -> ParsedPolicy {
        try parse(Array(text.utf8), file: file, kind: kind)
    }

    public static func parse(
        _ bytes: [UInt8], file: String, kind: PolicyKind
    ) throws(Diagnostics)
        -> ParsedPolicy
    {
        guard bytes.count <= maxBytes else {
            throw Diagnostics([
                .error(
                    "the policy document is \(bytes.count) bytes, more than the \(maxBytes) read",
                    at: SourceRange(
                        file: file, start: Mark(line: 1, column: 1), end: Mark(line: 1, column: 2)),
                    hint: "IAM limits inline role policies to 10,240 characters in all")
            ])
        }
        let root = try JSONReader.parse(bytes, file: file)
        var d = NodeDecoder(file: file, wording: .policy)
        var actions: [LocatedText] = []
        let document = PolicyDocument.decode(root, kind: kind, &d, &actions)
        guard d.diagnostics.isEmpty, let document else { throw Diagnostics(d.diagnostics) }
        return ParsedPolicy(document: document, actions: actions)
    }
}
