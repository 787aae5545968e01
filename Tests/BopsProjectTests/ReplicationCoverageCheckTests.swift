import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsSpec
import BopsTestSupport
import FoundationEssentials
import Testing

@testable import BopsProject

/// A Replicate job's manifest objects that no enabled replication rule takes are not replicated:
/// a warning at the manifest with their count, exact or estimated from the sizing's sample; objects
/// only rules with tag filters could take are counted apart (their tags are not known).
@Suite("the objects of a Replicate manifest outside every replication rule")
struct ReplicationCoverageCheckTests {
    /// The manifest's file is at line 8, column 18.
    static let spec = """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: replicate-photos
        spec:
          roleArn: arn:aws:iam::111122223333:role/r
          manifest:
            csv: { file: m.csv, fields: [Bucket, Key, VersionId] }
          operation:
            replicate: {}
          report: { bucket: "arn:aws:s3:::reports", scope: all }

        """

    static func rule(
        _ id: String, prefix: String? = nil, tags: [S3Tag] = [], status: ReplicationRuleStatus = .enabled
    ) -> ReplicationRule {
        let filter =
            tags.isEmpty
            ? ReplicationRuleFilter(prefix: prefix)
            : ReplicationRuleFilter(and: ReplicationRuleAndOperator(prefix: prefix, tags: tags))
        return ReplicationRule(
            id: id, status: status, filter: filter,
            destination: ReplicationDestination(bucket: "arn:aws:s3:::dr"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var keys: [String]
        var rules: [ReplicationRule]
        var headLimit = 1000
        /// Pieces of the warning's summary; empty: no warning.
        var expected: [String]
        /// The record's observation: objects, outside, by tags, sample.
        var observed: (objects: Int, outside: Int, byTags: Int, sample: Int?)

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "an object outside the only rule's prefix", keys: ["logs/a", "logs/b", "img/c"],
            rules: [rule("logs", prefix: "logs/")],
            expected: [
                "1 of the manifest's 3 objects in photos fall under no enabled replication rule of photos"
            ],
            observed: (3, 1, 0, nil)),
        Case(
            name: "every object under a rule", keys: ["logs/a", "img/c"],
            rules: [rule("logs", prefix: "logs/"), rule("img", prefix: "img/")], expected: [],
            observed: (2, 0, 0, nil)),
        Case(
            name: "a disabled rule takes nothing", keys: ["logs/a", "img/c"],
            rules: [rule("logs", prefix: "logs/", status: .disabled), rule("img", prefix: "img/")],
            expected: ["1 of the manifest's 2 objects in photos"], observed: (2, 1, 0, nil)),
        Case(
            name: "objects only a tag rule could take are counted apart",
            keys: ["logs/a", "img/b", "img/c", "tmp/d"],
            rules: [
                rule("logs", prefix: "logs/"),
                rule("hot", prefix: "img/", tags: [S3Tag(key: "tier", value: "hot")]),
            ],
            expected: [
                "1 of the manifest's 4 objects in photos",
                "2 more fall only under rules with tag filters, whose tags are not known at plan time",
            ], observed: (4, 1, 2, nil)),
        Case(
            name: "a tag rule alone is not a guess", keys: ["a", "b"],
            rules: [rule("hot", tags: [S3Tag(key: "tier", value: "hot")])], expected: [],
            observed: (2, 0, 2, nil)),
        Case(
            name: "a large manifest is estimated from the sample", keys: (0..<100).map { "tmp/\($0)" },
            rules: [rule("logs", prefix: "logs/")], headLimit: 10,
            expected: [
                "about 100 of the manifest's 100 objects in photos",
                "(estimated from a sample of 10 of the manifest's 100 rows)",
            ], observed: (100, 100, 0, 10)),
    ]

    @Test(arguments: cases)
    func theObjectsOutsideEveryRuleAreCountedAtTheManifest(_ c: Case) async throws {
        let temp = try TempFolder()
        let file = temp.path + "/replicate-photos.yaml"
        try Self.spec.write(toFile: file, atomically: true, encoding: .utf8)
        try c.keys.map { "photos,\($0),v1\n" }.joined().write(
            toFile: temp.path + "/m.csv", atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: Self.spec, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        store.make("photos", versioning: .enabled, replication: true)
        store.configure("photos") {
            $0.replication = ReplicationConfiguration(
                role: "arn:aws:iam::111122223333:role/rep", rules: c.rules)
        }
        store.make("dr", versioning: .enabled)
        store.make("reports")
        var config = ProjectConfig(root: temp.path)
        config.review.headLimit = c.headLimit
        let log = CheckLog()
        var desired = DesiredJobs(
            config: config, objects: store, defaultAccount: "111122223333", defaultRegion: "us-east-1")
        desired.checkLog = log
        let found = await desired.build(loaded.specs, recorded: nil).diagnostics
        let record = log.records(of: "replicate-photos").first { $0.check == .replicationCoverage }
        #expect(
            record?.observed
                == [
                    .replicationCoverage(
                        bucket: "photos", objects: c.observed.objects, outside: c.observed.outside,
                        byTags: c.observed.byTags, sample: c.observed.sample)
                ], "\(String(describing: record))")
        guard !c.expected.isEmpty else {
            #expect(found.items.isEmpty, "\(found.items.map(\.summary))")
            #expect(record?.verdict == .passed)
            return
        }
        try #require(found.count == 1, "this finding alone: \(found.items.map(\.summary))")
        let d = found.items[0]
        #expect(d.severity == .warning)
        for piece in c.expected { #expect(d.summary.contains(piece), "\(d.summary)") }
        #expect(d.hint?.contains("add a replication rule whose filter takes them") == true, "\(d.hint ?? "")")
        #expect(d.range?.file == file)
        #expect(d.range?.start == Mark(line: 8, column: 18), "\(d.range?.start.description ?? "nowhere")")
        #expect(d.pointer == "/spec/manifest/csv/file")
    }

    /// An inventory report's rows are read from its data files: the warning is at its location.
    @Test func anInventoryReportsObjectsAreCountedAtItsLocation() async throws {
        let temp = try TempFolder()
        let store = MemoryObjectStore()
        store.make("photos", versioning: .enabled, replication: true)
        store.configure("photos") {
            $0.replication = ReplicationConfiguration(
                role: "arn:aws:iam::111122223333:role/rep", rules: [Self.rule("logs", prefix: "logs/")])
            $0.inventory = [InventoryVersionsCheckTests.configuration(.all)]
        }
        store.make("dr", versioning: .enabled)
        store.make("reports")
        store.make("inv")
        let delivery = try InventoryDelivery.objects(
            rows: ["logs/a", "img/b", "img/c"].map {
                ManifestRow(bucket: "photos", key: $0, versionId: "v1")
            },
            sourceBucket: "photos", destinationBucket: "inv", prefix: "inventory/photos/daily",
            date: InventoryVersionsCheckTests.date)
        for object in delivery { store.put(bucket: "inv", key: object.key, bytes: object.body) }
        let key = try #require(delivery.first { $0.key.hasSuffix("manifest.json") }?.key)
        let text = InventoryVersionsCheckTests.spec(key: key)
        let file = temp.path + "/replicate-photos.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: text, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let found = await DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1"
        ).build(loaded.specs, recorded: nil).diagnostics
        try #require(found.count == 1, "this finding alone: \(found.items.map(\.summary))")
        let d = found.items[0]
        #expect(
            d.summary.contains(
                "2 of the manifest's 3 objects in photos fall under no enabled replication rule"))
        #expect(d.range?.start == Mark(line: 9, column: 17), "\(d.range?.start.description ?? "nowhere")")
        #expect(d.pointer == "/spec/manifest/inventory/location")
    }

    @Test func anAcknowledgedCheckIsNotMade() async throws {
        let temp = try TempFolder()
        let text = Self.spec.replacingOccurrences(
            of: "  operation:",
            with: "  acknowledge: { replicationCoverage: \"tmp/ is scratch\" }\n  operation:")
        let file = temp.path + "/replicate-photos.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try "photos,tmp/a,v1\n".write(toFile: temp.path + "/m.csv", atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: text, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        store.make("photos", versioning: .enabled, replication: true)
        store.configure("photos") {
            $0.replication = ReplicationConfiguration(
                role: "arn:aws:iam::111122223333:role/rep", rules: [Self.rule("logs", prefix: "logs/")])
        }
        store.make("dr", versioning: .enabled)
        store.make("reports")
        let found = await DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1"
        ).build(loaded.specs, recorded: nil).diagnostics
        #expect(
            !found.items.contains { $0.summary.contains("replication rule") }, "\(found.items.map(\.summary))"
        )
        #expect(
            found.items.contains {
                $0.summary.contains("plan-time check replicationCoverage skipped: tmp/ is scratch")
            })
    }
}
