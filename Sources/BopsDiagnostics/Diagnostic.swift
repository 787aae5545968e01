/// How bad a diagnostic is. Only `error` makes a command fail.
public enum Severity: String, Sendable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One finding of any stage (YAML, schema, semantic rules, plan-time checks, engines).
///
/// `summary` is one line without a trailing period; `detail` may span lines; `hint` says what to do.
/// `range` is absent only for findings that concern no source text (a state file, a remote object);
/// those name the object in `subject` instead.
public struct Diagnostic: Error, Hashable, Sendable {
    public var severity: Severity
    public var summary: String
    public var detail: String?
    public var range: SourceRange?
    public var hint: String?
    /// The JSON pointer of the offending value inside its document (`/spec/priority`), when known.
    public var pointer: String?
    /// What the finding is about when there is no source range (`state file .bops/state.json`).
    public var subject: String?

    public init(
        _ severity: Severity, _ summary: String, detail: String? = nil, range: SourceRange? = nil,
        hint: String? = nil, pointer: String? = nil, subject: String? = nil
    ) {
        self.severity = severity
        self.summary = summary
        self.detail = detail
        self.range = range
        self.hint = hint
        self.pointer = pointer
        self.subject = subject
    }

    public static func error(
        _ summary: String, at range: SourceRange? = nil, hint: String? = nil, pointer: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, summary, range: range, hint: hint, pointer: pointer)
    }
}

/// A collection of diagnostics thrown as one error, so a stage reports everything it found at once.
public struct Diagnostics: Error, Sendable, Hashable, Sequence {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func append(contentsOf other: Diagnostics) { items.append(contentsOf: other.items) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }

    /// Sorted by file, then position, then severity; findings without a range go last.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            switch (a.element.range, b.element.range) {
            case let (ra?, rb?):
                if ra.file != rb.file { return ra.file < rb.file }
                if ra.start != rb.start { return ra.start < rb.start }
                return a.offset < b.offset
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return a.offset < b.offset
            }
        }.map(\.element)
    }
}
