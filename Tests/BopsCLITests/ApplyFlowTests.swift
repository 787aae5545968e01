import Foundation
import Testing

@Suite("apply flow on the local engine", .serialized, .tags(.process))
struct ApplyFlowTests {
    /// Job ids the local engine knows, read through the CLI's state so the test sees what a user sees.
    func jobIds(_ h: CLIHarness) throws -> [String] {
        let out = try h.run(["status", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]] ?? []
        return rows.compactMap { $0["job_id"] as? String }
    }

    @Test func applyTwiceCreatesOneJob() throws {
        let h = try CLIHarness.copyProject()
        let first = try h.run(["apply", "--auto-approve"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Plan: 1 to create."))
        let ids = try jobIds(h)
        #expect(ids.count == 1)
        let second = try h.run(["apply", "--auto-approve"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("No changes."))
        #expect(try jobIds(h) == ids)
        let plan = try h.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0)
    }

    /// A spec applied without `storageClass`, then given S3's default `STANDARD` explicitly, is the
    /// same job: the plan has no changes (and not a replacement).
    @Test func writingTheDefaultStorageClassChangesNothing() throws {
        let h = try CLIHarness.copyProject()
        let bare = CLIHarness.spec(name: "copy-logs").replacingOccurrences(
            of: "      storageClass: STANDARD_IA\n", with: "")
        #expect(!bare.contains("storageClass"))
        try h.write("specs/copy-logs.yaml", bare)
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let ids = try jobIds(h)
        try h.write("specs/copy-logs.yaml", CLIHarness.spec(name: "copy-logs", storageClass: "STANDARD"))
        let plan = try h.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("No changes."), "\(plan.stdout)")
        #expect(try jobIds(h) == ids)
    }

    @Test func confirmRunAndReport() throws {
        let h = try CLIHarness.copyProject(count: 4)
        try h.run(["apply", "--auto-approve"])
        try h.write("specs/copy-logs.yaml", CLIHarness.spec(name: "copy-logs", confirm: true))
        let plan = try h.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2)
        #expect(plan.stdout.contains("! copy-logs will be confirmed and run"))
        #expect(plan.stdout.contains("runs 4 tasks"))
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let wait = try h.run(["wait", "copy-logs"])
        #expect(wait.status == 0, "\(wait.stdout)\(wait.stderr)")
        let report = try h.run(["report", "copy-logs", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        #expect((object?["by_status"] as? [String: Int])?["succeeded"] == 4)
        let listing = try h.run(["local", "ls", "dst"])
        #expect(listing.stdout.split(separator: "\n").count == 4)
        #expect(listing.stdout.contains("STANDARD_IA"))
        #expect(try h.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test func priorityChangeUpdatesInPlaceAndStorageClassReplaces() throws {
        let h = try CLIHarness.copyProject()
        try h.run(["apply", "--auto-approve"])
        let before = try jobIds(h)
        try h.write("specs/copy-logs.yaml", CLIHarness.spec(name: "copy-logs", priority: 42))
        let update = try h.run(["apply", "--auto-approve"])
        #expect(update.stdout.contains("~ copy-logs will be updated in place"))
        #expect(update.stdout.contains("priority: 10 -> 42"))
        #expect(try jobIds(h) == before)
        try h.write(
            "specs/copy-logs.yaml", CLIHarness.spec(name: "copy-logs", priority: 42, storageClass: "GLACIER"))
        let replace = try h.run(["apply", "--auto-approve"])
        #expect(replace.stdout.contains("-/+ copy-logs will be replaced"))
        #expect(replace.stdout.contains("\"STANDARD_IA\" -> \"GLACIER\""))
        let after = try jobIds(h)
        #expect(after.count == 1 && after != before)
    }

    @Test func stalePlanIsRefused() throws {
        let h = try CLIHarness.copyProject()
        #expect(try h.run(["plan", "-out", "first.plan"]).status == 0)
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let stale = try h.run(["apply", "first.plan"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("saved plan is stale"))
    }

    @Test func savedPlanAppliesExactly() throws {
        let h = try CLIHarness.copyProject()
        #expect(try h.run(["plan", "-out", "p.plan"]).status == 0)
        let applied = try h.run(["apply", "p.plan"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try jobIds(h).count == 1)
    }

    @Test func applyAsksForYes() throws {
        let h = try CLIHarness.copyProject()
        let no = try h.run(["apply"], stdin: "no\n")
        #expect(no.status == 1)
        #expect(try jobIds(h).isEmpty)
        let yes = try h.run(["apply"], stdin: "yes\n")
        #expect(yes.status == 0)
        #expect(try jobIds(h).count == 1)
    }

    @Test func corruptStateIsRefusedAndKept() throws {
        let h = try CLIHarness.copyProject()
        try h.run(["apply", "--auto-approve"])
        try h.write(".bops/state.json", "{ not json")
        let result = try h.run(["apply", "--auto-approve"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("state file is not valid"))
        #expect(h.read(".bops/state.json") == "{ not json")
        try h.write(".bops/state.json", "{\"version\": 99, \"serial\": 1, \"lineage\": \"x\", \"jobs\": {}}")
        let newer = try h.run(["plan"])
        #expect(newer.stderr.contains("version 99"))
        #expect(h.read(".bops/state.json")?.contains("99") == true)
    }
}
