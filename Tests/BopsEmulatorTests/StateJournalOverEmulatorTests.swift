import BopsAWS
import BopsEmulator
import BopsJobs
import BopsState
import BopsTestSupport
import Foundation
import Testing

/// The S3 state backend's journal over real HTTP, SigV4 signed and verified, against `bops
/// emulator`: segments created with `If-None-Match: *`, listed back with ListObjectsV2 by a load of
/// another process, and removed by the fold.
@Suite("state journal over bops emulator", .tags(.process))
struct StateJournalOverEmulatorTests {
    static func record(_ name: String, priority: Int = 1) -> JobRecord {
        JobRecord(
            name: name, digest: "d", generation: 0, rerun: 0, accountId: "111122223333", region: "us-east-1",
            clientToken: "t-\(name)", priority: priority, tags: ["team": "data"])
    }

    @Test func setsAreSegmentsThatAnotherProcessLoadsAndTheFoldRemoves() async throws {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        let server = try EmulatorServer(
            configuration: .init(dataDir: dir.path, credentials: ["AKIDJOURNAL": "journal-secret"]))
        try server.engine.store.createBucket("team-state", versioning: .enabled)
        let running = try await server.start()
        let engine = try AWSEngine(
            AWSEngineConfiguration(
                region: "us-east-1",
                environment: AWSEnvironment([
                    "AWS_ENDPOINT_URL": running.endpoint.url, "AWS_ACCESS_KEY_ID": "AKIDJOURNAL",
                    "AWS_SECRET_ACCESS_KEY": "journal-secret", "AWS_EC2_METADATA_DISABLED": "true",
                    "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                ])))
        let client = S3ConditionalClient(engine: engine)
        func store() -> S3StateStore {
            S3StateStore(bucket: "team-state", key: "bops/state.json", objects: client)
        }
        let prefix = "bops/state.json.journal/"
        let lock = LockInfo(operation: "apply", path: "s3://team-state/bops/state.json", version: "9.9.9")
        let names = (0..<40).map { "job-\($0)" }

        // A first apply that dies before its fold: no document, only segments.
        let crashed = try await store().withLock(lock, timeout: .zero) { locked in
            let writer = StateWriter(locked, from: try await locked.load())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in names { group.addTask { try await writer.set(Self.record(name), for: name) } }
                try await group.waitForAll()
            }
            try await writer.set(nil, for: "job-0")
            let segments = try await client.list(bucket: "team-state", prefix: prefix)
            #expect(segments.count == (await writer.statistics.segments))
            #expect(segments.count < names.count + 1, "concurrent sets share segments")
            return await writer.state
        }
        #expect(try await client.get(bucket: "team-state", key: "bops/state.json") == nil)
        let loaded = try #require(try await store().load())
        #expect(loaded == crashed)
        #expect(loaded.serial == names.count + 1)
        #expect(loaded.jobs.count == names.count - 1)

        // The next apply continues the journal and folds it.
        let finished = try await store().withLock(lock, timeout: .zero) { locked in
            let writer = StateWriter(locked, from: try await locked.load())
            try await writer.set(Self.record("job-1", priority: 5), for: "job-1")
            return try await writer.finish()
        }
        #expect(finished.serial == loaded.serial + 1)
        #expect(try await client.list(bucket: "team-state", prefix: prefix).isEmpty)
        #expect(try await store().load() == finished)
        #expect(finished.jobs["job-1"]?.priority == 5)
        try await engine.shutdown()
        await running.stop()
    }
}
