import Foundation
import Testing

/// `bops plan --explain NAME`: every plan-time check of one spec, what it observed and its
/// verdict, on the local engine (goldens of a clean and a broken spec) and through the aws engine
/// on `bops emulator` serving the same store.
@Suite("plan --explain", .serialized, .tags(.process))
struct ExplainPlanTests {
    static let denyBatch = BucketSettingsPlanTests.denyBatch

    @Test func aCleanSpecShowsEveryCheckAndWhatItObserved() throws {
        let h = try CLIHarness.copyProject(count: 2)
        let explained = try h.run(["plan", "--explain", "copy-logs"])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(!explained.stdout.contains("[error]"), "\(explained.stdout)")
        #expect(!explained.stdout.contains("Plan:"), "an explanation is not a plan: \(explained.stdout)")
        try GoldenPlanTests().check("explain-clean.txt", explained.stdout)
    }

    @Test func aBrokenSpecShowsTheFailingCheckAtItsKeyBesideThePassingOnes() throws {
        let h = try CLIHarness.copyProject(count: 2)
        try h.write("deny.json", Self.denyBatch)
        #expect(try h.run(["local", "put-bucket-config", "dst", "--policy", "deny.json"]).status == 0)
        try h.write("lifecycle.json", BucketSettingsPlanTests.lifecycle)
        #expect(
            try h.run(["local", "put-bucket-config", "src", "--lifecycle", "lifecycle.json"]).status == 0)
        let explained = try h.run(["plan", "--explain", "copy-logs"])
        #expect(explained.status == 1, "an error still fails the command: \(explained.stderr)")
        let spec = CLIHarness.spec(name: "copy-logs")
        let at = BucketSettingsPlanTests.at(spec, "destination:", "arn:aws:s3:::dst")
        #expect(
            explained.stdout.contains("      error at \(at) spec copy-logs: the bucket policy of dst"),
            "\(explained.stdout)")
        #expect(
            explained.stderr.contains(at + " error:"),
            "the diagnostics print as a plan's: \(explained.stderr)")
        try GoldenPlanTests().check("explain-broken.txt", explained.stdout)
    }

    @Test func anAcknowledgedCheckIsSkippedWithItsReason() throws {
        let h = try CLIHarness.copyProject(count: 1)
        let spec = CLIHarness.spec(name: "copy-logs").replacingOccurrences(
            of: "  priority: 10\n",
            with: "  priority: 10\n  acknowledge:\n    lifecycle: \"the job copies in minutes\"\n")
        try h.write("specs/copy-logs.yaml", spec)
        let explained = try h.run(["plan", "--explain", "copy-logs"])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(
            explained.stdout.contains(
                "  [skipped] lifecycle spec copy-logs\n      skipped by spec.acknowledge: the job copies in minutes"
            ),
            "\(explained.stdout)")
        #expect(!explained.stdout.contains("[passed] lifecycle"), "\(explained.stdout)")
    }

    @Test func anUnknownNameIsAnErrorWithTheClosestName() throws {
        let h = try CLIHarness.copyProject(count: 1, names: ["copy-logs", "other"])
        let explained = try h.run(["plan", "--explain", "copy-log"])
        #expect(explained.status == 1)
        #expect(explained.stdout.isEmpty, "\(explained.stdout)")
        #expect(
            explained.stderr.contains("error: --explain copy-log: no spec of that name"),
            "\(explained.stderr)")
        #expect(explained.stderr.contains("help: did you mean copy-logs?"), "\(explained.stderr)")
    }

    @Test func throughTheAWSEngineOnTheEmulatorTheSameChecksAreExplained() throws {
        let seeder = try CLIHarness.copyProject(count: 2)
        try seeder.write("deny.json", Self.denyBatch)
        #expect(try seeder.run(["local", "put-bucket-config", "dst", "--policy", "deny.json"]).status == 0)
        let (h, emulator) = try seeder.onTheEmulator()
        let explained = try h.run(["plan", "--explain", "copy-logs"], environment: emulator.environment)
        #expect(explained.status == 1, "\(explained.stderr)")
        try GoldenPlanTests().check("explain-emulator.txt", explained.stdout)
    }
}
