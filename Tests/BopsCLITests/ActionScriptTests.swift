import BopsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The fake GitHub API (Tests/BopsCLITests/python/fake_github.py) on 127.0.0.1; stopped when dropped.
final class FakeGitHub: @unchecked Sendable {
    let process = Process()
    let port: Int
    let files: String
    /// The folder of ``files``.
    let filesFolder: TempFolder

    init() throws {
        filesFolder = try TempFolder(prefix: "bops-releases")
        files = filesFolder.path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", CLIHarness.repoRoot + "/Tests/BopsCLITests/python/fake_github.py", files,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst(5)) else {
            throw EmulatorFailure(output: text)
        }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func get(_ path: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(string: url + path)!)
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }

    var comments: [String] { ((try? get("/_comments")) ?? []).compactMap { $0["body"] as? String } }
    var requests: [String] {
        ((try? get("/_log")) ?? []).map { "\($0["method"] ?? "") \($0["path"] ?? "")" }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: files)
    }
}

/// One run of scripts/action/run.py as a step of the composite action runs it.
struct ActionRun {
    var status: Int32
    var stdout: String
    var outputs: [String: String]
    var summary: String
}

/// A runner's files for one job: the event, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH.
struct RunnerFiles {
    let folder: String
    /// The folder of ``folder``.
    let temp: TempFolder

    init(event: [String: Any]) throws {
        temp = try TempFolder(prefix: "bops-runner")
        folder = temp.path
        try temp.folder("temp")
        try JSONSerialization.data(withJSONObject: event).write(
            to: URL(fileURLWithPath: folder + "/event.json"))
    }

    /// Runs one step; GITHUB_OUTPUT and the summary are fresh for each step, as on a runner.
    func run(
        _ step: String, inputs: [String: String], in directory: String, github: FakeGitHub?,
        extra: [String: String] = [:]
    ) throws -> ActionRun {
        for file in ["output", "summary", "path"] {
            _ = FileManager.default.createFile(atPath: folder + "/" + file, contents: nil)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLIHarness.repoRoot + "/scripts/action/run.py", step]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("INPUT_") }
        env.merge(
            [
                "GITHUB_EVENT_PATH": folder + "/event.json", "GITHUB_OUTPUT": folder + "/output",
                "GITHUB_STEP_SUMMARY": folder + "/summary", "GITHUB_PATH": folder + "/path",
                "GITHUB_REPOSITORY": "octo/specs", "GITHUB_WORKSPACE": directory,
                "RUNNER_TEMP": folder + "/temp",
                "RUNNER_TOOL_CACHE": folder + "/tools", "GITHUB_API_URL": github?.url ?? "http://127.0.0.1:9",
                "INPUT_GITHUB_TOKEN": "test-token", "BOPS_BIN": CLIHarness.binary, "NO_COLOR": "1",
            ]
        ) { _, new in new }
        for (key, value) in inputs {
            env["INPUT_" + key.uppercased().replacingOccurrences(of: "-", with: "_")] = value
        }
        env.merge(extra) { _, new in new }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var outputs: [String: String] = [:]
        for line in (try? String(contentsOfFile: folder + "/output", encoding: .utf8))?.split(separator: "\n")
            ?? []
        {
            let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { outputs[pair[0]] = pair[1] }
        }
        let summary = (try? String(contentsOfFile: folder + "/summary", encoding: .utf8)) ?? ""
        return ActionRun(status: process.terminationStatus, stdout: text, outputs: outputs, summary: summary)
    }
}

@Suite("GitHub Action script", .serialized, .tags(.process))
struct ActionScriptTests {
    static var pullRequest: [String: Any] { ["action": "synchronize", "pull_request": ["number": 7]] }

    @Test(arguments: [
        ([String: String](), "input 'command' is required"),
        (["command": "plna"], "input 'command' is 'plna': expected one of validate, plan, apply"),
        (["command": "plan", "comment": "yes"], "input 'comment' is 'yes': expected true or false"),
        (["command": "plan", "working-directory": "no/such"], "input 'working-directory' is 'no/such'"),
        (["command": "plan", "version": "newest"], "input 'version' is 'newest'"),
    ])
    func badInputsFailAtOnceNamingTheInput(inputs: [String: String], message: String) throws {
        let github = try FakeGitHub()
        let runner = try RunnerFiles(event: Self.pullRequest)
        for step in ["check", "install", "run"] {
            let run = try runner.run(step, inputs: inputs, in: NSTemporaryDirectory(), github: github)
            #expect(run.status == 1, "\(step): \(run.stdout)")
            #expect(run.stdout.hasPrefix("::error title=bops action::"), "\(run.stdout)")
            #expect(run.stdout.contains(message), "\(step): \(run.stdout)")
        }
        #expect(github.requests.isEmpty, "nothing was asked of GitHub: \(github.requests)")
    }

    @Test func planCommentIsCreatedThenUpdatedInPlaceThenApplied() throws {
        let github = try FakeGitHub()
        let h = try CLIHarness.copyProject(count: 3, names: ["alpha", "beta"])
        let runner = try RunnerFiles(event: Self.pullRequest)
        let inputs = ["command": "plan", "working-directory": "."]

        let first = try runner.run("run", inputs: inputs, in: h.root, github: github)
        #expect(first.status == 0, "\(first.stdout)")
        #expect(
            first.outputs["exitcode"] == "2" && first.outputs["has-changes"] == "true", "\(first.outputs)")
        let planFile = try #require(first.outputs["plan-file"])
        #expect(FileManager.default.fileExists(atPath: planFile))
        #expect(first.summary.contains("**Plan: 2 to create. Estimated cost $0.50"), "\(first.summary)")
        #expect(first.summary.contains("#### Estimated cost"), "the comment has the cost table")
        #expect(github.comments.count == 1)
        #expect(github.comments.first?.hasPrefix("<!-- bops-plan:. part 1 of 1 -->\n### bops plan") == true)
        #expect(github.comments.first?.contains("**Plan: 2 to create. Estimated cost") == true)

        // A later push: one more spec; the same comment is edited, none is added.
        try h.write("specs/gamma.yaml", CLIHarness.spec(name: "gamma"))
        let second = try runner.run("run", inputs: inputs, in: h.root, github: github)
        #expect(second.status == 0, "\(second.stdout)")
        #expect(github.comments.count == 1, "\(github.comments)")
        #expect(github.comments.first?.contains("**Plan: 3 to create. Estimated cost") == true)
        let writes = github.requests.filter { !$0.hasPrefix("GET") }
        #expect(
            writes == [
                "POST /repos/octo/specs/issues/7/comments", "PATCH /repos/octo/specs/issues/comments/1001",
            ])

        let apply = try runner.run("run", inputs: ["command": "apply"], in: h.root, github: github)
        #expect(apply.status == 0, "\(apply.stdout)")
        #expect(apply.outputs["exitcode"] == "0" && apply.outputs["plan-file"] == planFile)

        let after = try runner.run("run", inputs: inputs, in: h.root, github: github)
        #expect(
            after.outputs["exitcode"] == "0" && after.outputs["has-changes"] == "false", "\(after.outputs)")
        #expect(github.comments.count == 1)
        #expect(github.comments.first?.contains("**No changes.**") == true, "\(github.comments)")

        // Without a pull request (a push to main) there is no comment, the summary still has the plan.
        let push = try RunnerFiles(event: ["ref": "refs/heads/main"])
        let onPush = try push.run("run", inputs: inputs, in: h.root, github: github)
        #expect(onPush.status == 0 && onPush.summary.contains("### bops plan"), "\(onPush.stdout)")
        #expect(github.comments.count == 1)
    }

    @Test func applyWithoutASavedPlanFails() throws {
        let h = try CLIHarness.copyProject(count: 1)
        let runner = try RunnerFiles(event: Self.pullRequest)
        let run = try runner.run("run", inputs: ["command": "apply"], in: h.root, github: nil)
        #expect(run.status == 1)
        #expect(run.stdout.contains("no saved plan at"), "\(run.stdout)")
        #expect(h.read(".bops/state.json") == nil, "nothing was applied")
    }

    /// A stand-in for bops that prints a markdown plan of `size` characters (in a folded diff block).
    static func bigPlanBops(_ folder: String, lines: Int) throws -> String {
        let path = folder + "/fake-bops"
        let script = """
            #!/usr/bin/env python3
            import sys
            out = sys.argv[sys.argv.index("-out") + 1]
            open(out, "w").write("{}")
            print("### bops plan\\n\\n**Plan: \(lines) to create.**\\n")
            print("<details><summary>Details</summary>\\n\\n```diff")
            for i in range(\(lines)):
                print(f"+ job-{i:06d}: will be created (Copy to arn:aws:s3:::archive as GLACIER_IR, priority 10)")
            print("```\\n\\n</details>")
            sys.exit(2)
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func longPlansAreSplitAndShrinkBackToOneComment() throws {
        let github = try FakeGitHub()
        let runner = try RunnerFiles(event: Self.pullRequest)
        let h = try CLIHarness()
        let inputs = ["command": "plan"]
        let long = try runner.run(
            "run", inputs: inputs, in: h.root, github: github,
            extra: ["BOPS_BIN": try Self.bigPlanBops(runner.folder, lines: 1800)])
        #expect(long.status == 0, "\(long.stdout.suffix(500))")
        let parts = github.comments
        #expect(parts.count == 3, "about 160,000 characters take three comments")
        for (i, body) in parts.enumerated() {
            #expect(body.count <= 65536)
            #expect(
                body.hasPrefix("<!-- bops-plan:. part \(i + 1) of 3 -->\n_bops plan, part \(i + 1) of 3_"))
            #expect(body.components(separatedBy: "```").count % 2 == 1, "every part closes its code fence")
            #expect(
                body.components(separatedBy: "<details>").count
                    == body.components(separatedBy: "</details>").count)
        }
        let rows = parts.joined().split(separator: "\n").filter { $0.hasPrefix("+ job-") }
        #expect(rows.count == 1800 && Set(rows).count == 1800, "every line is posted once, none is lost")

        let short = try runner.run(
            "run", inputs: inputs, in: h.root, github: github,
            extra: ["BOPS_BIN": try Self.bigPlanBops(runner.folder, lines: 3)])
        #expect(short.status == 0)
        #expect(github.comments.count == 1, "the parts no longer needed are deleted")
        #expect(github.comments.first?.hasPrefix("<!-- bops-plan:. part 1 of 1 -->") == true)
        #expect(github.requests.filter { $0.hasPrefix("DELETE") }.count == 2)
    }

    @Test func aPlanTooLargeEvenToSplitFailsLoudlyAndPostsNothing() throws {
        let github = try FakeGitHub()
        let runner = try RunnerFiles(event: Self.pullRequest)
        let h = try CLIHarness()
        let run = try runner.run(
            "run", inputs: ["command": "plan"], in: h.root, github: github,
            extra: ["BOPS_BIN": try Self.bigPlanBops(runner.folder, lines: 8000)])
        #expect(run.status == 1)
        #expect(run.stdout.contains("::error title=bops action::the plan is"), "\(run.stdout.suffix(600))")
        #expect(run.stdout.contains("Not posting a truncated plan"))
        #expect(github.comments.isEmpty && github.requests.isEmpty, "\(github.requests)")
        #expect(run.outputs["exitcode"] == "2", "the plan itself was made")
    }

    @Test func validateAnnotatesTenErrorsAndSummarisesAll() throws {
        let h = try CLIHarness()
        var keys = ""
        for i in 0..<12 { keys += "  unknown\(i): 1\n" }
        try h.write(
            "specs/bad.yaml",
            "apiVersion: bops/v1\nkind: BatchJob\nmetadata:\n  name: bad\nspec:\n" + keys)
        let runner = try RunnerFiles(event: Self.pullRequest)
        let run = try runner.run("run", inputs: ["command": "validate"], in: h.root, github: nil)
        #expect(run.status == 1)
        #expect(run.outputs["exitcode"] == "1")
        let annotations = run.stdout.split(separator: "\n").filter {
            $0.hasPrefix("::error file=specs/bad.yaml")
        }
        #expect(annotations.count == 10, "\(run.stdout)")
        let left = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("bops: ") })
        #expect(left.contains("more findings not annotated"), "\(left)")
        #expect(left.contains("the step summary lists all"))
        let rows = run.summary.split(separator: "\n").filter { $0.hasPrefix("| error | `specs/bad.yaml:") }
        let errorCount = try #require(Int(left.dropFirst(6).prefix { $0.isNumber })) + 10
        #expect(rows.count == errorCount, "\(run.summary)")
        #expect(rows.count >= 12, "every unknown key is in the summary")
    }

    @Test func installDownloadsChecksAndCachesByVersion() throws {
        let github = try FakeGitHub()
        let runner = try RunnerFiles(event: Self.pullRequest)
        let arch = try ReleaseBinaryTests.sh("uname -m").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let name = "bops-9.8.7-linux-\(arch).tar.gz"
        let made = try ReleaseBinaryTests.sh(
            """
            set -e; mkdir -p "$1/v9.8.7" "$1/src"; printf '#!/bin/sh\\necho 9.8.7\\n' > "$1/src/bops"
            chmod +x "$1/src/bops"; tar -czf "$1/v9.8.7/$2" -C "$1/src" bops
            cd "$1/v9.8.7" && sha256sum "$2" > "$2.sha256"
            """, [github.files, name])
        #expect(made.status == 0, "\(made.stderr)")
        let inputs = ["command": "validate", "version": "9.8.7"]
        let extra = ["BOPS_RELEASES_URL": github.url + "/releases/download"]
        let first = try runner.run(
            "install", inputs: inputs, in: NSTemporaryDirectory(), github: github, extra: extra)
        #expect(first.status == 0, "\(first.stdout)")
        #expect(first.stdout.contains("9.8.7\n"), "the installed binary ran")
        let installed = try #require(first.outputs["bops-path"])
        #expect(installed == runner.folder + "/tools/bops/9.8.7/\(arch)/bops")
        let path = try String(contentsOfFile: runner.folder + "/path", encoding: .utf8)
        #expect(path == runner.folder + "/tools/bops/9.8.7/\(arch)\n")
        let check = try runner.run("check", inputs: inputs, in: NSTemporaryDirectory(), github: github)
        #expect(check.outputs["install-dir"] == runner.folder + "/tools/bops/9.8.7/\(arch)")
        #expect(check.outputs["version"] == "9.8.7")

        let again = try runner.run(
            "install", inputs: inputs, in: NSTemporaryDirectory(), github: github, extra: extra)
        #expect(again.status == 0 && again.stdout.contains("(cached)"), "\(again.stdout)")
        #expect(github.requests.count == 2, "the second install downloads nothing: \(github.requests)")

        try "0000  \(name)\n".write(
            toFile: github.files + "/v9.8.7/\(name).sha256", atomically: true, encoding: .utf8)
        let other = try RunnerFiles(event: Self.pullRequest)
        let bad = try other.run(
            "install", inputs: inputs, in: NSTemporaryDirectory(), github: github, extra: extra)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("but \(name).sha256 says 0000: not installed"), "\(bad.stdout)")
        #expect(!FileManager.default.fileExists(atPath: other.folder + "/tools/bops/9.8.7/\(arch)/bops"))

        let missing = try other.run(
            "install", inputs: ["command": "plan", "version": "1.2.3"], in: NSTemporaryDirectory(),
            github: github,
            extra: extra)
        #expect(missing.status == 1 && missing.stdout.contains("HTTP 404"), "\(missing.stdout)")
    }
}
