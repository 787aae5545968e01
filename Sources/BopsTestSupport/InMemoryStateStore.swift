public import BopsState
import Foundation

/// A ``StateStore`` in memory, like Terraform's fake state manager: it keeps every saved document,
/// can fail chosen saves, and refuses a write while nobody holds its lock (the code under test must
/// save through ``LockedState``).
public final class InMemoryStateStore: StateStore, @unchecked Sendable {
    public let location: String
    public let journal: Journal
    private let mutex = NSLock()
    private var document: State?
    private var holder: LockInfo?
    private var writes = 0
    private var failing: Set<Int>

    /// - `failingWrites`: indexes (0-based, counting every write attempt) of writes that throw
    ///   ``StateError/io(path:detail:)`` and leave the document as it was.
    public init(
        _ initial: State? = nil, location: String = "memory://state", journal: Journal = Journal(),
        failingWrites: Set<Int> = []
    ) {
        self.document = initial
        self.location = location
        self.journal = journal
        self.failing = failingWrites
    }

    /// The document as saved last (what a crash would leave).
    public var current: State? { mutex.withLock { document } }

    /// Who holds the lock now.
    public var lockHolder: LockInfo? { mutex.withLock { holder } }

    /// Write attempts so far, failed ones included.
    public var writeCount: Int { mutex.withLock { writes } }

    public func load() async throws(StateError) -> State? { current }

    public func write(_ state: State, force: Bool) async throws(StateError) {
        let result: StateError? = mutex.withLock {
            defer { writes += 1 }
            if holder == nil { return .io(path: location, detail: "written without holding the lock") }
            if failing.contains(writes) {
                return .io(path: location, detail: "injected failure of write \(writes)")
            }
            if let document, !force, document.lineage != state.lineage || document.serial >= state.serial {
                return .serialNotNewer(path: location, found: document.serial, writing: state.serial)
            }
            document = state
            return nil
        }
        if let result {
            journal.append(.saveFailed)
            throw result
        }
        journal.append(.saved(state))
    }

    public func lock(_ info: LockInfo, timeout: Duration) async throws(StateError) -> any StateLock {
        let taken: LockInfo? = mutex.withLock {
            if let holder { return holder }
            holder = info
            return nil
        }
        if let taken { throw .locked(path: location, holder: taken) }
        return MemoryLock(info: info, store: self)
    }

    public func currentLock() async throws(StateError) -> LockInfo? { lockHolder }

    public func forceUnlock(id: String) async throws(StateError) {
        let outcome: (removed: Bool, holder: LockInfo?) = mutex.withLock {
            guard let holder, holder.id == id else { return (false, holder) }
            self.holder = nil
            return (true, nil)
        }
        if !outcome.removed { throw .noSuchLock(path: location, id: id, holder: outcome.holder) }
    }

    fileprivate func release(_ info: LockInfo) {
        mutex.withLock { if holder?.id == info.id { holder = nil } }
    }

    final class MemoryLock: StateLock, @unchecked Sendable {
        let info: LockInfo
        private weak var store: InMemoryStateStore?

        init(info: LockInfo, store: InMemoryStateStore) {
            self.info = info
            self.store = store
        }

        func unlock() { store?.release(info) }
        deinit { unlock() }
    }
}

extension LockInfo {
    /// A lock of a test, held by `test@localhost`.
    public static func test(_ operation: String = "test") -> LockInfo {
        LockInfo(
            operation: operation, who: "test@localhost", path: "memory://state", version: "0.0.0-test",
            created: Date(timeIntervalSince1970: 0), pid: 1)
    }
}
