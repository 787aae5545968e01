import Foundation
import Testing

@Suite("state commands, import and manifest changes", .serialized, .tags(.process))
struct StateAndManifestTests {
    @Test func manifestChangeIsDescribedInThePlan() throws {
        let h = try CLIHarness.copyProject(count: 5)
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        var csv = ""
        for i in 1..<5 { csv += "src,logs/file-\(i).log\n" }
        csv += "src,logs/new%20one.log\nsrc,logs/another.log\n"
        try h.write("specs/manifests/m.csv", csv)
        let plan = try h.run(["plan"])
        #expect(plan.stdout.contains("-/+ copy-logs will be replaced"), "\(plan.stdout)")
        #expect(plan.stdout.contains("manifest: +2 objects, -1 object"), "\(plan.stdout)")
        #expect(plan.stdout.contains("+logs/new one.log"))
        #expect(plan.stdout.contains("-logs/file-0.log"))
    }

    @Test func manifestRowErrorsPointAtTheRow() throws {
        let h = try CLIHarness.copyProject(count: 2)
        try h.write("specs/manifests/m.csv", "src,logs/a.log\nsrc,logs/b%zz.log\n")
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("specs/manifests/m.csv:2:"), "\(plan.stderr)")
    }

    @Test func importAdoptsAJobAndStateRmForgetsIt() throws {
        let h = try CLIHarness.copyProject(count: 3)
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let shown = try h.run(["state", "show", "copy-logs"])
        let record = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let jobId = try #require(record?["job_id"] as? String)
        #expect(try h.run(["state", "list"]).stdout == "copy-logs\n")

        let removed = try h.run(["state", "rm", "copy-logs"])
        #expect(removed.status == 0)
        #expect(try h.run(["state", "list"]).stdout.isEmpty)

        let imported = try h.run(["import", "copy-logs", jobId])
        #expect(imported.status == 0, "\(imported.stderr)")
        let plan = try h.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "an imported job that matches its spec plans no change: \(plan.stdout)")
        let again = try h.run(["import", "copy-logs", jobId])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already has job"))
        let unknown = try h.run(["state", "show", "nope"])
        #expect(unknown.status == 1)
    }

    /// Every state change (apply, state rm, import, the refresh of wait) saves the next serial and
    /// records the bops version.
    @Test func everyStateChangeIsTheNextSerial() throws {
        let h = try CLIHarness.copyProject(count: 2)
        func recorded() throws -> (serial: Int, version: String?, status: String?) {
            let object = try JSONSerialization.jsonObject(with: Data((h.read(".bops/state.json") ?? "").utf8))
            let top = try #require(object as? [String: Any])
            let jobs = top["jobs"] as? [String: [String: Any]]
            return (
                try #require(top["serial"] as? Int), top["bops_version"] as? String,
                jobs?["copy-logs"]?["status"] as? String
            )
        }
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let applied = try recorded()
        #expect(applied.version?.isEmpty == false)
        let shown = try h.run(["state", "show", "copy-logs"])
        let jobId = try #require(
            (try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])?["job_id"]
                as? String)
        #expect(try h.run(["state", "rm", "copy-logs"]).status == 0)
        #expect(try recorded().serial == applied.serial + 1)
        #expect(try h.run(["import", "copy-logs", jobId]).status == 0)
        #expect(try recorded().serial == applied.serial + 2)
        try h.write("specs/copy-logs.yaml", CLIHarness.spec(name: "copy-logs", confirm: true))
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let confirmed = try recorded()
        #expect(confirmed.serial == applied.serial + 3)
        #expect(try h.run(["wait", "copy-logs"]).status == 0)
        let waited = try recorded()
        #expect(waited.status == "Complete")
        #expect(waited.serial == confirmed.serial + 1, "the refresh of wait is one save")
        #expect(waited.version == applied.version)
    }

    /// A plan saved in another format version is refused with the file, both versions and the fix.
    @Test(arguments: [["apply"], ["show"]])
    func aPlanFileOfAnOlderFormatIsRefused(_ command: [String]) throws {
        let h = try CLIHarness.copyProject(count: 2)
        #expect(try h.run(["plan", "-out", "saved.plan"]).status == 0)
        let saved = try #require(h.read("saved.plan"))
        #expect(saved.contains("\"format_version\" : \"2.2\""))
        try h.write(
            "saved.plan",
            saved.replacingOccurrences(
                of: "\"format_version\" : \"2.2\"", with: "\"format_version\" : \"1.0\""))
        let refused = try h.run(command + ["saved.plan"])
        #expect(refused.status == 1)
        for part in ["saved.plan", "format version 1.0", "format version 2.2", "bops plan -out saved.plan"] {
            #expect(refused.stderr.contains(part), "names \(part): \(refused.stderr)")
        }
        #expect(
            try h.run(["local", "jobs", "--json"]).stdout.contains("job_id") == false, "nothing was applied")
    }

    @Test func missingManifestFileIsAnErrorAtTheSpecLine() throws {
        let h = try CLIHarness.copyProject(count: 1)
        try FileManager.default.removeItem(atPath: h.root + "/specs/manifests/m.csv")
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("specs/copy-logs.yaml:11:"), "\(plan.stderr)")
        #expect(plan.stderr.contains("does not exist"))
    }
}

@Suite("plan-time checks on the local engine", .serialized, .tags(.process))
struct PreflightTests {
    @Test func missingReportBucketAndObjectLockAreCaughtBeforeAnyJobExists() throws {
        let h = try CLIHarness.copyProject(count: 2)
        let spec = CLIHarness.spec(name: "copy-logs")
            .replacingOccurrences(
                of: "storageClass: STANDARD_IA",
                with: "storageClass: STANDARD_IA\n      objectLock: { legalHold: ON }"
            )
            .replacingOccurrences(of: "arn:aws:s3:::reports", with: "arn:aws:s3:::no-such-reports")
        try h.write("specs/copy-logs.yaml", spec)
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        #expect(
            plan.stderr.contains("Object Lock is not enabled on destination bucket dst"), "\(plan.stderr)")
        #expect(plan.stderr.contains("report bucket no-such-reports does not exist"))
        #expect(plan.stderr.contains("specs/copy-logs.yaml:"))
        let jobs = try h.run(["local", "jobs", "--json"])
        #expect(
            jobs.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]"
                || jobs.stdout.contains("[]"))
    }
}
