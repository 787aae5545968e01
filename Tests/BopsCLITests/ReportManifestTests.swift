import Foundation
import Testing

extension CLIHarness {
    /// A copy job `first` over four keys of `src` (a space, a `+`, non-ASCII, and one missing), its
    /// report scope `all`, and a spec `retry` that takes `fromReport` as `retry` (YAML flow text).
    static func retryProject(retry: String, versioned: Bool = false) throws -> CLIHarness {
        let h = try CLIHarness()
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
        )
        try h.write("data/logs/a.log", "a\n")
        try h.write("data/logs/b c+.log", "b\n")
        try h.write("data/logs/ünï.log", "u\n")
        #expect(try h.run(["local", "mb", "src"] + (versioned ? ["--versioning"] : [])).status == 0)
        #expect(try h.run(["local", "seed", "src", "data"]).status == 0)
        for bucket in ["dst", "reports"] { #expect(try h.run(["local", "mb", bucket]).status == 0) }
        var rows = [
            "src,logs/a.log", "src,logs/b%20c%2B.log", "src,logs/%C3%BCn%C3%AF.log",
            "src,logs/missing%20%C3%A9.log",
        ]
        var fields = "[Bucket, Key]"
        if versioned {
            let listed = try JSONDecoder().decode(
                [[String: String]].self, from: Data(try h.run(["local", "ls", "src", "--json"]).stdout.utf8))
            let version = Dictionary(uniqueKeysWithValues: listed.map { ($0["key"]!, $0["version_id"]!) })
            rows = [
                "src,logs/a.log,\(version["logs/a.log"]!)",
                "src,logs/b%20c%2B.log,\(version["logs/b c+.log"]!)",
                "src,logs/%C3%BCn%C3%AF.log,\(version["logs/ünï.log"]!)",
                "src,logs/missing%20%C3%A9.log,v-gone",
            ]
            fields = "[Bucket, Key, VersionId]"
        }
        try h.write("specs/manifests/m.csv", rows.joined(separator: "\n") + "\n")
        try h.write(
            "specs/first.yaml",
            """
            apiVersion: bops/v1
            kind: BatchJob
            metadata: { name: first }
            spec:
              roleArn: arn:aws:iam::111122223333:role/batch
              confirmationRequired: false
              manifest: { csv: { file: manifests/m.csv, fields: \(fields) } }
              operation: { copy: { destination: "arn:aws:s3:::dst" } }
              report: { bucket: "arn:aws:s3:::reports", prefix: first, scope: all }

            """)
        try h.write(
            "specs/retry.yaml",
            """
            apiVersion: bops/v1
            kind: BatchJob
            metadata: { name: retry }
            spec:
              roleArn: arn:aws:iam::111122223333:role/batch
              confirmationRequired: false
              manifest: { fromReport: \(retry) }
              operation: { copy: { destination: "arn:aws:s3:::dst" } }
              report: { bucket: "arn:aws:s3:::reports", prefix: retry, scope: all }

            """)
        return h
    }

    /// The manifests bops made from reports (`.bops/manifests/`), by file name.
    func madeManifests() throws -> [String: String] {
        let folder = root + "/.bops/manifests"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, read(".bops/manifests/" + $0) ?? "") })
    }
}

@Suite("manifest.fromReport: retry the tasks of an earlier job", .serialized, .tags(.process))
struct ReportManifestTests {
    /// The failed task only, the key as S3 writes it; the retry waits for the first job, succeeds
    /// once the missing object exists, and its record names the job it retried.
    @Test func retriesOnlyTheFailedTask() throws {
        let h = try CLIHarness.retryProject(retry: "{ spec: first, tasks: failed }")
        let before = try h.run(["plan"])
        #expect(before.stdout.contains("... retry waits"), "\(before.stdout)")
        #expect(before.stdout.contains("the failed tasks of first (known once its job is Complete)"))
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        #expect(try h.run(["wait", "first"]).status == 1, "first has a failed task")
        try h.write("data/logs/missing é.log", "late\n")
        #expect(try h.run(["local", "seed", "src", "data"]).status == 0)
        let plan = try h.run(["plan"])
        #expect(plan.stdout.contains("+ retry will be created"), "\(plan.stdout)")
        #expect(plan.stdout.contains("Copy 1 object to arn:aws:s3:::dst: Retry 1 failed task of first (job "))
        #expect(plan.stdout.contains(": 1 × NoSuchKey)"), "\(plan.stdout)")
        #expect(
            plan.stderr.contains(
                "1 of the tasks to retry failed with NoSuchKey: they fail again unless that changes"))
        #expect(plan.stderr.contains("specs/retry.yaml:7:35"), "\(plan.stderr)")
        let run = try h.run(["apply", "--wait", "--auto-approve", "--poll", "200ms", "--timeout", "1m"])
        #expect(run.stdout.contains("round 1: 1 created"), "\(run.stdout)")
        let made = try h.madeManifests()
        #expect(Array(made.values) == ["src,logs/missing%20%C3%A9.log\n"], "\(made)")
        let state = try #require(
            try JSONSerialization.jsonObject(with: Data((h.read(".bops/state.json") ?? "").utf8))
                as? [String: Any])
        let jobs = try #require(state["jobs"] as? [String: [String: Any]])
        let lineage = try #require(jobs["retry"]?["from_report"] as? [String: Any])
        #expect(lineage["spec"] as? String == "first")
        #expect(lineage["job_id"] as? String == jobs["first"]?["job_id"] as? String)
        #expect(lineage["rows"] as? Int == 1)
        let report = try h.run(["report", "retry"])
        #expect(report.stdout.contains("succeeded: 1"), "\(report.stdout)")
        #expect(
            try h.run(["plan", "--detailed-exitcode"]).status == 0, "the same report gives the same digest")
    }

    /// Succeeded rows keep the report's order and encoding; a version column on every row.
    @Test func succeededTasksOfAVersionedJobKeepTheirVersions() throws {
        let h = try CLIHarness.retryProject(retry: "{ spec: first, tasks: succeeded }", versioned: true)
        #expect(try h.run(["apply", "--auto-approve"]).status == 0)
        _ = try h.run(["wait", "first"])
        let plan = try h.run(["plan"])
        #expect(plan.stdout.contains("Take 3 succeeded tasks of first (job "), "\(plan.stdout)")
        let made = try #require(try h.madeManifests().values.first)
        let rows = made.split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows.map { $0.split(separator: ",").count } == [3, 3, 3], "\(made)")
        #expect(
            rows.map { String($0.split(separator: ",")[1]) } == [
                "logs/a.log", "logs/b%20c%2B.log", "logs/%C3%BCn%C3%AF.log",
            ])
        #expect(!made.contains("v-gone"))
    }

    /// No row matches: no job, the plan says there is nothing to retry, and the campaign is done.
    @Test(arguments: [
        "{ spec: first, tasks: failed, errorCodes: [AccessDenied] }",
        "{ spec: first, tasks: failed, httpStatus: [503] }",
    ])
    func nothingToRetryMakesNoJob(_ retry: String) throws {
        let h = try CLIHarness.retryProject(retry: retry)
        let run = try h.run(["apply", "--wait", "--auto-approve", "--poll", "200ms", "--timeout", "1m"])
        #expect(run.status == 1, "first has a failed task: \(run.stdout)")
        #expect(!run.stderr.contains("retry"), "retry is done, not failed: \(run.stderr)")
        let plan = try h.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("= retry: nothing to retry: the report of job "), "\(plan.stdout)")
        #expect(plan.stdout.contains("has no failed tasks matching the filter"), "\(plan.stdout)")
        #expect(try h.engineJobs().compactMap(\.spec) == ["first"])
    }

    /// The same retry through the aws engine against `bops emulator`: the report read over S3.
    @Test func retriesThroughTheAWSEngineOnTheEmulator() throws {
        let seeder = try CLIHarness.retryProject(retry: "{ spec: first }")
        let (h, emulator) = try seeder.onTheEmulator()
        let run = try h.applyWait(emulator: emulator)
        #expect(run.status == 1, "both jobs have a failed task: \(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("failed: first, retry"), "\(run.stderr)")
        #expect(try h.madeManifests().values.first == "src,logs/missing%20%C3%A9.log\n")
        #expect(try seeder.engineJobs().compactMap(\.spec).sorted() == ["first", "retry"])
    }
}
