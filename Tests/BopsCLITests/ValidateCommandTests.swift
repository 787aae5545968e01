import Foundation
import Testing

@Suite("validate command, version and completions", .tags(.process))
struct ValidateCommandTests {
    @Test func versionAndCompletionScripts() throws {
        let h = try CLIHarness()
        let version = try h.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        for shell in ["bash", "zsh", "fish"] {
            let script = try h.run(["--generate-completion-script", shell])
            #expect(script.status == 0)
            #expect(
                script.stdout.contains("validate") && script.stdout.contains("apply"),
                "\(shell) completion names the commands")
        }
    }

    @Test func examplesValidateAndJSONCountsEveryError() throws {
        let ok = try CLIHarness().run(["validate", CLIHarness.repoRoot + "/specs"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("16 specs valid"))

        let h = try CLIHarness()
        try h.write(
            "specs/a.yaml",
            "apiVersion: bops/v1\nkind: BatchJob\nmetadata: { name: a }\nspec: { priority: high }\n")
        try h.write("specs/nested/b.yml", "key: [unclosed\n")
        try h.write("specs/notes.txt", "not a spec")
        let result = try h.run(["validate", "--format", "json"])
        #expect(result.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["format_version"] as? String == "1.0")
        #expect(object["files_checked"] as? Int == 2)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let files = Set(diagnostics.compactMap { $0["file"] as? String })
        #expect(files == ["specs/a.yaml", "specs/nested/b.yml"], "errors of every file are reported at once")
        #expect(diagnostics.allSatisfy { ($0["line"] as? Int ?? 0) >= 1 && ($0["column"] as? Int ?? 0) >= 1 })
    }

    @Test func missingPathIsAnError() throws {
        let result = try CLIHarness().run(["validate", "no/such/dir"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no/such/dir: error: no such file or directory"))
    }

    @Test func duplicateNamesAcrossFilesPointAtBoth() throws {
        let h = try CLIHarness()
        let spec = CLIHarness.spec(name: "same")
        try h.write("specs/one.yaml", spec)
        try h.write("specs/two.yaml", spec)
        let result = try h.run(["validate"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("specs/two.yaml:4:9: error: duplicate job name same"), "\(result.stderr)")
        #expect(result.stderr.contains("specs/one.yaml:4:9: note: same is first defined here"))
    }

    /// `bops validate` checks the project file too: each problem at its key, with the source line.
    @Test func theProjectFileIsCheckedAtItsKeys() throws {
        let h = try CLIHarness()
        try h.write("specs/one.yaml", CLIHarness.spec(name: "one"))
        try h.write(
            "bops.yaml", "apiVersion: bops/v1\nkind: Project\nregion: Europe\nstaging:\n  bukket: b\n")
        let result = try h.run(["validate"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stderr.contains("bops.yaml:5:3: error: unknown key 'bukket' in staging"),
            "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'bucket'?"), "\(result.stderr)")
        try h.write("bops.yaml", "apiVersion: bops/v1\nkind: Project\nregion: Europe\n")
        let schema = try h.run(["validate"])
        #expect(schema.status == 1)
        #expect(schema.stderr.contains("bops.yaml:3:9: error:"), "\(schema.stderr)")
        #expect(schema.stderr.contains(" 3 | region: Europe"), "\(schema.stderr)")
        try h.write("bops.yaml", "apiVersion: bops/v1\nkind: Project\nregion: eu-west-1\n")
        #expect(try h.run(["validate"]).status == 0)
    }
}
