import BopsAWSModel
import BopsJobs
import BopsState
import Foundation
import Testing

@testable import BopsAWS

/// The S3 state backend over real HTTP against moto's S3, which implements `If-None-Match` and
/// `If-Match` on PutObject with S3's 412.
@Suite(.enabled(if: Moto.available, Moto.skipMessage), .tags(.process))
struct StateOverMotoTests {
    @Test func conditionalWritesAnswerAsS3Does() async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let bucket = MotoFixture.uniqueBucket("cond")
        try await moto.createBucket(bucket)
        let client = S3ConditionalClient(engine: moto.engine)
        let first = try await client.put(
            bucket: bucket, key: "k", body: Array("one".utf8), condition: .absent)
        await #expect(throws: ConditionalStoreError.preconditionFailed) {
            try await client.put(bucket: bucket, key: "k", body: Array("two".utf8), condition: .absent)
        }
        let second = try await client.put(
            bucket: bucket, key: "k", body: Array("two".utf8), condition: .matches(first))
        await #expect(throws: ConditionalStoreError.preconditionFailed) {
            try await client.put(
                bucket: bucket, key: "k", body: Array("three".utf8), condition: .matches(first))
        }
        #expect(
            try await client.get(bucket: bucket, key: "k")
                == StoredObject(body: Array("two".utf8), eTag: second))
        #expect(try await client.get(bucket: bucket, key: "missing") == nil)
        try await client.delete(bucket: bucket, key: "k", ifMatch: second)
        #expect(try await client.get(bucket: bucket, key: "k") == nil)
        try await client.delete(bucket: bucket, key: "never-there", ifMatch: nil)
    }

    @Test func theStateBackendLocksSavesAndWarnsAboutVersioning() async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let bucket = MotoFixture.uniqueBucket("state")
        try await moto.createBucket(bucket)
        let store = S3StateStore(
            bucket: bucket, key: "bops/state.json", objects: S3ConditionalClient(engine: moto.engine))
        #expect(await store.advisories().first?.contains("has no versioning") == true)
        try await moto.enableVersioning(bucket)
        #expect(await store.advisories().isEmpty)
        let info = LockInfo(operation: "apply", path: store.location, version: "9.9.9")
        let saved = try await store.withLock(info, timeout: .zero) { locked in
            let (state, _) = try await locked.update {
                $0.jobs = [:]; $0.lineage = "moto"
            }
            await #expect(throws: StateError.locked(path: store.location, holder: locked.lock)) {
                _ = try await store.lock(
                    LockInfo(operation: "plan", path: store.location, version: "9.9.9"), timeout: .zero)
            }
            return state
        }
        #expect(saved.serial == 1)
        #expect(try await store.currentLock() == nil, "the lock object is deleted on release")
        let other = S3StateStore(
            bucket: bucket, key: "bops/state.json", objects: S3ConditionalClient(engine: moto.engine))
        #expect(try await other.load() == saved)
    }
}
