public import BopsDiagnostics
import BopsNode
import BopsPrimitives
import BopsSchema
import BopsYAML
public import FoundationEssentials

/// Turns spec files into `LoadedSpec`s: YAML parse, JSON Schema check against the embedded
/// schemas/job-spec.schema.json, decoding, semantic rules, and uniqueness of `metadata.name`.
public enum SpecLoader {
    /// Loads every document of every file and reports every problem found, in all files at once.
    ///
    /// - `files`: paths as they should appear in diagnostics (project-relative paths let the manifest
    ///   path check see when a CSV `file` leaves the project) and the files' bytes.
    /// - `now`: the clock for "retention date in the future"; pass a fixed date in tests.
    ///
    /// A document is returned in `specs` only if neither it nor its file's YAML has an error
    /// (warnings allowed); documents keep file order. Empty documents are skipped. Never traps on any input.
    public static func load(
        _ files: [(path: String, bytes: [UInt8])], now: Date = Date()
    ) -> (specs: [LoadedSpec], diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let schema: JSONSchema
        switch embeddedSchema {
        case .success(let s): schema = s
        case .failure(let errors):
            diagnostics.append(contentsOf: errors)
            return ([], diagnostics)
        }
        let clock = Timestamp(date: now)
        var candidates: [LoadedSpec] = []
        var names: [String: LoadedSpec] = [:]
        // Files are independent until names are compared: check them in parallel, merge in file order.
        let lanes = files.count < 8 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        let perFile = ParallelMap.map(files, lanes: lanes) { file in
            loadFile(file.path, file.bytes, schema: schema, now: clock)
        }
        for fileResult in perFile {
            diagnostics.append(contentsOf: fileResult.yaml)
            // A document with YAML errors is still checked (to report more), but never returned.
            let yamlFailed = fileResult.yaml.hasErrors
            for (spec, found) in fileResult.documents {
                diagnostics.append(contentsOf: found)
                guard let spec else { continue }
                if let first = names[spec.spec.name] {
                    diagnostics.append(duplicate(spec, first: first))
                    diagnostics.append(
                        Diagnostic(
                            .note, "\(spec.spec.name) is first defined here", range: first.nameRange,
                            pointer: "/metadata/name"))
                    continue
                }
                names[spec.spec.name] = spec
                if !yamlFailed && !found.contains(where: { $0.severity == .error }) {
                    candidates.append(spec)
                }
            }
        }
        return (candidates, diagnostics)
    }

    /// Loads in-memory text, as `load(_:now:)` does with its UTF-8 bytes.
    public static func load(
        text: String, file: String, now: Date = Date()
    ) -> (
        specs: [LoadedSpec], diagnostics: Diagnostics
    ) {
        load([(path: file, bytes: Array(text.utf8))], now: now)
    }

    /// The compiled embedded schema, or why it did not compile (a defect of bops, not of the input).
    static let embeddedSchema: Result<JSONSchema, Diagnostics> = {
        do throws(Diagnostics) {
            return .success(try JSONSchema(json: Array(EmbeddedSchema.text.utf8), file: EmbeddedSchema.path))
        } catch {
            return .failure(error)
        }
    }()

    struct FileResult: Sendable {
        var yaml: Diagnostics
        var documents: [(LoadedSpec?, [Diagnostic])]
    }

    static func loadFile(_ path: String, _ bytes: [UInt8], schema: JSONSchema, now: Timestamp) -> FileResult {
        let parsed = YAMLReader.parse(bytes, file: path)
        return FileResult(
            yaml: parsed.diagnostics,
            documents: parsed.documents.map { loadDocument($0, file: path, schema: schema, now: now) })
    }

    /// One document: a spec (possibly with semantic errors, so that its name still counts for
    /// uniqueness) or nil when it could not be decoded.
    static func loadDocument(
        _ document: Document, file: String, schema: JSONSchema, now: Timestamp
    ) -> (LoadedSpec?, [Diagnostic]) {
        let root = document.root
        if case .scalar(let s) = root.content, s.value == .null { return (nil, []) }
        guard root.mapping != nil, root["apiVersion"] != nil else {
            let what =
                switch root.content {
                case .mapping: "a mapping without apiVersion"
                case .sequence: "a list"
                case .scalar: "a single value"
                }
            return (
                nil,
                [
                    Diagnostic(
                        .error, "document \(document.index + 1) is not a bops job spec (it is \(what))",
                        range: SourceRange(file: file, start: root.start, end: root.start),
                        hint:
                            "start the document with apiVersion: bops/v1 and kind: BatchJob, "
                            + "or leave this file out",
                        pointer: "")
                ]
            )
        }
        let violations = schema.validate(root)
        if !violations.isEmpty {
            return (nil, violations.map { diagnostic(for: $0, root: root, file: file) })
        }
        let decoded = SpecDecoder.decode(root, file: file)
        guard let spec = decoded.spec else { return (nil, decoded.diagnostics) }
        var context = RuleContext(file: file, root: root, now: now)
        SemanticRules.check(spec, &context)
        return (
            LoadedSpec(spec: spec, file: file, document: document), decoded.diagnostics + context.diagnostics
        )
    }

    private static func duplicate(_ second: LoadedSpec, first: LoadedSpec) -> Diagnostic {
        let at = first.nameRange
        return Diagnostic(
            .error, "duplicate job name \(second.spec.name)",
            detail: "first defined at \(at.file):\(at.start.line):\(at.start.column)",
            range: second.nameRange,
            hint:
                "metadata.name must be unique across all specs (it keys the job in state); "
                + "rename one of them "
                + "(the other is at \(at.file):\(at.start.line))",
            pointer: "/metadata/name")
    }

    /// A schema violation as a diagnostic; a scalar that YAML read as a number or boolean where the
    /// schema wants a string gets a hint to quote it.
    static func diagnostic(for v: SchemaViolation, root: Node, file: String) -> Diagnostic {
        var d = v.diagnostic(in: file)
        if v.keyword == "type", v.message.contains("string"),
            let node = SourceLocation.locate(v.pointer, in: root).value, let scalar = node.scalar,
            scalar.style == .plain, node.string == nil
        {
            d.hint = "quote it to make it a string: \"\(scalar.text)\""
        }
        if v.keyword == "pattern", let text = SourceLocation.locate(v.pointer, in: root).value?.string,
            text.hasPrefix("arn:"), text.split(separator: ":").dropFirst(2).first == "s3express"
        {
            // Any s3express ARN, well formed or not: the hint says how a directory bucket ARN looks.
            if v.pointer == "/spec/operation/copy/destination" {
                d.hint =
                    "a directory bucket ARN is arn:aws:s3express:REGION:ACCOUNT:bucket/NAME--ZONE--x-s3 "
                    + "(for example bucket/hot--use1-az4--x-s3)"
            } else {
                let key = v.pointer.split(separator: "/").last.map(String.init) ?? v.pointer
                d.summary = "\(key) does not take a directory bucket (\(text))"
                d.hint =
                    "directory buckets (arn:aws:s3express:...) are accepted only as copy.destination; "
                    + "write a general purpose bucket ARN here (arn:aws:s3:::NAME)"
            }
        }
        if v.keyword == "required", v.pointer.hasPrefix("/spec/report"), v.message.contains("bucket"),
            d.hint == nil
        {
            d.hint = "name the bucket that receives the report, or write scope: disabled to have none"
        }
        return d
    }
}
