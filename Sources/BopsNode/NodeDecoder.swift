public import BopsDiagnostics

/// The one decoder over the node tree: typed reads that never trap, each finding a diagnostic at
/// the node it is about.
///
/// A read returns `nil` when the value is absent and also when it has another type; the latter is
/// a mismatch, worded by the document's ``Wording`` (a spec, the project file and a policy each say
/// it their own way). Other findings are ``error(_:at:hint:pointer:)``s, and keys outside a list
/// are ``checkKeys(of:allowed:summary:listing:)``.
public struct NodeDecoder: Sendable {
    /// What a read expected, as a finding names it (`"a string"`, `"an object"`).
    public struct Expectation: Hashable, Sendable {
        public var description: String

        public init(_ description: String) { self.description = description }

        public static let string = Expectation("a string")
        public static let object = Expectation("an object")
        public static let array = Expectation("an array")
        public static let boolean = Expectation("a boolean")
        public static let integer = Expectation("an integer")
        public static let allowedValue = Expectation("one of the allowed values")
        public static let stringKey = Expectation("a string key")
    }

    /// A value of the wrong type, or a required one missing (`node` nil), at a JSON pointer.
    public struct Mismatch: Sendable {
        public var node: Node?
        public var pointer: String
        public var expected: Expectation
        public var file: String

        /// The last step of ``pointer``, unescaped: the key the value was read at.
        public var key: String {
            let last = pointer.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
            return Node.unescapePointerToken(last)
        }
    }

    /// How a document's kind words a mismatch.
    public struct Wording: Sendable {
        public var finding: @Sendable (Mismatch) -> Diagnostic

        public init(_ finding: @escaping @Sendable (Mismatch) -> Diagnostic) { self.finding = finding }

        /// For a document the schema has accepted: a mismatch means the schema and the decoder
        /// disagree, so the finding names the pointer and asks for a bug report.
        public static let schemaChecked = Wording { m in
            Diagnostic(
                .error,
                m.node.map { "expected \(m.expected.description) at \(m.pointer), found \($0.typeName)" }
                    ?? "missing required value at \(m.pointer)",
                range: m.node?.range(in: m.file),
                hint: "The schema accepted this value but bops cannot use it; report this as a bug in bops.",
                pointer: m.pointer)
        }
    }

    public let file: String
    public let wording: Wording
    public var diagnostics: [Diagnostic]

    public init(file: String, wording: Wording = .schemaChecked, diagnostics: [Diagnostic] = []) {
        self.file = file
        self.wording = wording
        self.diagnostics = diagnostics
    }

    /// `base` extended by one reference token, escaped as RFC 6901 requires.
    public static func pointer(_ base: String, _ token: String) -> String {
        base + "/" + Node.escapePointerToken(token)
    }

    /// An error at `node` (at no position when nil).
    public mutating func error(_ summary: String, at node: Node?, hint: String? = nil, pointer: String? = nil)
    {
        diagnostics.append(.error(summary, at: node?.range(in: file), hint: hint, pointer: pointer))
    }

    /// A value at `pointer` that is not what was expected, worded by ``wording``.
    public mutating func mismatch(_ node: Node?, _ pointer: String, expected: Expectation) {
        diagnostics.append(
            wording.finding(Mismatch(node: node, pointer: pointer, expected: expected, file: file)))
    }

    /// A mismatch with an expectation of its own (`"ON or OFF"`).
    public mutating func mismatch(_ node: Node?, _ pointer: String, expected: String) {
        mismatch(node, pointer, expected: Expectation(expected))
    }

    /// An error at `key` when its text is not among `allowed`, with the closest allowed key as the
    /// hint, or else `listing`. Returns whether the key is allowed.
    @discardableResult
    public mutating func checkKey(
        _ key: Node, allowed: [String], summary: (String) -> String, listing: String
    ) -> Bool {
        let name = key.scalar?.text ?? ""
        if allowed.contains(name) { return true }
        let near = Suggestion.closest(to: name, among: allowed)
        error(summary(name), at: key, hint: near.map { "did you mean '\($0)'?" } ?? listing)
        return false
    }

    /// ``checkKey(_:allowed:summary:listing:)`` for every key of a mapping.
    public mutating func checkKeys(
        of node: Node, allowed: [String], summary: (String) -> String, listing: String
    ) {
        for pair in node.mapping ?? [] {
            checkKey(pair.key, allowed: allowed, summary: summary, listing: listing)
        }
    }

    /// `node` converted, or a mismatch at `pointer` when `convert` refuses it.
    public mutating func read<T>(
        _ node: Node, at pointer: String, expected: Expectation, _ convert: (Node) -> T?
    ) -> T? {
        if let value = convert(node) { return value }
        mismatch(node, pointer, expected: expected)
        return nil
    }

    /// The value under `key` of `parent` converted; nil when absent, a mismatch when refused.
    public mutating func read<T>(
        _ parent: Node?, _ key: String, _ base: String, expected: Expectation, _ convert: (Node) -> T?
    ) -> T? {
        guard let node = parent?[key] else { return nil }
        return read(node, at: Self.pointer(base, key), expected: expected, convert)
    }
}
