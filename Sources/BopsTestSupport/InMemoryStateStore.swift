public import BopsState
import Foundation

/// A ``StateStore`` in memory, like Terraform's fake state manager: it keeps every saved document,
/// can fail chosen saves, and refuses a write while nobody holds its lock (the code under test must
/// save through ``LockedState`` or ``StateWriter``).
///
/// Its state journal (``openJournal(over:)``) is a list of segments over the document: ``current``
/// is the document with them folded in, what the next load gives and what a crash would leave. Each
/// journal append is recorded in ``journal`` as `.saved` with that folded state (a fold, which does
/// not change the state, is not); a failed one as `.saveFailed`.
public final class InMemoryStateStore: StateStore, @unchecked Sendable {
    public let location: String
    public let journal: Journal
    private let mutex = NSLock()
    private var document: State?
    /// Bumped on every document write: the base the journal's segments name.
    private var documentNumber = 0
    private var segments: [JournalSegment] = []
    private var holder: LockInfo?
    private var writes = 0
    private var appends = 0
    private var folds = 0
    private var failing: Set<Int>
    private var failingFolds: Set<Int>

    /// - `failingWrites`: indexes (0-based, counting every save attempt: whole-document writes and
    ///   journal appends) of saves that throw ``StateError/io(path:detail:)`` and leave the store as
    ///   it was.
    /// - `failingFolds`: indexes (0-based) of folds (``StateWriter/finish()``) that throw so.
    public init(
        _ initial: State? = nil, location: String = "memory://state", journal: Journal = Journal(),
        failingWrites: Set<Int> = [], failingFolds: Set<Int> = []
    ) {
        self.document = initial
        self.location = location
        self.journal = journal
        self.failing = failingWrites
        self.failingFolds = failingFolds
    }

    /// The state as saved last, journal folded in (what a crash would leave, what a load gives).
    public var current: State? { mutex.withLock { foldedLocked() } }

    /// The document alone, without its journal.
    public var storedDocument: State? { mutex.withLock { document } }

    /// The journal's segments over the document, oldest first.
    public var journalSegments: [JournalSegment] { mutex.withLock { segments } }

    /// Journal appends attempted (failed ones included; ``writeCount`` counts them too), and folds
    /// attempted (which ``writeCount`` does not count).
    public var appendCount: Int { mutex.withLock { appends } }
    public var foldCount: Int { mutex.withLock { folds } }

    private var base: JournalBase? {
        document.map {
            JournalBase(lineage: $0.lineage, serial: $0.serial, digest: "memory-\(documentNumber)")
        }
    }

    private func foldedLocked() -> State? {
        guard let last = segments.last else { return document }
        var state = document ?? State(lineage: last.base.lineage)
        for segment in segments {
            for entry in segment.entries { state.jobs[entry.name] = entry.record }
            state.serial = segment.lastSerial
            state.bopsVersion = segment.bopsVersion ?? state.bopsVersion
        }
        return state
    }

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
            if let current = foldedLocked(), !force {
                if current.lineage != state.lineage {
                    return .lineageMismatch(path: location, found: current.lineage, writing: state.lineage)
                }
                if current.serial >= state.serial {
                    return .serialNotNewer(path: location, found: current.serial, writing: state.serial)
                }
            }
            document = state
            documentNumber += 1
            segments = []
            return nil
        }
        if let result {
            journal.append(.saveFailed)
            throw result
        }
        journal.append(.saved(state))
    }

    public func openJournal(over state: State) async throws(StateError) -> any StateJournal {
        let problem: StateError? = mutex.withLock {
            if holder == nil { return .io(path: location, detail: "journal opened without holding the lock") }
            let folded = foldedLocked()
            if let folded, folded.lineage != state.lineage || folded.serial != state.serial {
                return .changedSinceRead(path: location, detail: "it now has serial \(folded.serial)")
            }
            return nil
        }
        if let problem { throw problem }
        return MemoryJournal(
            store: self,
            empty: JournalBase(lineage: state.lineage, serial: state.serial, digest: JournalBase.noDocument))
    }

    /// One append: a new segment over the document, numbered after the last.
    fileprivate func append(
        _ entries: [JournalEntry], bopsVersion: String?, empty: JournalBase
    ) throws(StateError) {
        let result: Result<State, StateError> = mutex.withLock {
            defer {
                writes += 1
                appends += 1
            }
            if holder == nil {
                return .failure(.io(path: location, detail: "appended without holding the lock"))
            }
            if failing.contains(writes) {
                return .failure(.io(path: location, detail: "injected failure of write \(writes)"))
            }
            let folded = foldedLocked()
            let base = segments.first?.base ?? self.base ?? empty
            let first = (folded?.serial ?? base.serial) + 1
            segments.append(
                JournalSegment(
                    base: base, index: segments.count, firstSerial: first, bopsVersion: bopsVersion,
                    entries: entries))
            return .success(foldedLocked()!)
        }
        switch result {
        case .success(let state): journal.append(.saved(state))
        case .failure(let error):
            journal.append(.saveFailed)
            throw error
        }
    }

    fileprivate func fold(_ state: State) throws(StateError) {
        let problem: StateError? = mutex.withLock {
            defer { folds += 1 }
            if holder == nil { return .io(path: location, detail: "folded without holding the lock") }
            if failingFolds.contains(folds) {
                return .io(path: location, detail: "injected failure of fold \(folds)")
            }
            if let document, document.lineage != state.lineage || document.serial >= state.serial {
                return .serialNotNewer(path: location, found: document.serial, writing: state.serial)
            }
            document = state
            documentNumber += 1
            segments = []
            return nil
        }
        if let problem {
            journal.append(.saveFailed)
            throw problem
        }
    }

    fileprivate var entryCount: Int { mutex.withLock { segments.reduce(0) { $0 + $1.entries.count } } }

    final class MemoryJournal: StateJournal, @unchecked Sendable {
        private let store: InMemoryStateStore
        private let empty: JournalBase

        init(store: InMemoryStateStore, empty: JournalBase) {
            self.store = store
            self.empty = empty
        }

        var entryCount: Int { store.entryCount }

        func append(_ entries: [JournalEntry], bopsVersion: String?) async throws(StateError) {
            guard !entries.isEmpty else { return }
            try store.append(entries, bopsVersion: bopsVersion, empty: empty)
        }

        func fold(_ state: State) async throws(StateError) { try store.fold(state) }
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
