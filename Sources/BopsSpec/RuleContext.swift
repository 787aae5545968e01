import BopsDiagnostics
import BopsYAML

/// Where the semantic rules report: resolves a JSON pointer of the document to a source range.
struct RuleContext {
    let file: String
    let root: Node
    let now: Timestamp
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, root: Node, now: Timestamp) {
        self.file = file
        self.root = root
        self.now = now
    }

    /// Reports at the value at `pointer`, or at its key when `atKey` (for "this key is not allowed here").
    mutating func report(
        _ severity: Severity, _ summary: String, at pointer: String, atKey: Bool = false,
        detail: String? = nil,
        hint: String?
    ) {
        let located = SourceLocation.locate(pointer, in: root)
        let node = atKey ? (located.key ?? located.value) : (located.value ?? located.key)
        diagnostics.append(
            Diagnostic(
                severity, summary, detail: detail, range: (node ?? root).range(in: file), hint: hint,
                pointer: pointer))
    }

    mutating func error(_ summary: String, at pointer: String, atKey: Bool = false, hint: String?) {
        report(.error, summary, at: pointer, atKey: atKey, hint: hint)
    }
}

/// JSON pointer navigation that also returns the key node of the last step.
enum SourceLocation {
    /// The key node (nil for the root and array items) and value node at `pointer`; both nil when a
    /// step is missing. Tokens are unescaped as RFC 6901 says (`~1` is `/`, `~0` is `~`).
    static func locate(_ pointer: String, in root: Node) -> (key: Node?, value: Node?) {
        guard !pointer.isEmpty else { return (nil, root) }
        guard pointer.hasPrefix("/") else { return (nil, nil) }
        var node = root
        var key: Node?
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = unescape(raw)
            switch node.content {
            case .mapping(let pairs):
                guard let pair = pairs.first(where: { $0.key.scalar?.text == token }) else {
                    return (nil, nil)
                }
                key = pair.key
                node = pair.value
            case .sequence(let items):
                guard let i = Int(token), i >= 0, i < items.count else { return (nil, nil) }
                key = nil
                node = items[i]
            case .scalar:
                return (nil, nil)
            }
        }
        return (key, node)
    }

    static func unescape(_ token: Substring) -> String {
        guard token.contains("~") else { return String(token) }
        var out = ""
        var tilde = false
        for c in token {
            if tilde {
                out.append(c == "1" ? "/" : c == "0" ? "~" : c)
                tilde = false
            } else if c == "~" {
                tilde = true
            } else {
                out.append(c)
            }
        }
        if tilde { out.append("~") }
        return out
    }
}
