import BopsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("spec.split: one job per part of a CSV manifest", .serialized, .tags(.process))
struct SplitTests {
    static func project(rows: Int = 5, maxObjects: Int = 2) throws -> CLIHarness {
        let h = try CLIHarness.copyProject(count: rows, names: [])
        try h.write(
            "specs/copy-logs.yaml",
            CLIHarness.spec(name: "copy-logs").replacingOccurrences(
                of: "  confirmationRequired: true",
                with: "  confirmationRequired: false\n  split: { maxObjects: \(maxObjects) }"))
        return h
    }

    @Test func partsAreJobsOfTheirOwnAndCommandsAggregateThem() throws {
        let h = try Self.project()
        let plan = try h.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        for (i, rows) in [(1, "rows 1 to 2"), (2, "rows 3 to 4"), (3, "rows 5 to 5")] {
            #expect(plan.stdout.contains("+ copy-logs#000\(i) will be created"), "\(plan.stdout)")
            #expect(
                plan.stdout.contains("part \(i) of 3 of specs/manifests/m.csv (\(rows))"), "\(plan.stdout)")
        }
        #expect(plan.stdout.contains("Plan: 3 to create."))
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        let jobs = try h.engineJobs().compactMap(\.spec).sorted()
        #expect(jobs == ["copy-logs#0001", "copy-logs#0002", "copy-logs#0003"])
        let wait = try h.run(["wait", "copy-logs"])
        #expect(wait.status == 0, "\(wait.stdout)\(wait.stderr)")
        #expect(wait.stdout.contains("copy-logs#0003: job "), "\(wait.stdout)")
        let report = try h.run(["report", "copy-logs", "--json"])
        let parts = try #require(
            try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]])
        #expect(parts.map { ($0["by_status"] as? [String: Int])?["succeeded"] } == [2, 2, 1])
        #expect(try h.run(["plan", "--detailed-exitcode"]).status == 0, "the parts converge")
        let status = try h.run(["status"])
        #expect(
            status.stdout.contains("copy-logs: 3 parts (3 Complete), 5 of 5 tasks done, 0 failed"),
            "\(status.stdout)")

        // Another split is another definition: the finished parts are cloned or dropped.
        try h.write(
            "specs/copy-logs.yaml",
            (h.read("specs/copy-logs.yaml") ?? "").replacingOccurrences(
                of: "maxObjects: 2", with: "maxObjects: 3"))
        let changed = try h.run(["plan"])
        #expect(changed.stdout.contains("+ copy-logs#0001 will be cloned as a new job"), "\(changed.stdout)")
        #expect(changed.stdout.contains("- copy-logs#0003 will be dropped from state"), "\(changed.stdout)")
    }

    /// A CSV manifest in S3 is read at plan time and split like a local one.
    @Test func aManifestInS3IsSplitToo() throws {
        let h = try Self.project(rows: 5, maxObjects: 2)
        #expect(try h.run(["local", "mb", "manifests"]).status == 0)
        #expect(
            try h.run([
                "local", "put", "manifests", "copy/m.csv", "--file", h.root + "/specs/manifests/m.csv",
            ])
            .status == 0)
        try h.write(
            "specs/copy-logs.yaml",
            (h.read("specs/copy-logs.yaml") ?? "").replacingOccurrences(
                of: "csv: { file: manifests/m.csv, fields: [Bucket, Key] }",
                with: "csv: { location: \"s3://manifests/copy/m.csv\", fields: [Bucket, Key] }"))
        let plan = try h.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(
            plan.stdout.contains("part 3 of 3 of s3://manifests/copy/m.csv (rows 5 to 5)"), "\(plan.stdout)")
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        #expect(
            try h.engineJobs().compactMap(\.spec).sorted() == [
                "copy-logs#0001", "copy-logs#0002", "copy-logs#0003",
            ])
        #expect(
            try h.run(["plan", "--detailed-exitcode"]).status == 0, "the same object gives the same parts")
        let offline = try h.run(["plan", "--refresh=false"])
        #expect(offline.status == 1)
        #expect(
            offline.stderr.contains("cannot read s3://manifests/copy/m.csv to split it"), "\(offline.stderr)")
    }

    /// A spec waiting for a split spec waits for every part.
    @Test func aDependencyOnASplitSpecWaitsForEveryPart() throws {
        let h = try Self.project()
        try h.write(
            "specs/after.yaml",
            CLIHarness.spec(name: "after").replacingOccurrences(
                of: "  confirmationRequired: true",
                with: "  confirmationRequired: false\n  dependsOn: [{ spec: copy-logs, when: completed }]"))
        let first = try h.run(["apply", "--auto-approve"])
        #expect(first.stdout.contains("... after waits"), "\(first.stdout)")
        let run = try h.run(["apply", "--wait", "--auto-approve", "--poll", "200ms", "--timeout", "1m"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(
            try h.engineJobs().compactMap(\.spec).sorted() == [
                "after", "copy-logs#0001", "copy-logs#0002", "copy-logs#0003",
            ])
        #expect(run.stdout.contains("round 1: 3 running, 1 waiting"), "\(run.stdout)")
        #expect(
            run.stdout.contains("round 2: 1 created, 3 done"),
            "after waits for all three parts: \(run.stdout)")
    }

    @Test func aManifestOverTheLimitIsAnErrorThatProposesSplit() throws {
        let h = try CLIHarness.copyProject(count: 3, names: ["copy-logs"])
        try h.write(
            "bops.yaml",
            (h.read("bops.yaml") ?? "") + "limits: { maxObjectsPerJob: 2 }\n")
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        #expect(
            plan.stderr.contains(
                "specs/copy-logs.yaml:10:3: error: the manifest lists 3 objects, more than limits.maxObjectsPerJob (2) in bops.yaml"
            ), "\(plan.stderr)")
        #expect(plan.stderr.contains("help: split it: spec.split: { maxObjects: 2 } makes one job per part"))
    }

    /// SIGKILL during the creation of the parts, again and again: one job per part afterwards.
    @Test(arguments: Array(UInt64(1)...4))
    func sigkillWhileThePartsAreCreatedConverges(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let h = try Self.project(rows: 8, maxObjects: 2)
        var kills = 0
        for _ in 0..<6 {
            let (process, _, _) = try h.start(["apply", "--auto-approve", "--parallelism", "2"])
            usleep(UInt32.random(in: 0...200_000, using: &rng))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            if let text = h.read(".bops/state.json") {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "state stays parseable"
                )
            }
        }
        let final = try h.run(["apply", "--auto-approve"])
        #expect(final.status == 0, "\(final.stdout)\(final.stderr)")
        let jobs = try h.engineJobs().compactMap(\.spec).sorted()
        #expect(
            jobs == (1...4).map { "copy-logs#000\($0)" }, "one job per part after \(kills) kills: \(jobs)")
        #expect(try h.run(["plan", "--detailed-exitcode"]).status == 0)
    }
}
