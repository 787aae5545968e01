import BopsDiagnostics
import Testing

/// Source text with position markers: each `⟦` marks the column where a diagnostic is expected and
/// is removed from the text. A line's `#=> severity: summary | help: hint` comments (one per marker,
/// in order) state what is expected there; they stay in the text as YAML comments.
struct MarkedSource {
    struct Expectation: CustomStringConvertible {
        var mark: Mark
        var severity: String
        var summary: String
        var hint: String?

        var description: String {
            "\(mark): \(severity): \(summary)" + (hint.map { " | help: \($0)" } ?? "")
        }
    }

    static let marker: Character = "⟦"

    var text: String
    var marks: [Mark] = []
    var expectations: [Expectation] = []

    init(_ raw: String) {
        var lines: [String] = []
        for (index, line) in raw.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var clean = ""
            var column = 1
            var lineMarks: [Mark] = []
            for c in line {
                if c == Self.marker {
                    lineMarks.append(Mark(line: index + 1, column: column))
                } else {
                    clean.append(c)
                    column += c.unicodeScalars.count
                }
            }
            marks += lineMarks
            let comments = clean.components("#=> ").dropFirst()
            for (mark, comment) in zip(lineMarks, comments) {
                let parts = comment.trimmingTrailingSpaces.components(" | help: ")
                let head = parts[0].components(": ")
                expectations.append(
                    Expectation(
                        mark: mark, severity: head[0], summary: head.dropFirst().joined(separator: ": "),
                        hint: parts.count > 1 ? parts[1] : nil))
            }
            lines.append(clean)
        }
        text = lines.joined(separator: "\n")
    }
}

extension String {
    /// Splits at every occurrence of `separator` (kept out), keeping empty pieces.
    func components(_ separator: String) -> [String] {
        var pieces: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: separator) {
            pieces.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        pieces.append(String(rest))
        return pieces
    }

    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension MarkedSource {
    /// Expects `found` (sorted, one file's) to be exactly the marked diagnostics: at the markers'
    /// positions, with the severities and summaries the `#=>` comments give, and hints containing theirs.
    func expectExactly(_ found: [Diagnostic], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            expectations.count == marks.count, "every marker needs a #=> expectation",
            sourceLocation: sourceLocation)
        #expect(
            found.map { Mark(line: $0.range?.start.line ?? 0, column: $0.range?.start.column ?? 0) } == marks,
            "\n\(Diagnostics(found).rendered)", sourceLocation: sourceLocation)
        for (want, got) in zip(expectations, found) {
            #expect(got.severity.rawValue == want.severity, "\(want)", sourceLocation: sourceLocation)
            #expect(
                got.summary == want.summary, "\(want)\n got: \(got.summary)", sourceLocation: sourceLocation)
            if let hint = want.hint {
                #expect(
                    got.hint?.contains(hint) == true, "\(want)\n got hint: \(got.hint ?? "none")",
                    sourceLocation: sourceLocation)
            }
        }
    }
}
