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
        #expect(actual.allSatisfy { $0.range?.file == name })
        source.expectExactly(actual)
    }
}
