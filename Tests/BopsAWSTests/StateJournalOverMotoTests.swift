import BopsJobs
import BopsState
import Foundation
import Testing

@testable import BopsAWS

/// The S3 state backend's journal against moto's S3: segments created with `If-None-Match: *`, a
/// second create of a segment refused with 412, ListObjectsV2 by prefix, and the fold.
@Suite(.enabled(if: Moto.available, Moto.skipMessage), .tags(.process))
struct StateJournalOverMotoTests {
    static func record(_ name: String, priority: Int = 1) -> JobRecord {
        JobRecord(
            name: name, digest: "d", generation: 0, rerun: 0, accountId: "123456789012", region: "us-east-1",
            clientToken: "t-\(name)", priority: priority, tags: [:])
    }

    @Test func setsAreSegmentsListedBackAndFolded() async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let bucket = MotoFixture.uniqueBucket("journal")
        try await moto.createBucket(bucket)
        let client = S3ConditionalClient(engine: moto.engine)
        func store() -> S3StateStore { S3StateStore(bucket: bucket, key: "bops/state.json", objects: client) }
        let prefix = "bops/state.json.journal/"
        let lock = LockInfo(operation: "apply", path: "s3://\(bucket)/bops/state.json", version: "9.9.9")
        let base = try await store().withLock(lock, timeout: .zero) { locked in
            try await locked.update { $0.jobs["a"] = Self.record("a") }.state
        }
        let crashed = try await store().withLock(lock, timeout: .zero) { locked in
            let writer = StateWriter(locked, from: try await locked.load())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<12 { group.addTask { try await writer.set(Self.record("j\(i)"), for: "j\(i)") } }
                try await group.waitForAll()
            }
            try await writer.set(nil, for: "a")
            return await writer.state
        }
        let segments = try await client.list(bucket: bucket, prefix: prefix)
        #expect(!segments.isEmpty && segments.count <= 13)
        let first = try #require(segments.first)
        let body = try #require(try await client.get(bucket: bucket, key: first.key)).body
        await #expect(throws: ConditionalStoreError.preconditionFailed, "a segment is written once") {
            try await client.put(bucket: bucket, key: first.key, body: body, condition: .absent)
        }
        let loaded = try #require(try await store().load())
        #expect(loaded == crashed)
        #expect(loaded.serial == base.serial + 13)
        #expect(loaded.jobs["a"] == nil && loaded.jobs.count == 12)
        let finished = try await store().withLock(lock, timeout: .zero) { locked in
            try await StateWriter(locked, from: try await locked.load()).finish()
        }
        #expect(finished == loaded)
        #expect(try await client.list(bucket: bucket, prefix: prefix).isEmpty)
        #expect(try await store().load() == finished)
    }
}
