import BopsTestSupport
import Foundation
import Testing

/// A spec from a pull request is untrusted: a manifest file outside the project (by `..`, an
/// absolute path, a symlinked file or a symlinked folder) is an error at the key in validate, plan
/// and apply, its rows are never quoted and nothing is uploaded; bops.yaml's allow-list names the
/// folders that may be read instead.
@Suite("untrusted specs", .serialized, .tags(.process))
struct UntrustedSpecTests {
    struct Escape: Sendable, CustomTestStringConvertible {
        var label: String
        /// Sets the escape up in the project and the outside folder; returns the path the spec names.
        var make: @Sendable (_ project: String, _ outside: String) throws -> String
        var testDescription: String { label }
    }

    static let escapes: [Escape] = [
        Escape(label: "a .. path") { _, _ in "../../outside/secret.csv" },
        Escape(label: "an absolute path") { _, outside in outside + "/secret.csv" },
        Escape(label: "a symlink to a file outside") { project, outside in
            try FileManager.default.createSymbolicLink(
                atPath: project + "/specs/manifests/link.csv", withDestinationPath: outside + "/secret.csv")
            return "manifests/link.csv"
        },
        Escape(label: "a symlinked folder") { project, outside in
            try FileManager.default.createSymbolicLink(
                atPath: project + "/specs/shared", withDestinationPath: outside)
            return "shared/secret.csv"
        },
    ]

    /// A copy project whose spec names `path` as its manifest, with a secret CSV beside the project.
    func project(_ escape: Escape) throws -> (CLIHarness, TempFolder) {
        let h = try CLIHarness.copyProject(count: 1)
        let folder = try TempFolder(prefix: "outside")
        let outside = folder.path
        #expect(
            (outside as NSString).deletingLastPathComponent == (h.root as NSString).deletingLastPathComponent)
        try folder.write("secret.csv", "src,SECRETTOKEN123\n")
        var path = try escape.make(h.root, outside)
        if path.hasPrefix("../../outside/") {
            path = "../../" + (outside as NSString).lastPathComponent + "/secret.csv"
        }
        try h.write(
            "specs/copy-logs.yaml",
            CLIHarness.spec(name: "copy-logs").replacingOccurrences(
                of: "file: manifests/m.csv", with: "file: \(path)"))
        return (h, folder)
    }

    @Test(arguments: escapes)
    func aManifestOutsideTheProjectIsAnErrorEverywhere(_ escape: Escape) throws {
        let (h, outside) = try project(escape)
        defer { withExtendedLifetime(outside) {} }
        for command in [
            ["validate"], ["plan"], ["plan", "--format", "markdown"], ["apply", "--auto-approve"],
        ] {
            let result = try h.run(command)
            #expect(result.status == 1, "\(command): \(result.stdout)\(result.stderr)")
            #expect(
                result.stderr.contains("specs/copy-logs.yaml:11:18: error: the manifest file")
                    && result.stderr.contains("is outside the project"),
                "\(command): \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("SECRETTOKEN123"), "\(command) quoted the file")
        }
        let staged = try h.run(["local", "ls", "bops-staging"])
        #expect(!staged.stdout.contains(".csv"), "a manifest was uploaded: \(staged.stdout)")
        #expect(try h.run(["status", "--json"]).stdout.contains("job_id") == false)
    }

    /// `..` after a symlinked folder is taken lexically, as every path a spec names: the file read
    /// is the one inside the project (here missing), never the one the symlink leads to.
    @Test func dotDotAfterASymlinkedFolderStaysInside() throws {
        let (h, outside) = try project(
            Escape(label: "a .. after a symlinked folder") { project, outside in
                try FileManager.default.createDirectory(
                    atPath: outside + "/inner", withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(
                    atPath: project + "/specs/shared", withDestinationPath: outside + "/inner")
                return "shared/../secret.csv"
            })
        defer { withExtendedLifetime(outside) {} }
        for command in [["plan"], ["apply", "--auto-approve"]] {
            let result = try h.run(command)
            #expect(result.status == 1, "\(command): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("specs/secret.csv does not exist"), "\(command): \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("SECRETTOKEN123"), "\(command) read the file")
        }
    }

    /// The same refusals through the aws engine against `bops emulator`: nothing is sent, staged or
    /// quoted, and no job is created.
    @Test(arguments: escapes)
    func theAWSEngineRefusesTheSame(_ escape: Escape) throws {
        let (h, outside) = try project(escape)
        defer { withExtendedLifetime(outside) {} }
        let seeded = try SeededEmulator(for: h)
        let env = seeded.emulator.environment
        for command in [["validate"], ["plan"], ["apply", "--auto-approve"]] {
            let result = try h.run(command, environment: env)
            #expect(result.status == 1, "\(command): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("is outside the project"), "\(command): \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("SECRETTOKEN123"), "\(command) quoted the file")
        }
        #expect(try seeded.seeder.engineJobs().isEmpty, "no job was created")
        let staged = try seeded.seeder.run(["local", "ls", "bops-staging"])
        #expect(!staged.stdout.contains(".csv"), "a manifest was uploaded: \(staged.stdout)")
    }

    /// With its folder named in bops.yaml, the same file is read, and the plan says from where.
    @Test func theAllowListNamesTheFoldersThatMayBeRead() throws {
        let (h, outside) = try project(Self.escapes[1])
        defer { withExtendedLifetime(outside) {} }
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
                + "manifests:\n  allowOutside: [\"\(outside.path)\"]\n")
        let validate = try h.run(["validate"])
        #expect(validate.status == 0, "\(validate.stderr)")
        let plan = try h.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("outside the project, in the allowed folder"), "\(plan.stdout)")
        let apply = try h.run(["apply", "--auto-approve"])
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
        #expect(try h.engineJobs().count == 1)
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
                + "manifests:\n  allowOutside: [\"\(outside.path)-other\"]\n")
        #expect(try h.run(["plan"]).status == 1, "another folder allows nothing here")
    }

    /// Keys and descriptions in the markdown plan cannot close its code block, open HTML or
    /// mention anyone.
    @Test func hostileTextStaysInsideTheMarkdownPlan() throws {
        let h = try CLIHarness.copyProject(count: 1)
        try h.run(["apply", "--auto-approve"])
        try h.write("data/logs/x", "x")
        try h.write(
            "specs/manifests/m.csv",
            "src,logs/file-0.log\nsrc,%60%60%60%0A%3C/details%3E%3Cimg%20src=x%3E%20@someone\n")
        let spec = CLIHarness.spec(name: "copy-logs").replacingOccurrences(
            of: "  priority: 10\n",
            with: "  priority: 10\n  description: \"```\\n</details><img src=x> @someone\"\n")
        try h.write("specs/copy-logs.yaml", spec)
        let markdown = try h.run(["plan", "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let text = markdown.stdout
        try GoldenPlanTests().check("plan-hostile.md", text)
        // Every fence that opens a block closes it; no line of user text is a fence of that length.
        let fences = text.split(separator: "\n").filter {
            $0.hasPrefix("````") || $0 == "```" || $0.hasPrefix("```diff")
        }
        #expect(fences.count % 2 == 0, "\(text)")
        #expect(text.contains("````diff"), "a block holding ``` gets a longer fence: \(text)")
        let outsideBlocks = Self.outsideCodeBlocks(text)
        #expect(!outsideBlocks.contains("<img"), "\(outsideBlocks)")
        #expect(!outsideBlocks.contains("@someone"), "\(outsideBlocks)")
        #expect(
            outsideBlocks.components(separatedBy: "</details>").count - 1 == outsideBlocks.components(
                separatedBy: "<details>"
            ).count - 1)
    }

    /// Workflow annotations use GitHub's escaping: `%`, `\r` and `\n` in the message, and `:` and
    /// `,` too in properties, so a key cannot end the annotation or add a property.
    @Test func hostileTextIsEscapedInAnnotations() throws {
        let h = try CLIHarness()
        try h.write(
            "specs/evil.yaml",
            CLIHarness.spec(name: "evil").replacingOccurrences(
                of: "  priority: 10\n", with: "  priority: 10\n  \"evil,key:%0A::x\": 1\n"))
        let result = try h.run(["validate", "--format", "github"])
        #expect(result.status == 1)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("evil") })
        #expect(line.hasPrefix("::error file=specs/evil.yaml,line=8,"), "\(line)")
        #expect(line.contains("title=bops%3A unknown key 'evil%2Ckey%3A%250A%3A%3Ax'"), "\(line)")
        #expect(line.contains("::unknown key 'evil,key:%250A::x'"), "\(line)")
    }

    /// The text of `markdown` outside its fenced code blocks.
    static func outsideCodeBlocks(_ markdown: String) -> String {
        var out: [Substring] = []
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let ticks = line.prefix { $0 == "`" }
            if let open = fence {
                if ticks.count >= open.count && line.allSatisfy({ $0 == "`" }) { fence = nil }
            } else if ticks.count >= 3 {
                fence = ticks
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }
}
