import BopsJobs
import BopsTestSupport
import Foundation
import Testing

@testable import BopsState

func s3Store(_ objects: InMemoryObjectStore, attempts: Int = 8) -> S3StateStore {
    S3StateStore(
        bucket: "team-state", key: "bops/prod/state.json", objects: objects, attempts: attempts,
        firstPause: .milliseconds(1))
}

func record(_ name: String, priority: Int = 1) -> JobRecord {
    JobRecord(
        name: name, digest: "d", generation: 0, rerun: 0, accountId: "1", region: nil, clientToken: "t",
        priority: priority, tags: [:])
}

@Suite("s3 state store")
struct S3StateStoreTests {
    let key = "bops/prod/state.json"
    let lockKey = "bops/prod/state.json.lock"

    @Test func theFirstSaveCreatesAndEveryLaterSaveSwapsOnTheETagItRead() async throws {
        let objects = InMemoryObjectStore()
        let store = s3Store(objects)
        let first = try await change(store) { $0.jobs["a"] = record("a") }
        let firstETag = try #require(objects.object(key)?.eTag)
        let second = try await change(store) { $0.jobs["a"] = record("a", priority: 2) }
        #expect(first.serial == 1 && second.serial == 2)
        let puts = objects.calls.filter { $0.operation == .put && $0.key == key }.map(\.condition)
        #expect(puts == ["If-None-Match: *", "If-Match: \(firstETag)"])
        #expect(try await store.load() == second)
        #expect(objects.object(lockKey) == nil, "the lock is released")
        let lockPuts = objects.calls.filter { $0.operation == .put && $0.key == lockKey }.map(\.condition)
        #expect(lockPuts == ["If-None-Match: *", "If-None-Match: *"], "the lock is created only when absent")
        let deletes = objects.calls.filter { $0.operation == .delete }.compactMap(\.condition)
        #expect(deletes.count == 2 && deletes.allSatisfy { $0.hasPrefix("If-Match: \"") }, "\(deletes)")
    }

    /// A writer that skipped the lock (or whose lock was forced away) cannot overwrite a newer state.
    @Test func aSaveAfterSomeoneElsesSaveIsRefusedAndOverwritesNothing() async throws {
        let objects = InMemoryObjectStore()
        let store = s3Store(objects)
        try await change(store) { $0.jobs["a"] = record("a") }
        try await store.withLock(info(), timeout: .zero) { locked in
            var state = try #require(try await locked.load())
            // Another writer saves serial 2 behind our back.
            var theirs = state
            theirs.serial = 2
            theirs.jobs["theirs"] = record("theirs")
            objects.overwrite(key, try StateJSON.encode(theirs))
            state.jobs["ours"] = record("ours")
            await #expect(
                throws: StateError.changedSinceRead(
                    path: store.location, detail: "it now has serial 2 (saved by bops 9.9.9)")
            ) {
                try await locked.save(&state)
            }
            #expect(state.serial == 1, "the caller's state is left as it was")
        }
        let stored = try #require(try await store.load())
        #expect(stored.jobs.keys.sorted() == ["a", "theirs"], "their save stands")
    }

    /// OpenTofu issue 4405: the retried PUT of a lock whose first attempt landed gets 412; the lock
    /// carries our token, so it is ours.
    @Test func aRetriedLockCreateWhoseFirstAttemptLandedIsOurs() async throws {
        let objects = InMemoryObjectStore()
        objects.inject(.dropAfterActing, on: .put, keySuffix: ".lock")
        let store = s3Store(objects)
        let mine = info("apply")
        let held = try await store.lock(mine, timeout: .zero)
        #expect(held.info == mine)
        let stored = try StateJSON.decode(LockInfo.self, from: try #require(objects.object(lockKey)).body)
        #expect(stored.ownerToken == mine.ownerToken && stored.id == mine.id)
        await #expect(throws: StateError.locked(path: store.location, holder: mine)) {
            try await store.lock(info("plan"), timeout: .zero)
        }
        await held.unlock()
        #expect(objects.object(lockKey) == nil, "our own lock is released like any other")
    }

    @Test func aRetriedSaveWhoseFirstAttemptLandedIsNotAConflict() async throws {
        let objects = InMemoryObjectStore()
        let store = s3Store(objects)
        try await change(store) { $0.jobs["a"] = record("a") }
        objects.inject(.dropAfterActing, on: .put, keySuffix: "state.json")
        let saved = try await change(store) { $0.jobs["b"] = record("b") }
        #expect(saved.serial == 2)
        #expect(try await store.load() == saved)
        let third = try await change(store) { $0.jobs["c"] = record("c") }
        #expect(third.serial == 3, "the ETag of the landed save is the base of the next one")
    }

    @Test func conflictsAndUnavailableAnswersAreRetried() async throws {
        let objects = InMemoryObjectStore()
        for _ in 0..<3 { objects.inject(.conflict, on: .put, keySuffix: "state.json") }
        objects.inject(.conflict, on: .put, keySuffix: ".lock")
        objects.inject(.unavailable, on: .get, keySuffix: "state.json")
        objects.inject(.conflict, on: .delete, keySuffix: ".lock")
        let store = s3Store(objects)
        let saved = try await change(store) { $0.jobs["a"] = record("a") }
        #expect(saved.serial == 1)
        #expect(try await store.load() == saved)
        #expect(objects.object(lockKey) == nil, "a release answered 409 is retried")
    }

    /// A save that keeps failing leaves the previous state readable and says so.
    @Test func aFailedSaveLeavesThePreviousStateReadable() async throws {
        let objects = InMemoryObjectStore()
        let store = s3Store(objects, attempts: 3)
        let first = try await change(store) { $0.jobs["a"] = record("a") }
        for _ in 0..<3 { objects.inject(.unavailable, on: .put, keySuffix: "state.json") }
        await #expect(throws: StateError.self) { try await change(store) { $0.jobs["b"] = record("b") } }
        #expect(try await s3Store(objects).load() == first)
        #expect(objects.object(lockKey) == nil)
    }

    @Test func theSerialAndLineageChecksOfTerraform() async throws {
        let objects = InMemoryObjectStore()
        let store = s3Store(objects)
        let saved = try await change(store) { $0.jobs["a"] = record("a") }
        var older = saved
        older.jobs["x"] = record("x")
        await #expect(throws: StateError.serialNotNewer(path: store.location, found: 1, writing: 1)) {
            try await store.write(older, force: false)
        }
        var foreign = State(lineage: "other")
        foreign.serial = 9
        await #expect(
            throws: StateError.lineageMismatch(path: store.location, found: saved.lineage, writing: "other")
        ) {
            try await store.write(foreign, force: false)
        }
        #expect(try await store.load() == saved)
        let pushed = try await store.withLock(info(), timeout: .zero) {
            try await $0.push(foreign, force: true)
        }
        #expect(try await store.load() == pushed)
        #expect(pushed.lineage == "other" && pushed.serial == 9)
    }

    @Test func migrateRefusesAnUnrelatedStateUnlessForced() async throws {
        let objects = InMemoryObjectStore()
        let destination = s3Store(objects)
        let theirs = try await change(destination) { $0.jobs["theirs"] = record("theirs") }
        var ours = State(lineage: "ours-lineage")
        ours.serial = 4
        ours.jobs["ours"] = record("ours")
        await #expect(
            throws: StateError.lineageMismatch(
                path: destination.location, found: theirs.lineage, writing: "ours-lineage")
        ) {
            try await destination.withLock(info(), timeout: .zero) { try await $0.push(ours, force: false) }
        }
        #expect(try await destination.load() == theirs)
        let empty = s3Store(InMemoryObjectStore())
        let copied = try await empty.withLock(info(), timeout: .zero) {
            try await $0.push(ours, force: false)
        }
        #expect(copied.lineage == ours.lineage && copied.serial == 4 && copied.jobs == ours.jobs)
    }

    @Test func forceUnlockNeedsTheIdAndAForcedHolderDoesNotRemoveItsSuccessor() async throws {
        let objects = InMemoryObjectStore()
        let store = s3Store(objects)
        let hung = try await store.lock(info("apply"), timeout: .zero)
        #expect(try await store.currentLock() == hung.info)
        await #expect(throws: StateError.noSuchLock(path: store.location, id: "nope", holder: hung.info)) {
            try await store.forceUnlock(id: "nope")
        }
        try await store.forceUnlock(id: hung.info.id)
        let next = try await store.lock(info("plan"), timeout: .zero)
        await hung.unlock()
        #expect(try await store.currentLock() == next.info, "the old holder's release leaves the new lock")
        await next.unlock()
        #expect(try await store.currentLock() == nil)
    }

    @Test func aWaitingHolderGetsTheLockOnceItIsReleased() async throws {
        let objects = InMemoryObjectStore()
        let store = s3Store(objects)
        let first = try await store.lock(info("apply"), timeout: .zero)
        let waiter = Task { try await store.lock(info("plan"), timeout: .seconds(10)) }
        try await Task.sleep(for: .milliseconds(300))
        await first.unlock()
        let second = try await waiter.value
        #expect(second.info.operation == "plan")
        await second.unlock()
    }

    @Test(arguments: [VersioningStatus?.none, .suspended, .enabled])
    func aStateBucketWithoutVersioningIsWarnedAbout(_ status: VersioningStatus?) async throws {
        let advice = await s3Store(InMemoryObjectStore(versioning: status)).advisories()
        if status == .enabled {
            #expect(advice.isEmpty)
        } else {
            #expect(advice.count == 1)
            #expect(advice.first?.contains("put-bucket-versioning --bucket team-state") == true, "\(advice)")
        }
    }

    /// Many writers at once, each taking the lock (waiting for it) and adding one record, with
    /// conflicts and lost answers injected: every update is there, once.
    @Test(arguments: [UInt64(1), 2, 3])
    func concurrentWritersLoseNoUpdate(seed: UInt64) async throws {
        let objects = InMemoryObjectStore()
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<6 {
            let fault: InMemoryObjectStore.Fault = [.conflict, .unavailable, .dropAfterActing][
                Int(rng.next() % 3)]
            let operation: InMemoryObjectStore.Operation = [.put, .get, .delete][Int(rng.next() % 3)]
            objects.inject(fault, on: operation)
        }
        let writers = 8
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<writers {
                group.addTask {
                    let store = s3Store(objects)
                    // A wait no loaded machine runs out of (the unit tests share two cores); a lock
                    // that is never released still fails the test.
                    _ = try await store.withLock(info("w\(i)"), timeout: .seconds(300)) { locked in
                        try await locked.update { $0.jobs["w\(i)"] = record("w\(i)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try #require(try await s3Store(objects).load())
        #expect(final.jobs.keys.sorted() == (0..<writers).map { "w\($0)" }.sorted())
        #expect(final.serial == writers, "one save per writer, none lost and none doubled")
        #expect(objects.object(lockKey) == nil)
    }
}
