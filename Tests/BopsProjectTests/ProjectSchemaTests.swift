import BopsDiagnostics
import Foundation
import Testing

@testable import BopsProject

/// bops.yaml against schemas/project.schema.json: the repository's own project file passes, and a
/// project file the reader accepts but the schema does not describe is an error at its key.
@Suite struct ProjectSchemaTests {
    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    func parse(_ text: String) -> Diagnostics {
        ProjectConfig.parse(Array(text.utf8), file: "bops.yaml", root: ".").1
    }

    @Test func theRepositorysProjectFileFollowsTheSchema() throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.repoRoot + "/bops.yaml"))
        let (config, diagnostics) = ProjectConfig.parse(
            [UInt8](bytes), file: "bops.yaml", root: Self.repoRoot)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config.stagingBucket == "bops-staging")
    }

    @Test func theEmbeddedSchemaIsTheFile() throws {
        let file = try String(contentsOfFile: Self.repoRoot + "/schemas/project.schema.json", encoding: .utf8)
        #expect(file == EmbeddedProjectSchema.text)
        guard case .success = ProjectSchema.compiled else {
            Issue.record("the embedded project schema does not compile")
            return
        }
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        /// Where the error is: line and column of the key or value.
        var at: String
        var testDescription: String { text.replacingOccurrences(of: "\n", with: "⏎") }
    }

    /// Values the reader has no rule for, which the schema refuses.
    @Test(arguments: [
        Bad(text: "staging:\n  bucket: ab\n", at: "2:11"),
        Bad(text: "lambda:\n  attempts: 2.5\n", at: "2:13"),
        Bad(text: "region: Europe\n", at: "1:9"),
        Bad(text: "specs: []\n", at: "1:8"),
        Bad(text: "state:\n  backend: s3\n  bucket: b-1\n  key: k\n  kmsKeyId: \"\"\n", at: "5:13"),
    ])
    func whatTheSchemaRefusesIsAnErrorAtItsKey(_ bad: Bad) {
        let diagnostics = parse(bad.text)
        #expect(diagnostics.hasErrors, "\(bad.text)")
        let at = diagnostics.items.compactMap { $0.range.map { "\($0.start.line):\($0.start.column)" } }
        #expect(at.contains(bad.at), "\(at) for \(bad.text): \(diagnostics)")
        #expect(diagnostics.items.allSatisfy { $0.range?.file == "bops.yaml" })
    }

    @Test func aValidProjectFileHasNoFinding() {
        let text = """
            apiVersion: bops/v1
            kind: Project
            engine: aws
            account: "111122223333"
            region: eu-west-1
            specs: [specs, more-specs]
            state: { backend: s3, bucket: team-state, key: bops/prod/state.json, region: eu-west-1 }
            local: { path: .bops/local }
            staging: { bucket: bops-staging, prefix: bops/manifests }
            lambda:
              attempts: 3
              functions:
                "arn:aws:lambda:us-east-1:111122223333:function:f": { command: [python3, f.py], timeout: 30s }
            """
        #expect(parse(text).isEmpty, "\(parse(text))")
    }
}
