import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsSpec
import BopsTestSupport
import FoundationEssentials
import Testing

@testable import BopsProject

/// A Replicate job over an S3 Inventory report: the inventory configuration that wrote the report
/// must list every version (`IncludedObjectVersions: All`), else an error at the manifest's
/// location; a configuration bops cannot find or read is a warning that the check was not made.
@Suite("the inventory configuration of a Replicate job lists every version")
struct InventoryVersionsCheckTests {
    static let date = Date(timeIntervalSince1970: 1_796_086_800)  // 2026-12-01T01:00:00Z

    /// The spec: the location's value is at line 9, column 17.
    static func spec(key: String, acknowledge: Bool = false) -> String {
        """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: replicate-photos
        spec:
          roleArn: arn:aws:iam::111122223333:role/r
          manifest:
            inventory:
              location: s3://inv/\(key)
          operation:
            replicate: {}
          report: { bucket: "arn:aws:s3:::reports", scope: all }
        \(acknowledge ? "  acknowledge: { inventoryVersions: \"the bucket was never versioned\" }\n" : "")
        """
    }

    static func configuration(
        _ versions: InventoryConfiguration.IncludedVersions, id: String = "daily",
        prefix: String? = "inventory"
    ) -> InventoryConfiguration {
        InventoryConfiguration(
            id: id, includedObjectVersions: versions, destinationBucket: "arn:aws:s3:::inv",
            destinationPrefix: prefix)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The delivery's folder in bucket `inv`.
        var folder = "inventory/photos/daily"
        var inventory: [InventoryConfiguration]
        var denied = false
        /// The expected finding: severity, a piece of its summary, a piece of its hint; `nil`: none.
        var expected: (severity: Severity, summary: String, hint: String)?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "the configuration named by the key lists current versions",
            inventory: [configuration(.current)],
            expected: (
                .error,
                "the S3 Inventory configuration daily of photos lists only current versions (IncludedObjectVersions: Current)",
                "set IncludedObjectVersions to All in the inventory configuration daily of photos"
            )),
        Case(name: "the configuration lists every version", inventory: [configuration(.all)], expected: nil),
        Case(
            name: "another configuration of the bucket lists current versions",
            inventory: [configuration(.current, id: "weekly"), configuration(.all)], expected: nil),
        Case(
            name: "a report whose key names no configuration, matched by its destination",
            folder: "copied/photos-report", inventory: [configuration(.current, prefix: "copied")],
            expected: (.error, "configuration daily of photos lists only current versions", "All")),
        Case(
            name: "no configuration delivers the report", inventory: [configuration(.all, id: "weekly")],
            expected: (
                .warning, "lists every version was not checked: it matches no single inventory configuration",
                "IncludedObjectVersions All"
            )),
        Case(
            name: "the configuration cannot be read", inventory: [configuration(.current)], denied: true,
            expected: (
                .warning, "the inventory configuration of bucket photos was not checked",
                "allow the caller s3:GetInventoryConfiguration on arn:aws:s3:::photos"
            )),
    ]

    /// The store: bucket `photos` with `inventory`, a delivery of one versioned row into `inv`, the
    /// report bucket.
    static func store(
        _ c: Case, versioning: VersioningStatus? = .enabled
    ) throws -> (MemoryObjectStore, key: String) {
        let store = MemoryObjectStore()
        store.make("photos", versioning: versioning, replication: true)
        store.configure("photos") {
            $0.inventory = c.inventory
            $0.settingsDenied = c.denied
        }
        store.make("inv")
        store.make("reports")
        store.make("dr", versioning: .enabled)
        let delivery = try InventoryDelivery.objects(
            rows: [ManifestRow(bucket: "photos", key: "a.jpg", versionId: "v1")], sourceBucket: "photos",
            destinationBucket: "inv", prefix: c.folder, date: date)
        for object in delivery {
            store.put(bucket: "inv", key: object.key, bytes: object.body)
        }
        return (store, delivery.first { $0.key.hasSuffix("manifest.json") }?.key ?? "")
    }

    static func findings(
        _ c: Case, acknowledge: Bool = false, versioning: VersioningStatus? = .enabled
    ) async throws -> (Diagnostics, String) {
        let temp = try TempFolder(prefix: "bops-inventory")
        let file = temp.path + "/replicate-photos.yaml"
        let (store, key) = try Self.store(c, versioning: versioning)
        let text = Self.spec(key: key, acknowledge: acknowledge)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: text, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let log = CheckLog()
        var desired = DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1")
        desired.checkLog = log
        let found = await desired.build(loaded.specs, recorded: nil).diagnostics
        let records = log.records(of: "replicate-photos").filter { $0.check == .inventoryVersions }
        #expect(records.count == 1, "one record of the check: \(records)")
        return (found, file)
    }

    @Test(arguments: cases)
    func theConfigurationIsCheckedAtTheManifestsLocation(_ c: Case) async throws {
        let (found, file) = try await Self.findings(c)
        guard let expected = c.expected else {
            #expect(found.items.isEmpty, "\(found.items.map(\.summary))")
            return
        }
        try #require(found.count == 1, "this finding alone: \(found.items.map(\.summary))")
        let d = found.items[0]
        #expect(d.severity == expected.severity, "\(d.summary)")
        #expect(d.summary.contains(expected.summary), "\(d.summary)")
        #expect(d.hint?.contains(expected.hint) == true, "\(d.hint ?? "no hint")")
        #expect(d.range?.file == file)
        #expect(d.range?.start == Mark(line: 9, column: 17), "\(d.range?.start.description ?? "nowhere")")
        #expect(d.pointer == "/spec/manifest/inventory/location")
    }

    /// The report at a literal location names its source bucket only in its manifest.json: that
    /// bucket is the replication source checked, at the location.
    @Test func theSourceOfAReportAtALocationIsCheckedForVersioning() async throws {
        let (found, file) = try await Self.findings(Self.cases[1], versioning: nil)
        let error = try #require(
            found.items.first {
                $0.summary.contains("versioning is not enabled on replication source bucket photos")
            },
            "\(found.items.map(\.summary))")
        #expect(error.range?.file == file)
        #expect(
            error.range?.start == Mark(line: 9, column: 17), "\(error.range?.start.description ?? "nowhere")")
    }

    @Test func anAcknowledgedCheckIsNotMade() async throws {
        let (found, _) = try await Self.findings(Self.cases[0], acknowledge: true)
        #expect(!found.items.contains { $0.summary.contains("lists only current versions") })
        #expect(
            found.items.contains {
                $0.severity == .note && $0.summary.contains("plan-time check inventoryVersions skipped")
            }, "\(found.items.map(\.summary))")
    }

    /// The key layout `[<prefix>/]<source-bucket>/<config-id>/<date>/manifest.json`.
    @Test(
        arguments: [
            ("inventory/photos/daily/2026-12-01T01-00Z/manifest.json", "inventory", "daily"),
            ("a/b/photos/weekly/2026-12-01T01-00Z/manifest.json", "a/b", "weekly"),
            ("photos/daily/2026-12-01T01-00Z/manifest.json", nil, "daily"),
            ("inventory/other/daily/2026-12-01T01-00Z/manifest.json", "-", "-"),
            ("inventory/photos/daily/latest/manifest.json", "-", "-"),
            ("photos/daily/manifest.json", "-", "-"),
        ] as [(String, String?, String)])
    func theConfigurationIsReadFromTheKey(_ key: String, _ prefix: String?, _ id: String) {
        let read = InventoryDelivery.configuration(ofManifestKey: key, sourceBucket: "photos")
        if id == "-" {
            #expect(read == nil, "\(key)")
        } else {
            #expect(read?.prefix == prefix && read?.id == id, "\(key): \(String(describing: read))")
        }
    }
}
