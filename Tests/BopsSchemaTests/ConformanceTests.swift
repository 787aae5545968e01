import Foundation
import Testing

@Suite("JSON Schema test suite, draft-07")
struct ConformanceTests {
    // Skipped with this message where ../shared/conformance is absent.
    @Test(
        "Each file of the suite passes",
        .enabled(if: Conformance.available, "the conformance suite is absent from ../shared/conformance"),
        arguments: Conformance.files)
    func file(_ name: String) throws {
        let outcome = try Conformance.run(name)
        #expect(outcome.cases > 0, "\(name) holds no test cases")
        #expect(outcome.failures.isEmpty, "\(outcome.failures.joined(separator: "\n"))")
    }

    @Test(
        "Summary: every case of every included file",
        .enabled(if: Conformance.available, "the conformance suite is absent from ../shared/conformance"))
    func summary() throws {
        var cases = 0
        var failures: [String] = []
        for name in Conformance.files {
            let outcome = try Conformance.run(name)
            cases += outcome.cases
            failures += outcome.failures
        }
        print(
            "draft-07 conformance: \(cases - failures.count) of \(cases) cases in \(Conformance.files.count) files"
        )
        #expect(failures.isEmpty, "\(failures.count) failing:\n\(failures.joined(separator: "\n"))")
    }
}
