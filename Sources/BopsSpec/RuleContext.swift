import BopsDiagnostics
import BopsNode
import BopsPrimitives

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

    /// Whether the document has a value at `pointer` (a key written out, not a default).
    func has(_ pointer: String) -> Bool { SourceLocation.locate(pointer, in: root).value != nil }
}

/// JSON pointer navigation that also returns the key node of the last step.
enum SourceLocation {
    /// The key node (nil for the root and array items) and value node at `pointer`; both nil when a
    /// step is missing. Tokens are unescaped as RFC 6901 says (`~1` is `/`, `~0` is `~`).
    ///
    /// The generator has two spellings (`manifest.generate`, formerly `manifest.replicationConfiguration`):
    /// a pointer through either finds the member under the spelling the document uses.
    static func locate(_ pointer: String, in root: Node) -> (key: Node?, value: Node?) {
        if let found = root.locate(pointer: pointer) { return (found.key, found.value) }
        for (from, to) in aliases where pointer == from || pointer.hasPrefix(from + "/") {
            if let found = root.locate(pointer: to + pointer.dropFirst(from.count)) {
                return (found.key, found.value)
            }
        }
        return (nil, nil)
    }

    private static let aliases = [
        ("/spec/manifest/replicationConfiguration", "/spec/manifest/generate"),
        ("/spec/manifest/generate", "/spec/manifest/replicationConfiguration"),
    ]
}
