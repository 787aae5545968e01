import BopsTestSupport
import FoundationEssentials
import Testing

/// Replicate over a CSV manifest listing an object no replication rule takes: a warning at the
/// manifest with the count, on the local engine and through the aws engine on `bops emulator`
/// (GetBucketReplication), gone once a rule takes every object.
@Suite("Replicate manifest objects outside every replication rule", .serialized, .tags(.process))
struct ReplicationCoveragePlanTests {
    static func replication(_ prefix: String) -> String {
        #"{"Role": "arn:aws:iam::111122223333:role/replication", "Rules": [{"ID": "to-dr", "Status": "Enabled", "#
            + #""Priority": 1, "Filter": {"Prefix": "\#(prefix)"}, "Destination": {"Bucket": "arn:aws:s3:::photos-dr"}}]}"#
    }

    @Test func anObjectOutsideTheRulesIsAWarningAtTheManifestOnBothEngines() throws {
        let h = try CLIHarness.copyProject(count: 1)
        try h.write("data/photos/2024/a.jpg", "jpeg")
        try h.write("data/photos/raw/b.jpg", "raw")
        #expect(try h.run(["local", "seed", "photos", "data/photos", "--versioning"]).status == 0)
        #expect(try h.run(["local", "mb", "photos-dr", "--versioning"]).status == 0)
        try h.write("replication.json", Self.replication("2024/"))
        #expect(try h.run(["local", "put-replication", "photos", "replication.json"]).status == 0)
        try h.write("specs/manifests/photos.csv", "photos,2024/a.jpg,null\nphotos,raw/b.jpg,null\n")
        let spec = CLIHarness.spec(name: "copy-logs")
            .replacingOccurrences(
                of: "csv: { file: manifests/m.csv, fields: [Bucket, Key] }",
                with: "csv: { file: manifests/photos.csv, fields: [Bucket, Key, VersionId] }"
            )
            .replacingOccurrences(
                of: "    copy:\n      destination: arn:aws:s3:::dst\n      storageClass: STANDARD_IA\n",
                with: "    replicate: {}\n")
        try h.write("specs/copy-logs.yaml", spec)
        let at = BucketSettingsPlanTests.at(spec, "csv:", "manifests/photos.csv")
        let expected =
            "1 of the manifest's 2 objects in photos fall under no enabled replication rule of photos"

        let plan = try h.run(["plan"])
        #expect(plan.status == 0, "a warning does not stop the plan: \(plan.stderr)")
        let warning = BucketSettingsPlanTests.line(plan.stderr, containing: expected)
        #expect(warning.hasPrefix(at + " warning:"), "\(plan.stderr)")
        let explain = try h.run(["plan", "--explain", "copy-logs"])
        #expect(
            explain.stdout.contains("2 manifest object(s) in photos: 1 under no enabled replication rule"),
            "\(explain.stdout)")

        let (copy, emulator) = try h.onTheEmulator()
        let remote = try copy.run(["plan"], environment: emulator.environment)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(
            BucketSettingsPlanTests.line(remote.stderr, containing: expected).hasPrefix(at + " warning:"),
            "\(remote.stderr)")

        try h.write("replication.json", Self.replication(""))
        #expect(try h.run(["local", "put-replication", "photos", "replication.json"]).status == 0)
        let fixed = try h.run(["plan"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(!fixed.stderr.contains("replication rule"), "\(fixed.stderr)")
        let remoteFixed = try copy.run(["plan"], environment: emulator.environment)
        #expect(!remoteFixed.stderr.contains("replication rule"), "\(remoteFixed.stderr)")
    }
}
