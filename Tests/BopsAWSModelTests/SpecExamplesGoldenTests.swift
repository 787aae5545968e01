import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import BopsPlan
import BopsProject
import BopsSpec
import BopsTestSupport
import Foundation
import Testing

/// Every example in specs/ goes the whole way a user's spec goes (load, resolve against a local store,
/// plan) and the CreateJob request it yields is serialised by us and by botocore: same bytes.
@Suite(
    .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
    .tags(.process))
struct SpecExamplesGoldenTests {
    static func requestsFromExamples() async throws -> [(String, CreateJobRequest)] {
        let root = BotocoreOracle.repositoryRoot.path
        let folder = root + "/specs"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".yaml")
        }.sorted()
        let inputs = try files.map { name -> (path: String, bytes: [UInt8]) in
            let path = folder + "/" + name
            return (path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        let loaded = SpecLoader.load(inputs)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let engineRoot = try TempFolder(prefix: "bops-golden")
        let engine = try LocalEngine(root: engineRoot.path)
        defer { withExtendedLifetime(engineRoot) {} }
        // The buckets the examples name, as plan-time checks want them: the report bucket, an Object
        // Lock destination, versioned replication sources with a rule into a versioned bucket.
        let store = engine.store
        try store.createBucket("reports-111122223333")
        try store.createBucket("dr-111122223333", versioning: .enabled)
        try store.createBucket("archive-111122223333", objectLock: true)
        let rule = ReplicationRule(
            status: .enabled, destination: ReplicationDestination(bucket: "arn:aws:s3:::dr-111122223333"))
        for source in ["photos-111122223333", "contracts-111122223333"] {
            try store.createBucket(source, versioning: .enabled)
            try store.putBucketReplication(
                source, ReplicationConfiguration(role: "arn:aws:iam::111122223333:role/r", rules: [rule]))
        }
        // The inventory example reads its manifest.json's ETag from the store.
        for spec in loaded.specs {
            if case .inventory(let inventory) = spec.spec.manifest {
                if try engine.store.bucketInfo(inventory.location.bucket) == nil {
                    try engine.store.createBucket(inventory.location.bucket)
                }
                _ = try await engine.putObject(
                    bucket: inventory.location.bucket, key: inventory.location.key, body: Array("{}".utf8),
                    contentType: "application/json")
            }
        }
        let config = ProjectConfig(root: root)
        let builder = DesiredJobs(
            config: config, objects: engine, defaultAccount: "111122223333", defaultRegion: "us-east-1")
        let (desired, diagnostics) = await builder.build(loaded.specs, recorded: nil)
        #expect(!diagnostics.hasErrors, "\(diagnostics.items.map(\.summary))")
        let plan = Planner.plan(desired: desired, recorded: nil, observed: [:])
        // A request whose manifest is not known yet (a report of a job that does not exist) is not
        // one CreateJob could take; it is sent once the manifest is made.
        return plan.actions.compactMap { a in
            a.request.flatMap { $0.manifest == nil && $0.manifestGenerator == nil ? nil : (a.name, $0) }
        }
    }

    @Test func everyExampleSerialisesLikeBotocore() async throws {
        let requests = try await Self.requestsFromExamples()
        #expect(requests.count == 14)
        let cases = requests.map { GoldenCases.createJob("spec " + $0.0, $0.1) }
        let sent = try BotocoreOracle.serialise(cases.map(\.oracleCase))
        for (golden, result) in zip(cases, sent) {
            let theirs = try result.get()
            #expect(golden.ours.method == theirs.method)
            #expect(golden.ours.path == theirs.path)
            #expect(
                golden.ours.body == theirs.body,
                "\(golden.name) body differs:\nours:     \(String(decoding: golden.ours.body, as: UTF8.self))\nbotocore: \(String(decoding: theirs.body, as: UTF8.self))"
            )
            let header = theirs.headers["x-amz-account-id"]
            #expect(golden.ours.header("x-amz-account-id") == header)
        }
    }
}
