import BopsDiagnostics
internal import CLibYAML

/// The one owner of a libyaml parser and of the input bytes it reads: both live exactly as long as
/// this object, and `deinit` frees them. libyaml keeps a pointer to the parser inside the parser
/// (its string reader), so the parser lives at a fixed heap address, never in a Swift variable.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    /// False when libyaml could not allocate its buffers; `next` then reports a memory error.
    private let initialized: Bool

    init(bytes: [UInt8]) {
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        initialized = yaml_parser_initialize(parser) != 0
        if initialized {
            yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
        }
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
        input.deallocate()
    }

    /// Parses the next event and hands it to `body`; the event's memory is valid only inside `body`.
    /// Returns `nil` when libyaml reports an error (see `error(file:source:)`).
    func next<R>(_ body: (yaml_event_t) -> R) -> R? {
        guard initialized else { return nil }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else { return nil }
        defer { yaml_event_delete(&event) }
        return body(event)
    }

    /// The error libyaml reported, as the one diagnostic for it: libyaml's problem text at its
    /// problem mark, its context (`while scanning a simple key`) with the context's line, and a hint.
    func error(file: String, source: SourceLocator) -> Diagnostic {
        guard initialized else {
            return .error("libyaml could not allocate its parser", at: nil, hint: "free some memory")
        }
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown YAML error"
        switch p.error {
        case YAML_MEMORY_ERROR:
            return .error(
                "out of memory while reading YAML",
                at: SourceRange(file: file, start: Mark(line: 1, column: 1), end: Mark(line: 1, column: 1)),
                hint: "split the file into smaller files")
        case YAML_READER_ERROR:
            let mark = source.mark(atByte: p.problem_offset)
            var summary = problem
            if p.problem_value >= 0 {
                let value = UInt32(truncatingIfNeeded: p.problem_value)
                summary += " (byte 0x\(String(value, radix: 16, uppercase: true)))"
            }
            return .error(
                summary, at: SourceRange(file: file, start: mark, end: mark),
                hint: "remove the character or write it as an escape (\\uXXXX) inside double quotes")
        default:
            let start = Self.mark(p.problem_mark)
            let range = SourceRange(file: file, start: start, end: start)
            let onTab =
                source.byte(line: Int(p.problem_mark.line), column: Int(p.problem_mark.column)) == 0x09
            if onTab || problem.contains("tab character") {
                return Diagnostic(
                    .error, "tab character used for indentation", detail: "libyaml: \(problem)",
                    range: range, hint: "indent with spaces; YAML does not allow tabs for indentation")
            }
            var detail: String?
            if let context = p.context.map({ String(cString: $0) }) {
                let at = Self.mark(p.context_mark)
                detail = "\(context) started at line \(at.line), column \(at.column)"
            }
            return Diagnostic(.error, problem, detail: detail, range: range, hint: Self.hint(for: problem))
        }
    }

    /// libyaml marks are 0-based; ours are 1-based.
    static func mark(_ m: yaml_mark_t) -> Mark {
        Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    /// What to do about libyaml's most frequent problems.
    static func hint(for problem: String) -> String {
        switch problem {
        case "mapping values are not allowed in this context":
            return "a value cannot hold ': ' unquoted; quote it, or put a nested mapping on its own lines"
        case "could not find expected ':'":
            return "a key needs ':' after it; check the line above for a missing colon or a stray line"
        case "did not find expected key":
            return "check this line's indentation: keys of one mapping must start in the same column"
        case "did not find expected '-' indicator":
            return "items of one list must each start with '-' in the same column"
        case "did not find expected node content":
            return "a value is missing here; write one or quote the text"
        case "found unexpected end of stream":
            return "a quoted string or a [list] or {mapping} is not closed"
        case "found unknown escape character":
            return "in double quotes write a backslash as \\\\, or use single quotes"
        case "found character that cannot start any token":
            return "quote the value: '@', '`' and some other characters cannot start a plain scalar"
        case "found undefined tag handle":
            return "use a standard tag such as !!str, or declare the handle with %TAG"
        case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
            return "separate items with ',' and close the collection; quote values holding ',' or ':'"
        case "found a tab character where an indentation space is expected":
            return "indent with spaces"
        default:
            return "check the YAML syntax at this position"
        }
    }
}
