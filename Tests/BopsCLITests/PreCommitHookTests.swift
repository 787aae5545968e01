import BopsTestSupport
import Foundation
import Testing

/// The repository's .pre-commit-hooks.yaml, used by `pre-commit` (from PyPI) in a scratch repository:
/// the hooks come from a scratch git repository holding a copy of the file, as from a release tag.
@Suite("pre-commit hook", .serialized, .tags(.process))
struct PreCommitHookTests {
    struct Scratch {
        let hooks: String
        let project: String
        let home: String

        /// The folder holding the three.
        let base: TempFolder

        init() throws {
            base = try TempFolder(prefix: "bops-precommit")
            hooks = base.file("hooks")
            project = base.file("project")
            home = base.file("cache")
            for dir in [hooks, project + "/specs/manifests", home] {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
        }

        var environment: [String: String] {
            let bin = (CLIHarness.binary as NSString).deletingLastPathComponent
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = bin + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            env["PRE_COMMIT_HOME"] = home
            env["NO_COLOR"] = "1"
            for who in ["AUTHOR", "COMMITTER"] {
                env["GIT_\(who)_NAME"] = "Specs Author"
                env["GIT_\(who)_EMAIL"] = "specs@example.com"
            }
            return env
        }

        @discardableResult
        func run(_ arguments: [String], in folder: String) throws -> CLIHarness.Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.environment = environment
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return CLIHarness.Result(status: process.terminationStatus, stdout: text, stderr: "")
        }

        func write(_ relative: String, _ text: String) throws {
            try text.write(toFile: project + "/" + relative, atomically: true, encoding: .utf8)
        }
    }

    @Test func validatesStagedSpecsAndBlocksABadCommit() throws {
        let s = try Scratch()
        try FileManager.default.copyItem(
            atPath: CLIHarness.repoRoot + "/.pre-commit-hooks.yaml",
            toPath: s.hooks + "/.pre-commit-hooks.yaml")
        try s.run(["git", "init", "-q"], in: s.hooks)
        try s.run(["git", "add", "."], in: s.hooks)
        let committed = try s.run(["git", "commit", "-q", "-m", "hooks"], in: s.hooks)
        #expect(committed.status == 0, "\(committed.stdout)")
        let rev = try s.run(["git", "rev-parse", "HEAD"], in: s.hooks).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)

        try s.run(["git", "init", "-q"], in: s.project)
        try s.write(
            ".pre-commit-config.yaml",
            "repos:\n  - repo: \(s.hooks)\n    rev: \(rev)\n    hooks:\n      - id: bops-validate\n")
        try s.write("specs/good.yaml", CLIHarness.spec(name: "good"))
        try s.write("specs/manifests/m.csv", "src,a.log\n")
        try s.write("README.md", "specs\n")
        try s.run(["git", "add", "."], in: s.project)
        let all = try s.run(["python3", "-m", "pre_commit", "run", "--all-files"], in: s.project)
        #expect(all.status == 0, "\(all.stdout)")
        #expect(all.stdout.contains("bops validate") && all.stdout.contains("Passed"), "\(all.stdout)")
        #expect(try s.run(["git", "commit", "-q", "-m", "good specs"], in: s.project).status == 0)

        let installed = try s.run(["python3", "-m", "pre_commit", "install"], in: s.project)
        #expect(installed.status == 0, "\(installed.stdout)")
        try s.write(
            "specs/bad.yaml",
            CLIHarness.spec(name: "bad").replacingOccurrences(of: "priority: 10", with: "priority: high"))
        try s.run(["git", "add", "specs/bad.yaml"], in: s.project)
        let blocked = try s.run(["git", "commit", "-q", "-m", "a bad spec"], in: s.project)
        #expect(blocked.status != 0, "the hook stops the commit: \(blocked.stdout)")
        #expect(blocked.stdout.contains("Failed"), "\(blocked.stdout)")
        #expect(blocked.stdout.contains("specs/bad.yaml:7:13: error:"), "\(blocked.stdout)")
        let log = try s.run(["git", "log", "--format=%s"], in: s.project).stdout
        #expect(log == "good specs\n", "nothing was committed: \(log)")

        // A change that touches no spec (a manifest, the README) does not run the hook.
        try s.run(["git", "rm", "-q", "--cached", "specs/bad.yaml"], in: s.project)
        try s.write("README.md", "specs and manifests\n")
        try s.write("specs/manifests/m.csv", "src,b.log\n")
        try s.run(["git", "add", "README.md", "specs/manifests/m.csv"], in: s.project)
        let skipped = try s.run(["python3", "-m", "pre_commit", "run"], in: s.project)
        #expect(skipped.status == 0, "\(skipped.stdout)")
        #expect(skipped.stdout.contains("(no files to check)Skipped"), "\(skipped.stdout)")
    }
}
