import BopsPrimitives
import BopsTestSupport
import Foundation
import Testing

@testable import BopsState

func info(_ operation: String = "apply") -> LockInfo {
    LockInfo(operation: operation, path: "state.json", version: "9.9.9")
}

/// Saves `change` of the state through the one state-changing call and returns the saved state.
@discardableResult
func change(_ store: any StateStore, _ edit: (inout State) -> Void) async throws -> State {
    try await store.withLock(info("test"), timeout: .zero) { locked in try await locked.update(edit).state }
}

@Suite("file state store", .serialized)
struct FileStateStoreTests {
    @Test func everySaveIsTheNextSerialAndNamesTheBopsVersion() async throws {
        let folder = try TempFolder()
        let store = FileStateStore(path: folder.file(".bops/state.json"))
        #expect(try await store.load() == nil)
        var record = JobRecord(
            name: "a", digest: "d", generation: 0, rerun: 0, accountId: "1", region: nil, clientToken: "t",
            priority: 1, tags: [:])
        let first = try await change(store) { $0.jobs["a"] = record }
        #expect(first.serial == 1)
        #expect(first.bopsVersion == "9.9.9")
        record.priority = 2
        let second = try await change(store) { $0.jobs["a"] = record }
        #expect(second.serial == 2)
        #expect(second.lineage == first.lineage)
        #expect(try await store.load() == second)
        let unchanged = try await change(store) { $0.jobs["a"] = record }
        #expect(unchanged.serial == 2, "a change that changes nothing saves nothing")
    }

    @Test func aNewerStateIsRefusedAndLeftUntouched() async throws {
        let folder = try TempFolder()
        let text = #"{"version": 7, "serial": 1, "lineage": "x", "jobs": {}}"#
        let path = try folder.write("state.json", text)
        let store = FileStateStore(path: path)
        await #expect(throws: StateError.newerVersion(path: path, found: 7, supported: State.currentVersion))
        {
            try await store.load()
        }
        await #expect(throws: StateError.self) { try await change(store) { $0.serial = 0 } }
        #expect(folder.read("state.json") == text)
    }

    @Test func aCorruptStateIsRefusedAndLeftUntouched() async throws {
        let folder = try TempFolder()
        let text = "{\"version\": 1, \"serial\": "
        let path = try folder.write("state.json", text)
        let store = FileStateStore(path: path)
        await #expect(throws: StateError.corrupt(path: path, detail: "not JSON (\(text.utf8.count) bytes)")) {
            try await store.load()
        }
        await #expect(throws: StateError.self) { try await change(store) { $0.serial = 0 } }
        #expect(folder.read("state.json") == text)
    }

    @Test func aSecondHolderIsToldWhoHoldsTheLock() async throws {
        let folder = try TempFolder()
        let store = FileStateStore(path: folder.file("state.json"))
        let first = try await store.lock(info("apply"), timeout: .zero)
        await #expect(throws: StateError.locked(path: store.path, holder: first.info)) {
            try await store.lock(info("plan"), timeout: .milliseconds(150))
        }
        await first.unlock()
        let d = StateError.locked(path: store.path, holder: first.info).diagnostic
        let detail = try #require(d.detail)
        for part in [
            first.info.who, "pid \(first.info.pid)", "`apply`", "since 20", "lock id \(first.info.id)",
        ] {
            #expect(detail.contains(part), "\(detail) names \(part)")
        }
    }

    @Test func theLockIsReleasedOnEveryPathOutOfWithLock() async throws {
        let folder = try TempFolder()
        let store = FileStateStore(path: folder.file("state.json"))
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await store.withLock(info(), timeout: .zero) { _ in throw Failure() }
        }
        #expect(!FileManager.default.fileExists(atPath: store.lockPath), "the lock file is removed")
        try await store.withLock(info(), timeout: .zero) { _ in }
        #expect(!FileManager.default.fileExists(atPath: store.lockPath))
    }

    @Test func aLockLeftByADeadHolderIsTakenOver() async throws {
        let folder = try TempFolder()
        let store = FileStateStore(path: folder.file("state.json"))
        let dead = info("apply")
        try folder.write("state.json.lock", String(decoding: try StateJSON.encode(dead), as: UTF8.self))
        let lock = try await store.lock(info("plan"), timeout: .zero)
        #expect(store.readHolder() == lock.info, "the lock file names the new holder")
        await lock.unlock()
    }

    @Test func aHeldLockFileThatNamesNobodyIsReportedAsSuch() async throws {
        let folder = try TempFolder()
        let store = FileStateStore(path: folder.file("state.json"))
        // Someone holds an flock on an empty lock file and never writes who they are.
        let foreign = try #require(try FileLock(path: store.lockPath).tryLock())
        defer { foreign.release() }
        await #expect(throws: StateError.locked(path: store.path, holder: nil)) {
            try await store.lock(info(), timeout: .zero)
        }
        let d = StateError.locked(path: store.path, holder: nil).diagnostic
        #expect(d.detail?.contains("\(store.path).lock") == true)
    }

    @Test func forceUnlockNeedsTheIdAndAReleasedHolderLeavesItsSuccessorAlone() async throws {
        let folder = try TempFolder()
        let store = FileStateStore(path: folder.file("state.json"))
        let hung = try await store.lock(info("apply"), timeout: .zero)
        await #expect(throws: StateError.noSuchLock(path: store.path, id: "nope", holder: hung.info)) {
            try await store.forceUnlock(id: "nope")
        }
        try await store.forceUnlock(id: hung.info.id)
        let next = try await store.lock(info("plan"), timeout: .zero)
        await hung.unlock()
        #expect(store.readHolder() == next.info, "the old holder's release does not remove the new lock")
        await next.unlock()
        #expect(store.readHolder() == nil)
    }
}
