import Foundation
import Testing

/// Plan output compared with files under Golden/. Job ids and the state lineage are random, so they are
/// replaced by placeholders first. Set BOPS_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change.
@Suite("golden plan outputs", .serialized, .tags(.process))
struct GoldenPlanTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    static func normalize(_ text: String) -> String {
        var out = text
        let patterns = [
            ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<UUID>"),
            ("\"(created|updated)_at\" : \"[^\"]+\"", "\"$1_at\" : \"<DATE>\""),
        ]
        for (pattern, template) in patterns {
            let regex = try! NSRegularExpression(pattern: pattern)
            out = regex.stringByReplacingMatches(
                in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return out
    }

    func check(_ name: String, _ actual: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        let normalized = Self.normalize(actual)
        if ProcessInfo.processInfo.environment["BOPS_UPDATE_GOLDEN"] == "1" {
            try normalized.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            normalized == expected,
            "golden \(name) differs; rerun with BOPS_UPDATE_GOLDEN=1 if the change is intended")
    }

    @Test func createPlan() throws {
        let h = try CLIHarness.copyProject(count: 5, names: ["alpha", "beta"])
        let text = try h.run(["plan"])
        #expect(text.status == 0)
        try check("plan-create.txt", text.stdout)
        try check("plan-create.json", try h.run(["plan", "--json"]).stdout)
        try check("plan-create.md", try h.run(["plan", "--format", "markdown"]).stdout)
    }

    @Test func changePlan() throws {
        let h = try CLIHarness.copyProject(count: 5, names: ["alpha", "beta", "gamma"])
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        try h.write("specs/alpha.yaml", CLIHarness.spec(name: "alpha", confirm: true, priority: 20))
        try h.write("specs/beta.yaml", CLIHarness.spec(name: "beta", storageClass: "GLACIER"))
        try FileManager.default.removeItem(atPath: h.root + "/specs/gamma.yaml")
        let text = try h.run(["plan", "--prune"])
        try check("plan-change.txt", text.stdout)
        try check("plan-change.md", try h.run(["plan", "--prune", "--format", "markdown"]).stdout)
    }

    /// The repository's own project as a fresh clone sees it: an empty local engine. Every finding is
    /// at the key naming the bucket, and its hint names the `bops local` command that makes it.
    @Test func freshClonePlan() throws {
        let h = try CLIHarness()
        let repo = CLIHarness.repoRoot
        try FileManager.default.removeItem(atPath: h.root + "/specs")
        try FileManager.default.copyItem(atPath: repo + "/specs", toPath: h.root + "/specs")
        try FileManager.default.copyItem(atPath: repo + "/bops.yaml", toPath: h.root + "/bops.yaml")
        let text = try h.run(["plan"])
        #expect(text.status == 1)
        #expect(text.stderr.contains("specs/backfill-logs-2024.yaml:25:20"), "\(text.stderr)")
        #expect(!text.stderr.contains("specs/backfill-logs-2024.yaml:60"))
        #expect(text.stderr.contains("bops local mb archive-111122223333 --object-lock"))
        #expect(text.stderr.contains("bops local mb reports-111122223333"))
        try check("plan-fresh-clone.txt", text.stderr)
    }

    @Test func validateDiagnostics() throws {
        let h = try CLIHarness()
        try h.write(
            "specs/bad.yaml",
            """
            apiVersion: bops/v1
            kind: BatchJob
            metadata:
              name: bad
            spec:
              roleArn: arn:aws:iam::111122223333:role/r
              manifest:
                csv: { file: m.csv, fields: [Bucket, Key] }
              operation:
                copy:
                  destination: arn:aws:s3:::dst
                  storageclass: GLACIER
                  metadata: { mode: copy, contentType: text/plain }
              report: { scope: sometimes }

            """)
        let text = try h.run(["validate"])
        #expect(text.status == 1)
        try check("validate-bad.txt", text.stderr)
        try check("validate-bad.github", try h.run(["validate", "--format", "github"]).stdout)
    }
}
