public import BopsState
import Foundation

/// The contract every ``StateStore`` keeps, in the style of Terraform's `statemgr.TestFull`: one
/// list of rules, each run against a fresh, empty store of every implementation (the file store,
/// the in-memory store, S3 over the emulator, S3 over moto). A test target writes
/// `@Test(arguments: StateStoreConformance.Rule.allCases)` and calls ``check(_:on:)``.
///
/// A rule that does not hold throws ``Failure`` naming the rule and what the store did instead.
public enum StateStoreConformance {
    /// One promise of the contract.
    public enum Rule: String, CaseIterable, Sendable {
        /// A new store holds no state and no lock.
        case startsEmpty
        /// A save is loaded back exactly, and each save through `LockedState` is the next serial.
        case savesAreLoadedBackAsTheNextSerial
        /// A state of another lineage or with a serial that is not newer is refused (unless forced),
        /// and the refused write leaves the stored state as it was.
        case lineageAndSerialChecks
        /// A held lock refuses a second holder, naming the first; released, it can be taken again.
        case aHeldLockRefusesASecondHolder
        /// `force-unlock` needs the lock's id; with it, the lock is gone.
        case forceUnlockNeedsTheLockId
        /// Journal entries are folded into every load before `finish`, and after it the document
        /// holds them, at one serial per entry.
        case journalEntriesAreDurableBeforeTheFold
        /// A journal opened over a state the store no longer holds is refused.
        case aJournalOverAnotherStateIsRefused
        /// `withLock` releases the lock when its body throws.
        case aThrowingBodyReleasesTheLock
    }

    /// A broken promise: the rule and what happened.
    public struct Failure: Error, CustomStringConvertible {
        public var rule: Rule
        public var detail: String
        public var description: String { "\(rule.rawValue): \(detail)" }
    }

    /// Runs `rule` against `store`, which must be new and empty.
    public static func check(_ rule: Rule, on store: any StateStore) async throws {
        func expect(_ holds: Bool, _ detail: @autoclosure () -> String) throws {
            if !holds { throw Failure(rule: rule, detail: detail()) }
        }
        switch rule {
        case .startsEmpty:
            try expect(try await store.load() == nil, "a new store loaded a state")
            try expect(try await store.currentLock() == nil, "a new store is locked")

        case .savesAreLoadedBackAsTheNextSerial:
            let first = try await save(store) { $0.jobs["a"] = record("a", priority: 1) }
            try expect(first.serial == 1, "the first save has serial \(first.serial), not 1")
            let second = try await save(store) { $0.jobs["b"] = record("b", priority: 2) }
            try expect(second.serial == 2, "the second save has serial \(second.serial), not 2")
            try expect(second.lineage == first.lineage, "a save changed the lineage")
            let loaded = try await store.load()
            try expect(loaded == second, "loaded \(String(describing: loaded)), saved \(second)")

        case .lineageAndSerialChecks:
            let saved = try await save(store) { $0.jobs["a"] = record("a", priority: 1) }
            var stale = saved
            stale.jobs["a"] = record("a", priority: 9)
            var other = State(lineage: "another-lineage")
            other.serial = saved.serial + 5
            // Writes go through the lock, as every command's do.
            try await store.withLock(lockInfo("migrate"), timeout: .zero) { _ in
                do {
                    try await store.write(stale, force: false)
                    throw Failure(rule: rule, detail: "a write of the same serial was accepted")
                } catch StateError.serialNotNewer {}
                do {
                    try await store.write(other, force: false)
                    throw Failure(rule: rule, detail: "a write of another lineage was accepted")
                } catch StateError.lineageMismatch {}
            }
            try expect(try await store.load() == saved, "a refused write changed the stored state")
            try await store.withLock(lockInfo("migrate"), timeout: .zero) { _ in
                try await store.write(other, force: true)
            }
            try expect(try await store.load()?.lineage == "another-lineage", "a forced write was not stored")

        case .aHeldLockRefusesASecondHolder:
            let first = try await store.lock(lockInfo("apply"), timeout: .zero)
            do {
                _ = try await store.lock(lockInfo("plan"), timeout: .milliseconds(50))
                await first.unlock()
                throw Failure(rule: rule, detail: "a second holder got the lock")
            } catch StateError.locked(_, let holder) {
                try expect(holder?.id == first.info.id, "the refusal names \(String(describing: holder))")
            }
            try expect(try await store.currentLock()?.id == first.info.id, "currentLock is not the holder")
            await first.unlock()
            await first.unlock()
            try expect(try await store.currentLock() == nil, "an unlocked store still shows a lock")
            let second = try await store.lock(lockInfo("plan"), timeout: .zero)
            await second.unlock()

        case .forceUnlockNeedsTheLockId:
            let held = try await store.lock(lockInfo("apply"), timeout: .zero)
            try await expectError(rule, "force-unlock with another id") {
                try await store.forceUnlock(id: "not-" + held.info.id)
            }
            try expect(try await store.currentLock()?.id == held.info.id, "a wrong id removed the lock")
            try await store.forceUnlock(id: held.info.id)
            try expect(try await store.currentLock() == nil, "force-unlock left the lock")
            let next = try await store.lock(lockInfo("plan"), timeout: .zero)
            await next.unlock()

        case .journalEntriesAreDurableBeforeTheFold:
            let base = try await save(store) { $0.jobs["a"] = record("a", priority: 1) }
            try await store.withLock(lockInfo("apply"), timeout: .zero) { locked in
                let writer = StateWriter(locked, from: try await locked.load())
                try await writer.set(record("b", priority: 2), for: "b")
                try await writer.set(nil, for: "a")
                let midway = try await store.load()
                try expect(
                    midway?.jobs.keys.sorted() == ["b"],
                    "before the fold a load shows \(String(describing: midway?.jobs.keys.sorted()))")
                try expect(
                    midway?.serial == base.serial + 2,
                    "two entries are serial \(String(describing: midway?.serial))")
                let folded = try await writer.finish()
                try expect(folded.serial == base.serial + 2, "the fold has serial \(folded.serial)")
            }
            let loaded = try await store.load()
            try expect(
                loaded?.jobs.keys.sorted() == ["b"],
                "after the fold a load shows \(String(describing: loaded?.jobs.keys.sorted()))")
            try expect(loaded?.lineage == base.lineage, "the journal changed the lineage")

        case .aJournalOverAnotherStateIsRefused:
            let base = try await save(store) { $0.jobs["a"] = record("a", priority: 1) }
            var older = base
            older.serial -= 1
            try await store.withLock(lockInfo("apply"), timeout: .zero) { _ in
                try await expectError(rule, "a journal over an older serial") {
                    _ = try await store.openJournal(over: older)
                }
            }
            try expect(try await store.load() == base, "the refused journal changed the state")

        case .aThrowingBodyReleasesTheLock:
            struct Thrown: Error {}
            do {
                try await store.withLock(lockInfo("apply"), timeout: .zero) { _ in throw Thrown() }
            } catch is Thrown {}
            try expect(try await store.currentLock() == nil, "the lock outlived a throwing body")
        }
    }

    /// A record of the spec `name`, as an apply records one.
    public static func record(_ name: String, priority: Int) -> JobRecord {
        var r = JobRecord(
            name: name, digest: "digest-" + name, generation: 0, rerun: 0, accountId: "111122223333",
            region: "us-east-1", clientToken: "token-" + name, priority: priority, tags: ["team": "data"])
        r.jobId = "job-" + name
        return r
    }

    static func lockInfo(_ operation: String) -> LockInfo {
        LockInfo(operation: operation, path: "conformance", version: "9.9.9")
    }

    /// Changes the state through the one state-changing call and returns what was saved.
    static func save(_ store: any StateStore, _ edit: (inout State) -> Void) async throws -> State {
        try await store.withLock(lockInfo("test"), timeout: .zero) { locked in
            try await locked.update(edit).state
        }
    }

    static func expectError(_ rule: Rule, _ what: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            return
        }
        throw Failure(rule: rule, detail: "\(what) was accepted")
    }
}
