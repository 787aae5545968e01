public import BopsDiagnostics
public import BopsNode

/// One way an instance breaks a schema.
///
/// `pointer` is the JSON pointer of the offending value in the instance (`""` for the root, `/spec/priority`);
/// for an unknown key it is the pointer the key would have. `start`/`end` are the marks of the offending
/// node: the key node for unknown keys, the mapping for missing required keys.
public struct SchemaViolation: Sendable, Hashable {
    public var pointer: String
    /// The keyword that failed (`type`, `enum`, `required`, `additionalProperties`, `oneOf`...).
    public var keyword: String
    /// One line without a trailing period: `unknown key 'storageclass'`.
    public var message: String
    /// What to do about it: `did you mean 'storageClass'?`.
    public var hint: String?
    public var start: Mark
    public var end: Mark

    public init(pointer: String, keyword: String, message: String, hint: String?, start: Mark, end: Mark) {
        self.pointer = pointer
        self.keyword = keyword
        self.message = message
        self.hint = hint
        self.start = start
        self.end = end
    }

    /// The violation as an error diagnostic located in `file`.
    public func diagnostic(in file: String) -> Diagnostic {
        .error(message, at: SourceRange(file: file, start: start, end: end), hint: hint, pointer: pointer)
    }
}

/// A JSON Schema draft-07 validator, compiled once from a schema document and immutable afterwards.
///
/// Supported: every draft-07 validation keyword, boolean schemas, `definitions`, `$ref` to JSON pointers,
/// `$id`-based resolution inside the document and references to the draft-07 meta-schema. Formats
/// `date-time`, `date`, `email` and `uri` are asserted; other formats are annotations. Remote references
/// are refused when compiling. Validation never throws: it returns every violation, sorted by position.
public struct JSONSchema: Sendable {
    let rules: [Rule]
    let root: Int

    /// Compiles `root` (the parsed schema document). Throws every malformed keyword and unresolvable
    /// `$ref`, located in `file`.
    public init(_ root: Node, file: String) throws(Diagnostics) {
        let compiler = SchemaCompiler()
        let doc = compiler.addDocument(root, file: file)
        self.root = compiler.compileAll(doc: doc)
        if compiler.errors.hasErrors { throw compiler.errors }
        rules = compiler.rules.map(Rule.init)
    }

    /// Parses and compiles a schema from JSON bytes.
    public init(json bytes: [UInt8], file: String) throws(Diagnostics) {
        try self.init(try JSONReader.parse(bytes, file: file), file: file)
    }

    /// Every violation of the schema by `instance`, in document order; empty when it is valid.
    public func validate(_ instance: Node) -> [SchemaViolation] {
        var run = Validation(rules: rules, collecting: true)
        _ = run.check(instance, root)
        if run.violations.count > 1 {
            return run.violations.enumerated().sorted {
                ($0.element.start, $0.offset) < ($1.element.start, $1.offset)
            }.map(\.element)
        }
        return run.violations
    }

    /// Whether `instance` is valid, without building any message.
    public func isValid(_ instance: Node) -> Bool {
        var run = Validation(rules: rules, collecting: false)
        return run.check(instance, root)
    }
}
