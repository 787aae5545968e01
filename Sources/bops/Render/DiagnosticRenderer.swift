import BopsDiagnostics
import BopsPrimitives
import FoundationEssentials

/// Prints diagnostics as compilers do: `file:line:col: error: summary`, the source line, a caret, `help:`.
struct DiagnosticRenderer {
    var sources: SourceCache
    var style: Style

    func render(_ d: Diagnostic) -> String {
        var out = ""
        let label: String
        switch d.severity {
        case .error: label = style.red("error")
        case .warning: label = style.yellow("warning")
        case .note: label = style.cyan("note")
        }
        let place =
            d.range.map { "\($0.file):\($0.start.line):\($0.start.column): " } ?? d.subject.map { "\($0): " }
            ?? ""
        out += style.bold(place) + label + style.bold(": " + d.summary) + "\n"
        if let range = d.range, let line = sources.line(range.start.line, of: range.file) {
            let number = String(range.start.line)
            let gutter = String(repeating: " ", count: number.count)
            let expanded = line.replacing("\t", with: " ")
            out += style.dim(" \(number) | ") + expanded + "\n"
            let startCol = max(1, range.start.column)
            let lineWidth = expanded.count
            var width = 1
            if range.end.line == range.start.line, range.end.column > startCol {
                width = range.end.column - startCol
            } else if range.end.line > range.start.line {
                width = max(1, lineWidth - startCol + 1)
            }
            let pad = String(repeating: " ", count: min(startCol - 1, lineWidth))
            let marker = "^" + String(repeating: "~", count: max(0, width - 1))
            out += style.dim(" \(gutter) | ") + pad + style.green(marker) + "\n"
        }
        if let detail = d.detail {
            for l in detail.split(separator: "\n", omittingEmptySubsequences: false) {
                out += "  \(l)\n"
            }
        }
        if let hint = d.hint {
            out += style.cyan("help") + ": \(hint)\n"
        }
        return out
    }

    func render(_ all: [Diagnostic]) -> String {
        all.map(render).joined(separator: "\n")
    }
}

/// GitHub Actions workflow commands (`::error file=,line=,col=::message`), one line a diagnostic.
enum GitHubAnnotations {
    static func render(_ d: Diagnostic) -> String {
        let command: String
        switch d.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var props: [String] = []
        if let r = d.range {
            props.append("file=\(escapeProperty(r.file))")
            props.append("line=\(r.start.line)")
            props.append("col=\(r.start.column)")
            if r.end.line >= r.start.line {
                props.append("endLine=\(r.end.line)")
                if r.end.line == r.start.line { props.append("endColumn=\(r.end.column)") }
            }
        }
        props.append("title=\(escapeProperty("bops: " + d.summary))")
        var message = d.summary
        if let detail = d.detail { message += "\n" + detail }
        if let hint = d.hint { message += "\nhelp: " + hint }
        return "::\(command) \(props.joined(separator: ","))::\(escapeData(message))"
    }

    /// GitHub shows at most 10 annotations of each kind (error, warning, notice) a step.
    static let perStep = 10

    /// The annotations GitHub will show: the first ``perStep`` of each severity, in order, and how
    /// many were left out.
    static func capped(_ all: [Diagnostic]) -> (lines: [String], left: Int) {
        var shown: [Severity: Int] = [:]
        var lines: [String] = []
        var left = 0
        for d in all {
            if shown[d.severity, default: 0] < perStep {
                shown[d.severity, default: 0] += 1
                lines.append(render(d))
            } else {
                left += 1
            }
        }
        return (lines, left)
    }

    /// Every finding as a markdown table, appended to the step summary (`$GITHUB_STEP_SUMMARY`).
    static func appendSummary(_ all: [Diagnostic], files: Int, to path: String) throws {
        let errors = all.filter { $0.severity == .error }.count
        var md = "### bops validate\n\n"
        if all.isEmpty {
            md += "All specs are valid (\(files) file\(files == 1 ? "" : "s")).\n\n"
        } else {
            md +=
                "**\(errors) error\(errors == 1 ? "" : "s"), \(all.count - errors) other finding"
                + "\(all.count - errors == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s").**\n\n"
            md += "| | where | finding | help |\n|---|---|---|---|\n"
            for d in all {
                let place =
                    d.range.map { "`\($0.file):\($0.start.line):\($0.start.column)`" }
                    ?? d.subject.map { "`\($0)`" } ?? ""
                md += "| \(d.severity.rawValue) | \(place) | \(cell(d.summary)) | \(cell(d.hint ?? "")) |"
                md += "\n"
            }
            md += "\n"
        }
        try PosixFile.append(Array(md.utf8), to: path)
    }

    static func cell(_ s: String) -> String {
        s.replacing("|", with: "\\|").replacing("\n", with: " ")
    }

    static func escapeData(_ s: String) -> String {
        s.replacing("%", with: "%25")
            .replacing("\r", with: "%0D")
            .replacing("\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}

/// The versioned JSON form of diagnostics, for machines.
struct DiagnosticsJSON: Encodable {
    static let formatVersion = "1.0"

    struct Item: Encodable {
        var severity: String
        var summary: String
        var detail: String?
        var file: String?
        var line: Int?
        var column: Int?
        var endLine: Int?
        var endColumn: Int?
        var pointer: String?
        var subject: String?
        var hint: String?

        enum CodingKeys: String, CodingKey {
            case severity, summary, detail, file, line, column, pointer, subject, hint
            case endLine = "end_line"
            case endColumn = "end_column"
        }
    }

    var formatVersion = DiagnosticsJSON.formatVersion
    var valid: Bool
    var errorCount: Int
    var warningCount: Int
    var filesChecked: Int
    var specsChecked: Int
    var diagnostics: [Item]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case valid
        case errorCount = "error_count"
        case warningCount = "warning_count"
        case filesChecked = "files_checked"
        case specsChecked = "specs_checked"
        case diagnostics
    }

    init(_ all: [Diagnostic], files: Int, specs: Int) {
        valid = !all.contains { $0.severity == .error }
        errorCount = all.filter { $0.severity == .error }.count
        warningCount = all.filter { $0.severity == .warning }.count
        filesChecked = files
        specsChecked = specs
        diagnostics = all.map {
            Item(
                severity: $0.severity.rawValue, summary: $0.summary, detail: $0.detail, file: $0.range?.file,
                line: $0.range?.start.line, column: $0.range?.start.column, endLine: $0.range?.end.line,
                endColumn: $0.range?.end.column, pointer: $0.pointer, subject: $0.subject, hint: $0.hint)
        }
    }

    func encoded() -> String { encodeJSON(self) }
}
