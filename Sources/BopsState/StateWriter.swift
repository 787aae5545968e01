/// The state of one apply while it runs: the records as they are durable in the store, changed one
/// record at a time by any number of concurrent callers.
///
/// Invariants: ``set(_:for:)`` returns only when the change is durable (a crash after it returns never
/// loses it); ``state`` is always what the store would give to the next ``LockedState/load()``;
/// ``finish()`` leaves the store holding exactly ``state`` as one document. A change that throws is
/// not applied.
///
/// Each change is one ``JournalEntry`` in the store's journal (``StateStore/openJournal(over:)``), so
/// its cost does not grow with the number of records. Changes that arrive while a segment is being
/// written are group-committed: written together as the next segment, one append and one sync (one
/// PutObject on S3), and each of their `set` calls returns when that segment is durable. Every entry
/// makes the serial one more, so a plan made before a change is stale after it. ``finish()`` writes
/// the whole document once and removes the journal; a journal left by a crash is folded in by the
/// next load and continued by the next writer.
public actor StateWriter {
    private let locked: LockedState
    /// The records as durable, with the serial and lineage of the document they were saved in.
    public private(set) var state: State
    /// How many segments and entries this writer appended, and documents it wrote.
    public private(set) var statistics = Statistics()

    private var journal: (any StateJournal)?
    private var queued: [Waiting] = []
    private var writing = false
    private var idle: [CheckedContinuation<Void, Never>] = []

    private struct Waiting {
        var entry: JournalEntry
        var done: CheckedContinuation<Result<Void, StateError>, Never>
    }

    /// What a writer did, for tests and benchmarks.
    public struct Statistics: Sendable, Hashable {
        /// Segments appended (one per group commit).
        public var segments = 0
        /// Entries appended (one per successful `set`).
        public var entries = 0
        /// Whole documents written (by ``finish()``).
        public var documents = 0
    }

    /// Starts from `initial`, the state as loaded under the lock (`nil`: none saved yet).
    public init(_ locked: LockedState, from initial: State?) {
        self.locked = locked
        self.state = initial ?? locked.newState()
    }

    /// Sets the record of `name` (`nil`: removes it) and returns when the change is durable.
    public func set(_ record: JobRecord?, for name: String) async throws(StateError) {
        let entry = JournalEntry(name: name, record: record)
        let result = await withCheckedContinuation { done in
            queued.append(Waiting(entry: entry, done: done))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
        try result.get()
    }

    /// Writes what is queued, one segment at a time, until nothing is.
    private func drain() async {
        while !queued.isEmpty {
            let batch = queued
            queued = []
            let entries = batch.map(\.entry)
            let outcome: Result<Void, StateError>
            do {
                let journal = try await openedJournal()
                try await journal.append(entries, bopsVersion: locked.bopsVersion)
                for entry in entries { state.jobs[entry.name] = entry.record }
                state.serial += entries.count
                state.bopsVersion = locked.bopsVersion
                statistics.segments += 1
                statistics.entries += entries.count
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            for waiting in batch { waiting.done.resume(returning: outcome) }
        }
        writing = false
        let waiters = idle
        idle = []
        for waiter in waiters { waiter.resume() }
    }

    private func openedJournal() async throws(StateError) -> any StateJournal {
        if let journal { return journal }
        let opened = try await locked.store.openJournal(over: state)
        journal = opened
        return opened
    }

    /// Makes the store hold ``state`` as one document and returns it. Waits for the changes in flight
    /// first; a store whose journal is empty (no change since its document was written) is left as it
    /// is.
    @discardableResult
    public func finish() async throws(StateError) -> State {
        while writing { await withCheckedContinuation { idle.append($0) } }
        let journal = try await openedJournal()
        guard await journal.entryCount > 0 else { return state }
        try await journal.fold(state)
        statistics.documents += 1
        return state
    }
}
