import Foundation
import Testing

/// `--parallelism`: its validation, the lines apply prints, and work shared by specs done once.
@Suite("parallel apply: options and output", .serialized, .tags(.process))
struct ParallelApplyOutputTests {
    static let names = (0..<12).map { String(format: "spec-%02d", $0) }

    @Test(arguments: [["plan", "--parallelism", "0"], ["apply", "--parallelism=-3"]])
    func aParallelismBelowOneIsAnErrorNamingTheOption(_ arguments: [String]) throws {
        let h = try CLIHarness.copyProject(count: 2, names: ["one"])
        let r = try h.run(arguments)
        #expect(r.status != 0)
        #expect(r.stderr.contains("--parallelism must be at least 1"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: h.root + "/.bops/state.json.lock"))
    }

    /// One line per spec with all its events, never two specs on a line, and the summary last.
    @Test(arguments: [1, 10])
    func applyPrintsOneLinePerSpecAndASummary(parallelism: Int) throws {
        let h = try CLIHarness.copyProject(count: 3, names: Self.names)
        let r = try h.run(["apply", "--auto-approve", "--parallelism", String(parallelism)])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        for name in Self.names {
            let mine = lines.filter { $0.hasPrefix(name + ": ") }
            #expect(mine.count == 1, "one line for \(name): \(mine)")
            let line = try #require(mine.first)
            #expect(line.contains("created job "), "\(line)")
            // One round trip per job: the line ends with the id CreateJob answered, no status.
            #expect(
                line.range(of: #"created job [0-9a-f-]{36}$"#, options: .regularExpression) != nil, "\(line)")
            #expect(Self.names.filter { $0 != name }.allSatisfy { !line.contains($0) }, "\(line)")
        }
        #expect(lines.last == "Apply complete! 12 created.", "\(lines.suffix(3))")
        // Not a terminal: no progress bar, no escape sequence.
        #expect(!r.stderr.contains("\u{1B}"), "\(r.stderr)")
        #expect(!r.stderr.contains("done"), "\(r.stderr)")
        let jobs = try h.run(["local", "jobs", "--json"])
        let list = (try? JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(list.count == 12)
    }

    /// Against the emulator, twelve specs sharing one manifest and one report bucket: plan asks
    /// HeadBucket of each bucket (the report bucket's check, each bucket's owner) as often as the
    /// plan of one of those specs does, and apply uploads the manifest once.
    @Test func sharedChecksAndStagingHappenOncePerRun() throws {
        let h = try CLIHarness.copyProject(count: 3, names: Self.names)
        let emulator = try SeededEmulator(for: h).emulator
        func heads(_ paths: [String]) throws -> [Substring] {
            let plan = try h.run(["plan", "--log-level", "debug"] + paths, environment: emulator.environment)
            #expect(plan.status == 0, "\(plan.stderr)")
            return plan.stderr.split(separator: "\n").filter { $0.contains("S3.HeadBucket") }
        }
        let one = try heads(["specs/\(Self.names[0]).yaml"])
        let all = try heads([])
        #expect(!one.isEmpty, "the plan of one spec checks its buckets")
        #expect(all.count == one.count, "twelve specs check the same buckets once: \(all)")
        let apply = try h.run(
            ["apply", "--auto-approve", "--log-level", "debug"], environment: emulator.environment)
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
        let puts = apply.stderr.split(separator: "\n").filter { $0.contains("S3.PutObject") }
        #expect(puts.count == 1, "the shared manifest is staged once: \(puts)")
        let creates = apply.stderr.split(separator: "\n").filter { $0.contains("S3Control.CreateJob") }
        #expect(creates.count == 12)
        #expect(apply.stdout.components(separatedBy: "staged manifest").count - 1 == 1, "\(apply.stdout)")
    }
}
