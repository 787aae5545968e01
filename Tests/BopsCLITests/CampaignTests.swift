import BopsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension CLIHarness {
    /// A campaign of two specs over three GLACIER scans in bucket `archive`: `restore-scans` brings
    /// them back, `copy-scans` copies them in place to STANDARD once they are readable. The local
    /// engine's restores take `restoreDelay`.
    static func campaignProject(restoreDelay: String, extraState: String = "") throws -> CLIHarness {
        let h = try CLIHarness()
        try h.write(
            "bops.yaml",
            """
            apiVersion: bops/v1
            kind: Project
            engine: local
            account: "111122223333"
            region: us-east-1
            local: { restoreDelay: \(restoreDelay) }
            \(extraState)
            """)
        try h.write(
            "specs/manifests/scans.csv", "archive,scans/a.tif\narchive,scans/b.tif\narchive,scans/c.tif\n")
        try h.write(
            "specs/restore-scans.yaml",
            """
            apiVersion: bops/v1
            kind: BatchJob
            metadata: { name: restore-scans }
            spec:
              roleArn: arn:aws:iam::111122223333:role/batch
              confirmationRequired: false
              manifest: { csv: { file: manifests/scans.csv } }
              operation: { restore: { expirationDays: 7, tier: BULK } }
              report: { bucket: "arn:aws:s3:::reports", prefix: restore, scope: all }

            """)
        try h.write(
            "specs/copy-scans.yaml",
            """
            apiVersion: bops/v1
            kind: BatchJob
            metadata: { name: copy-scans }
            spec:
              roleArn: arn:aws:iam::111122223333:role/batch
              confirmationRequired: false
              dependsOn:
                - spec: restore-scans
                  when: restored
              manifest: { csv: { file: manifests/scans.csv } }
              operation: { copy: { destination: "arn:aws:s3:::archive", storageClass: STANDARD } }
              report: { bucket: "arn:aws:s3:::reports", prefix: copy, scope: all }

            """)
        for command in [["local", "mb", "archive"], ["local", "mb", "reports"]] {
            #expect(try h.run(command).status == 0)
        }
        for key in ["a", "b", "c"] {
            let put = try h.run([
                "local", "put", "archive", "scans/\(key).tif", "--body", "scan \(key)", "--storage-class",
                "GLACIER",
            ])
            #expect(put.status == 0, "\(put.stderr)")
        }
        return h
    }

    /// `key -> storage class` of bucket `archive`.
    func archiveClasses() throws -> [String: String] {
        let out = try run(["local", "ls", "archive", "--json"])
        let rows = try JSONDecoder().decode([[String: String]].self, from: Data(out.stdout.utf8))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] ?? "", $0["storage_class"] ?? "") })
    }
}

@Suite("campaigns: dependsOn on the local engine and the emulator", .serialized, .tags(.process))
struct CampaignTests {
    let golden = GoldenPlanTests()

    /// The example campaign before the restore ran and while its objects are being restored, in
    /// every plan form; waiting alone is no change for --detailed-exitcode.
    @Test func plansBeforeAndDuringTheRestore() throws {
        let h = try CLIHarness.campaignProject(restoreDelay: "1h")
        let one = try h.run(["validate", "specs/copy-scans.yaml"])
        #expect(one.status == 0, "a spec given alone knows the project's other specs: \(one.stderr)")
        let before = try h.run(["plan"])
        #expect(before.status == 0, "\(before.stderr)")
        try golden.check("campaign-before.txt", "\(before.stdout)")
        try golden.check("campaign-before.md", try h.run(["plan", "--format", "markdown"]).stdout)
        try golden.check("campaign-before.json", try h.run(["plan", "--json"]).stdout)
        #expect(try h.run(["plan", "--detailed-exitcode"]).status == 2)

        let apply = try h.run(["apply", "--auto-approve"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("... copy-scans waits"), "\(apply.stdout)")
        #expect(try h.engineJobs().map(\.spec) == ["restore-scans"])
        #expect(try h.run(["wait", "restore-scans"]).status == 0)

        let during = try h.run(["plan"])
        #expect(during.status == 0, "\(during.stderr)")
        #expect(
            during.stdout.contains("0 of 3 objects restored (3 restores still running)"), "\(during.stdout)")
        #expect(during.stdout.contains("No changes now: 1 waiting."), "\(during.stdout)")
        try golden.check("campaign-restoring.txt", "\(during.stdout)")
        let markdown = try h.run(["plan", "--format", "markdown"]).stdout
        #expect(markdown.contains("```mermaid"))
        try golden.check("campaign-restoring.md", markdown)
        let json = try h.run(["plan", "--json"]).stdout
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["format_version"] as? String == "2.2")
        let actions = try #require(parsed["actions"] as? [[String: Any]])
        let copy = try #require(actions.first { $0["name"] as? String == "copy-scans" })
        #expect(copy["kind"] as? String == "wait")
        #expect(copy["depends_on"] as? [String] == ["restore-scans"])
        let condition = try #require((copy["waits_on"] as? [[String: Any]])?.first)
        #expect(condition["holds"] as? Bool == false)
        #expect(condition["state"] as? String == "restoring")
        let restore = try #require(condition["restore"] as? [String: Any])
        #expect(restore["ongoing"] as? Int == 3)
        #expect(restore["checked"] as? Int == 3)
        try golden.check("campaign-restoring.json", json)
        #expect(
            try h.run(["plan", "--detailed-exitcode"]).status == 0, "a plan that only waits has no changes")

        let graph = try h.run(["graph"])
        #expect(
            graph.stdout.contains("copy-scans: waiting\n  <. restore-scans (restored)"), "\(graph.stdout)")
        let dot = try h.run(["graph", "--format", "dot"])
        #expect(
            dot.stdout.contains("\"restore-scans\" -> \"copy-scans\" [label=\"restored\", style=dashed];"))
    }

    /// `apply --wait` drives the campaign to its end on the local engine: restore, wait until the
    /// objects are readable, copy; every scan ends in STANDARD and each spec has one job.
    @Test func applyWaitRunsTheCampaignToItsEnd() throws {
        let h = try CLIHarness.campaignProject(restoreDelay: "2s")
        let run = try h.run(["apply", "--wait", "--auto-approve", "--poll", "300ms", "--timeout", "2m"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("Campaign complete!"), "\(run.stdout)")
        #expect(run.stdout.contains("objects restored (3 restores still running)"), "\(run.stdout)")
        #expect(run.stdout.contains("round 1: 1 created, 1 waiting"), "\(run.stdout)")
        let jobs = try h.engineJobs()
        #expect(jobs.compactMap(\.spec).sorted() == ["copy-scans", "restore-scans"])
        #expect(jobs.allSatisfy { $0.status == "Complete" })
        #expect(
            try h.archiveClasses() == [
                "scans/a.tif": "STANDARD", "scans/b.tif": "STANDARD", "scans/c.tif": "STANDARD",
            ])
        #expect(try h.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    /// A dependency that can never meet its condition blocks the dependent: the plan says why with
    /// the figures, and `apply --wait` ends at once with exit 1 instead of waiting forever.
    @Test func aDependencyWithTooManyFailuresBlocks() throws {
        let h = try CLIHarness.copyProject(count: 2, names: [])
        try h.write(
            "specs/manifests/m.csv", "src,logs/file-0.log\nsrc,logs/file-1.log\nsrc,logs/missing.log\n")
        try h.write(
            "specs/first.yaml",
            CLIHarness.spec(name: "first").replacingOccurrences(
                of: "confirmationRequired: true", with: "confirmationRequired: false"))
        try h.write(
            "specs/second.yaml",
            CLIHarness.spec(name: "second").replacingOccurrences(
                of: "confirmationRequired: true",
                with:
                    "confirmationRequired: false\n  dependsOn: [{ spec: first, when: succeeded, maxFailedRatio: 0.1 }]"
            ))
        let run = try h.run(["apply", "--wait", "--auto-approve", "--poll", "200ms", "--timeout", "1m"])
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("blocked: second"), "\(run.stderr)")
        let plan = try h.run(["plan"])
        #expect(plan.stdout.contains("  x second is blocked"), "\(plan.stdout)")
        #expect(
            plan.stdout.contains(
                "blocked by first (succeeded (at most 10% failed)): job "), "\(plan.stdout)")
        #expect(
            plan.stdout.contains(
                "Complete with 1 of 3 tasks failed (33.3%), more than maxFailedRatio 10% allows"))
        #expect(plan.stdout.contains("No changes now: 1 blocked."), "\(plan.stdout)")
        #expect(try h.engineJobs().map(\.spec) == ["first"])
        // Allowing more failures unblocks it.
        try h.write(
            "specs/second.yaml",
            (h.read("specs/second.yaml") ?? "").replacingOccurrences(
                of: "maxFailedRatio: 0.1", with: "maxFailedRatio: 0.5"))
        let unblocked = try h.run(["plan"])
        #expect(unblocked.stdout.contains("+ second will be created"), "\(unblocked.stdout)")
    }

    /// The same campaign through the aws engine against `bops emulator --restore-delay`, whose
    /// HeadObject answers `x-amz-restore` as S3 does.
    @Test func theCampaignRunsThroughTheAWSEngineOnTheEmulator() throws {
        let seeder = try CLIHarness.campaignProject(restoreDelay: "0s")
        let (h, emulator) = try seeder.onTheEmulator(extra: ["--restore-delay", "2s"])
        let run = try h.applyWait(timeout: "2m", emulator: emulator)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("objects restored (3 restores still running)"), "\(run.stdout)")
        #expect(run.stdout.contains("Campaign complete!"), "\(run.stdout)")
        #expect(try seeder.engineJobs().compactMap(\.spec).sorted() == ["copy-scans", "restore-scans"])
        let plan = try h.run(["plan", "--detailed-exitcode"], environment: emulator.environment)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
    }

    /// SIGKILL `apply --wait` at random instants, 60 times over six seeds (a seed starts a new
    /// project whenever its campaign has ended, until it has been killed 10 times), many of them
    /// while the dependent is created right after its condition became true; every run after a
    /// kill goes on from the recorded state: one job per spec, a readable state, nothing created twice.
    @Test func sigkillDuringTheCampaignConverges() throws {
        var inWindow = 0
        for seed in UInt64(1)...6 {
            var rng = SeededGenerator(seed: seed)
            var killed = 0
            while killed < 10 {
                let h = try CLIHarness.campaignProject(restoreDelay: "1500ms")
                var over = false
                while killed < 10 && !over {
                    let (process, _, _) = try h.start([
                        "apply", "--wait", "--auto-approve", "--poll", "100ms",
                    ])
                    usleep(UInt32.random(in: 30_000...600_000, using: &rng))
                    if process.isRunning {
                        kill(process.processIdentifier, SIGKILL)
                        killed += 1
                    }
                    process.waitUntilExit()
                    over = process.terminationStatus == 0
                    guard let text = h.read(".bops/state.json") else { continue }
                    let state = try #require(
                        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                        "state must stay parseable")
                    let jobs = state["jobs"] as? [String: [String: Any]] ?? [:]
                    let restoreDone = jobs["restore-scans"]?["status"] as? String == "Complete"
                    let copyRecorded = jobs["copy-scans"]?["job_id"] != nil
                    if restoreDone && !copyRecorded { inWindow += 1 }
                }
                let final = try h.run([
                    "apply", "--wait", "--auto-approve", "--poll", "100ms", "--timeout", "1m",
                ])
                #expect(final.status == 0, "\(final.stdout)\n\(final.stderr)")
                let jobs = try h.engineJobs()
                #expect(
                    jobs.compactMap(\.spec).sorted() == ["copy-scans", "restore-scans"],
                    "seed \(seed): \(jobs)")
                #expect(try h.run(["plan", "--detailed-exitcode"]).status == 0)
            }
        }
        #expect(
            inWindow >= 1, "some kills landed between the restore's end and the copy's record (\(inWindow))")
    }

    /// Two `apply --wait` at once from two working copies on one remote state (S3 on the
    /// emulator): each round takes the lock and gives it back, so both reach the end, and each spec
    /// has one job.
    @Test func twoApplyWaitsOnOneRemoteStateMakeOneJobPerSpec() throws {
        let seeder = try CLIHarness.campaignProject(restoreDelay: "0s")
        #expect(try seeder.run(["local", "mb", "team-state", "--versioning"]).status == 0)
        let emulator = try RunningEmulator(
            dataDir: seeder.root + "/.bops/local", extra: ["--restore-delay", "1s"])
        var copies: [CLIHarness] = []
        for _ in 0..<2 {
            let h = try CLIHarness()
            try FileManager.default.removeItem(atPath: h.root + "/specs")
            try FileManager.default.copyItem(atPath: seeder.root + "/specs", toPath: h.root + "/specs")
            try h.write(
                "bops.yaml",
                """
                apiVersion: bops/v1
                kind: Project
                engine: aws
                account: "111122223333"
                region: us-east-1
                state: { backend: s3, bucket: team-state, key: campaign/state.json }

                """)
            copies.append(h)
        }
        let started = try copies.map {
            try $0.start(
                [
                    "apply", "--wait", "--auto-approve", "--poll", "200ms", "--timeout", "2m",
                    "--lock-timeout", "60s",
                ],
                environment: emulator.environment)
        }
        for (process, out, err) in started {
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(stdout)\n\(stderr)")
            #expect(stdout.contains("Campaign complete!"), "\(stdout)")
        }
        let jobs = try seeder.engineJobs()
        #expect(jobs.compactMap(\.spec).sorted() == ["copy-scans", "restore-scans"], "\(jobs)")
    }

    /// `bops wait` without a name follows the whole campaign and changes nothing: it returns 2 once
    /// a waiting spec is ready for an apply, and 0 when every job ended Complete.
    @Test func waitFollowsTheCampaignWithoutApplying() throws {
        let h = try CLIHarness.campaignProject(restoreDelay: "1s")
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let ready = try h.run(["wait", "--timeout", "1m"])
        #expect(ready.status == 2, "\(ready.stdout)\n\(ready.stderr)")
        #expect(ready.stdout.contains("Ready: copy-scans. Run bops apply"), "\(ready.stdout)")
        #expect(try h.engineJobs().compactMap(\.spec) == ["restore-scans"], "bops wait creates nothing")
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let done = try h.run(["wait", "--timeout", "1m"])
        #expect(done.status == 0, "\(done.stdout)\n\(done.stderr)")
        #expect(done.stdout.contains("Every job ended Complete."), "\(done.stdout)")
    }

    /// SIGINT (or SIGTERM) ends `apply --wait` after the round under way: exit 130, the lock is
    /// released, the state is readable and holds what the round did.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalEndsTheRoundsCleanly(_ signal: Int32) throws {
        let h = try CLIHarness.campaignProject(restoreDelay: "1h")
        let (process, out, _) = try h.start(["apply", "--wait", "--auto-approve", "--poll", "200ms"])
        var waited = 0
        while h.read(".bops/state.json")?.contains("restore-scans") != true && waited < 200 {
            usleep(50_000)
            waited += 1
        }
        usleep(300_000)
        kill(process.processIdentifier, signal)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(stdout)")
        #expect(stdout.contains("round 1:"), "\(stdout)")
        let plan = try h.run(["plan", "--lock-timeout", "0s"])
        #expect(plan.status == 0, "the lock was released: \(plan.stderr)")
        #expect(try h.engineJobs().compactMap(\.spec) == ["restore-scans"])
    }
}
