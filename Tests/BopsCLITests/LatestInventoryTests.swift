import BopsTestSupport
import Foundation
import Testing

extension CLIHarness {
    /// Buckets `inv` (the deliveries), `src` (three objects) and `dst`, and a copy spec over the
    /// latest delivery under `inventory/src/daily` (with `extra` lines under `inventory:`).
    static func latestInventoryProject(extra: String = "") throws -> CLIHarness {
        let h = try CLIHarness()
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
        )
        for name in ["a.txt", "b c.txt", "d.txt"] { try h.write("data/\(name)", "\(name)\n") }
        #expect(try h.run(["local", "mb", "inv"]).status == 0)
        #expect(try h.run(["local", "seed", "src", "data"]).status == 0)
        #expect(try h.run(["local", "mb", "dst"]).status == 0)
        try h.write("rows-2.csv", "src,a.txt\nsrc,b%20c.txt\n")
        try h.write("rows-3.csv", "src,a.txt\nsrc,b%20c.txt\nsrc,d.txt\n")
        try h.write(
            "specs/copy-latest.yaml",
            """
            apiVersion: bops/v1
            kind: BatchJob
            metadata: { name: copy-latest }
            spec:
              roleArn: arn:aws:iam::111122223333:role/batch
              confirmationRequired: false
              manifest:
                inventory:
                  bucket: "arn:aws:s3:::inv"
                  prefix: inventory/src/daily
                  latest: true\(extra)
              operation: { copy: { destination: "arn:aws:s3:::dst" } }
              report: { scope: disabled }

            """)
        return h
    }

    func deliver(_ rows: String, at date: String, dataFiles: Int = 1) throws {
        let put = try run([
            "local", "put-inventory", "inv", "inventory/src/daily", "--from", rows, "--date", date,
            "--data-files",
            String(dataFiles),
        ])
        #expect(put.status == 0, "\(put.stderr)")
    }
}

@Suite("manifest.inventory latest: the newest delivery of an inventory", .serialized, .tags(.process))
struct LatestInventoryTests {
    @Test func waitsForTheFirstDeliveryThenTakesTheNewest() throws {
        let h = try CLIHarness.latestInventoryProject()
        let none = try h.run(["plan", "--detailed-exitcode"])
        #expect(none.status == 0, "waiting is no change: \(none.stdout)\(none.stderr)")
        #expect(none.stdout.contains("... copy-latest waits"), "\(none.stdout)")
        #expect(
            none.stdout.contains("waits for the first inventory report under s3://inv/inventory/src/daily/"))
        try h.deliver("rows-2.csv", at: "2026-12-05T01:00:00Z")
        try h.deliver("rows-3.csv", at: "2026-12-06T01:00:00Z")
        let plan = try h.run(["plan"])
        #expect(
            plan.stdout.contains(
                "Copy 3 objects to arn:aws:s3:::dst: S3 Inventory report s3://inv/inventory/src/daily/2026-12-06T01-00Z/manifest.json (the latest delivery, 2026-12-06T01-00Z)"
            ), "\(plan.stdout)")
        let apply = try h.run(["apply", "--wait", "--auto-approve", "--poll", "200ms", "--timeout", "1m"])
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
        #expect(try h.archive("dst").sorted() == ["a.txt", "b c.txt", "d.txt"])
        let state = h.read(".bops/state.json") ?? ""
        #expect(
            state.contains("inv/inventory/src/daily/2026-12-06T01-00Z/manifest.json"),
            "the resolved delivery is recorded")

        // A newer delivery never replaces the job: the plan mentions it.
        try h.deliver("rows-2.csv", at: "2026-12-07T01:00:00Z")
        let later = try h.run(["plan", "--detailed-exitcode"])
        #expect(later.status == 0, "\(later.stdout)\(later.stderr)")
        #expect(
            later.stderr.contains(
                "a newer inventory exists: 2026-12-07T01-00Z (the job was made from 2026-12-06T01-00Z)"))
        #expect(later.stderr.contains("help: bump rerun to make a job from it"))
        #expect(later.stderr.contains("specs/copy-latest.yaml:10:15"), "at the prefix key: \(later.stderr)")
    }

    @Test func onlyDeliveriesAfterNewerThanCount() throws {
        let h = try CLIHarness.latestInventoryProject(extra: "\n      newerThan: 2026-12-06T12:00:00Z")
        try h.deliver("rows-3.csv", at: "2026-12-06T01:00:00Z")
        let plan = try h.run(["plan"])
        #expect(
            plan.stdout.contains(
                "waits for the first inventory report newer than 2026-12-06T12:00:00Z under s3://inv/inventory/src/daily/"
            ), "\(plan.stdout)")
        try h.deliver("rows-2.csv", at: "2026-12-07T01:00:00Z")
        #expect(try h.run(["plan"]).stdout.contains("Copy 2 objects"))
    }

    @Test func aDeliveryWhoseChecksumDiffersIsAnError() throws {
        let h = try CLIHarness.latestInventoryProject()
        try h.deliver("rows-3.csv", at: "2026-12-06T01:00:00Z")
        let bad = try h.run([
            "local", "put", "inv", "inventory/src/daily/2026-12-06T01-00Z/manifest.checksum", "--body",
            "0123456789abcdef",
        ])
        #expect(bad.status == 0)
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        #expect(
            plan.stderr.contains(
                "specs/copy-latest.yaml:10:15: error: s3://inv/inventory/src/daily/2026-12-06T01-00Z/manifest.checksum says 0123456789abcdef, but the MD5 of s3://inv/inventory/src/daily/2026-12-06T01-00Z/manifest.json is "
            ), "\(plan.stderr)")
    }

    @Test func aDeliveryWithAMissingDataFileIsAnError() throws {
        let h = try CLIHarness.latestInventoryProject()
        let manifest = """
            {"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inv","version":"2016-11-30","creationTimestamp":"1","fileFormat":"CSV","fileSchema":"Bucket, Key","files":[{"key":"inventory/src/daily/data/gone.csv.gz","size":10,"MD5checksum":"00000000000000000000000000000000"}]}
            """
        let sum = String(
            decoding: try Tool.output("/usr/bin/md5sum", [], input: Array(manifest.utf8)), as: UTF8.self)
        let md5 = try #require(sum.split(separator: " ").first.map(String.init))
        let folder = "inventory/src/daily/2026-12-06T01-00Z/"
        #expect(try h.run(["local", "put", "inv", folder + "manifest.json", "--body", manifest]).status == 0)
        #expect(try h.run(["local", "put", "inv", folder + "manifest.checksum", "--body", md5]).status == 0)
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        #expect(
            plan.stderr.contains(
                "error: the data file s3://inv/inventory/src/daily/data/gone.csv.gz that s3://inv/inventory/src/daily/2026-12-06T01-00Z/manifest.json lists does not exist"
            ), "\(plan.stderr)")
    }

    /// `split: { maxFiles }`: one job per group of data files, each with its own manifest.json,
    /// pinned to the delivery the parts were made from.
    @Test func anInventorySplitsByDataFiles() throws {
        let h = try CLIHarness.latestInventoryProject()
        try h.write(
            "specs/copy-latest.yaml",
            (h.read("specs/copy-latest.yaml") ?? "").replacingOccurrences(
                of: "  operation:", with: "  split: { maxFiles: 2 }\n  operation:"))
        try h.deliver("rows-3.csv", at: "2026-12-06T01:00:00Z", dataFiles: 3)
        let plan = try h.run(["plan"])
        #expect(plan.stdout.contains("+ copy-latest#0001 will be created"), "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("(data files 1 to 2)"), "\(plan.stdout)")
        #expect(
            plan.stdout.contains(
                "part 2 of 2 of s3://inv/inventory/src/daily/2026-12-06T01-00Z/manifest.json (data files 3 to 3)"
            ))
        let run = try h.applyWait()
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try h.engineJobs().compactMap(\.spec).sorted() == ["copy-latest#0001", "copy-latest#0002"])
        #expect(try h.archive("dst").sorted() == ["a.txt", "b c.txt", "d.txt"])
        try h.deliver("rows-2.csv", at: "2026-12-07T01:00:00Z")
        let later = try h.run(["plan", "--detailed-exitcode"])
        #expect(later.status == 0, "the parts stay on their delivery: \(later.stdout)\(later.stderr)")
        #expect(later.stderr.contains("a newer inventory exists: 2026-12-07T01-00Z"), "\(later.stderr)")
    }

    /// The same spec through the aws engine on `bops emulator`: ListObjectsV2 finds the newest.
    @Test func theNewestDeliveryThroughTheAWSEngineOnTheEmulator() throws {
        let seeder = try CLIHarness.latestInventoryProject()
        try seeder.deliver("rows-2.csv", at: "2026-12-05T01:00:00Z")
        try seeder.deliver("rows-3.csv", at: "2026-12-06T01:00:00Z")
        let (h, emulator) = try seeder.onTheEmulator()
        let run = try h.applyWait(emulator: emulator)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("2026-12-06T01-00Z/manifest.json (the latest delivery"), "\(run.stdout)")
        #expect(try seeder.archive("dst").sorted() == ["a.txt", "b c.txt", "d.txt"])
    }
}

extension CLIHarness {
    /// The keys of a local-engine bucket.
    func archive(_ bucket: String) throws -> [String] {
        let out = try run(["local", "ls", bucket, "--json"])
        let rows = try JSONDecoder().decode([[String: String]].self, from: Data(out.stdout.utf8))
        return rows.compactMap { $0["key"] }
    }
}
