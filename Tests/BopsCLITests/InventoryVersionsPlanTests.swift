import BopsTestSupport
import FoundationEssentials
import Testing

/// `bops plan` on the local engine, Replicate over the latest S3 Inventory report: the inventory
/// configuration set with `bops local put-bucket-config --inventory` must list every version, else
/// an error at the inventory's prefix with the command that fixes it; `--explain` shows the check.
@Suite(
    "the inventory of a Replicate job lists every version, on the local engine", .serialized, .tags(.process))
struct InventoryVersionsPlanTests {
    static let spec = """
        apiVersion: bops/v1
        kind: BatchJob
        metadata: { name: replicate-photos }
        spec:
          roleArn: arn:aws:iam::111122223333:role/batch
          confirmationRequired: false
          manifest:
            inventory:
              bucket: "arn:aws:s3:::inv"
              prefix: inventory/photos/daily
              latest: true
          operation: { replicate: {} }
          report: { bucket: "arn:aws:s3:::reports", scope: all }

        """

    static func configuration(_ versions: String) -> String {
        #"{"Id": "daily", "IsEnabled": true, "IncludedObjectVersions": "\#(versions)", "#
            + #""Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::inv", "Format": "CSV", "#
            + #""Prefix": "inventory"}}, "Schedule": {"Frequency": "Daily"}}"#
    }

    /// Bucket `photos` (versioned, replicating into `photos-dr`) with one object, a delivery of its
    /// inventory into `inv`, the report bucket.
    static func project() throws -> CLIHarness {
        let h = try CLIHarness()
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
        )
        try h.write("data/photos/a.jpg", "jpeg")
        #expect(try h.run(["local", "seed", "photos", "data/photos", "--versioning"]).status == 0)
        #expect(try h.run(["local", "mb", "photos-dr", "--versioning"]).status == 0)
        #expect(try h.run(["local", "mb", "inv"]).status == 0)
        #expect(try h.run(["local", "mb", "reports"]).status == 0)
        try h.write(
            "replication.json",
            #"{"Role": "arn:aws:iam::111122223333:role/replication", "Rules": [{"ID": "to-dr", "#
                + #""Status": "Enabled", "Priority": 1, "Filter": {"Prefix": ""}, "#
                + #""Destination": {"Bucket": "arn:aws:s3:::photos-dr"}}]}"#)
        let replication = try h.run(["local", "put-replication", "photos", "replication.json"])
        #expect(replication.status == 0, "\(replication.stderr)")
        try h.write("rows.csv", "photos,a.jpg,v1\n")
        let put = try h.run([
            "local", "put-inventory", "inv", "inventory/photos/daily", "--from", "rows.csv", "--date",
            "2026-12-01T01:00:00Z",
        ])
        #expect(put.status == 0, "\(put.stderr)")
        try h.write("specs/replicate-photos.yaml", spec)
        return h
    }

    @Test func aConfigurationOfCurrentVersionsIsAnErrorAtThePrefixUntilItListsAll() throws {
        let h = try Self.project()
        try h.write("inventory.json", Self.configuration("Current"))
        let set = try h.run(["local", "put-bucket-config", "photos", "--inventory", "inventory.json"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("inventory daily (Current versions)"), "\(set.stdout)")

        let plan = try h.run(["plan"])
        #expect(plan.status == 1, "\(plan.stdout)\(plan.stderr)")
        let error =
            plan.stderr.split(separator: "\n").first { $0.contains("lists only current versions") }.map(
                String.init) ?? ""
        #expect(error.hasPrefix("specs/replicate-photos.yaml:10:15: error:"), "\(plan.stderr)")
        #expect(error.contains("the S3 Inventory configuration daily of photos"), "\(error)")
        #expect(
            plan.stderr.contains("bops local put-bucket-config photos --inventory inventory.json"),
            "\(plan.stderr)")

        let explain = try h.run(["plan", "--explain", "replicate-photos"])
        #expect(
            explain.stdout.contains(
                "inventory configuration daily of photos lists current versions only (IncludedObjectVersions Current)"
            ), "\(explain.stdout)\(explain.stderr)")

        try h.write("inventory.json", Self.configuration("All"))
        #expect(
            try h.run(["local", "put-bucket-config", "photos", "--inventory", "inventory.json"]).status == 0)
        let fixed = try h.run(["plan"])
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(!fixed.stderr.contains("versions"), "\(fixed.stderr)")
        let clean = try h.run(["plan", "--explain", "replicate-photos"])
        #expect(
            clean.stdout.contains("inventory configuration daily of photos lists every version"),
            "\(clean.stdout)")

        #expect(
            try h.run(["local", "put-bucket-config", "photos", "--delete-inventory", "daily"]).status == 0)
        let gone = try h.run(["plan"])
        #expect(gone.status == 0, "a warning does not stop the plan: \(gone.stderr)")
        #expect(gone.stderr.contains("lists every version was not checked"), "\(gone.stderr)")
    }

    @Test func aMalformedConfigurationFileIsRefused() throws {
        let h = try Self.project()
        try h.write(
            "inventory.json", #"{"Id": "daily", "IsEnabled": true, "IncludedObjectVersions": "Some"}"#)
        let set = try h.run(["local", "put-bucket-config", "photos", "--inventory", "inventory.json"])
        #expect(set.status == 1)
        #expect(
            set.stderr.contains("not an inventory configuration: Destination is missing"), "\(set.stderr)")
    }
}
