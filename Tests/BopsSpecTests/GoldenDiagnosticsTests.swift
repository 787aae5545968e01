import BopsDiagnostics
import BopsSpec
import Testing

/// Fixtures under Fixtures/ mark each expected diagnostic with `⟦` and state it in a `#=>` comment.
@Suite struct GoldenDiagnosticsTests {
    static let fixtures = [
        "schema-errors.yaml", "rules.yaml", "documents.yaml", "operation-schema-errors.yaml",
        "operation-rules.yaml",
    ]

    @Test(arguments: fixtures)
    func fixtureDiagnosticsMatchTheirMarkers(_ name: String) throws {
        let path = "Tests/BopsSpecTests/Fixtures/" + name
        let source = MarkedSource(try Repo.text(path))
        let result = SpecLoader.load([(path: name, bytes: Array(source.text.utf8))], now: testNow)
        let actual = result.diagnostics.sorted
        #expect(!source.marks.isEmpty)
        #expect(
            source.expectations.count == source.marks.count,
            "every marker needs a #=> expectation\n\(result.diagnostics.rendered)")
        #expect(actual.allSatisfy { $0.range?.file == name })
        #expect(
            actual.map { Mark(line: $0.range?.start.line ?? 0, column: $0.range?.start.column ?? 0) }
                == source.marks,
            "\n\(result.diagnostics.rendered)")
        for (want, got) in zip(source.expectations, actual) {
            #expect(got.severity.rawValue == want.severity, "\(want)")
            #expect(got.summary == want.summary, "\(want)\n got: \(got.summary)")
            if let hint = want.hint {
                #expect(got.hint?.contains(hint) == true, "\(want)\n got hint: \(got.hint ?? "none")")
            }
        }
    }
}
