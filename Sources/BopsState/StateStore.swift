/// Where the recorded state lives. Implementations never lose a saved state: a write either replaces
/// the whole document or leaves the previous one as it was.
///
/// Commands do not call `write` themselves: they take the lock with ``StateStore/withLock(_:timeout:isolation:_:)``
/// and save through ``LockedState``, which bumps `serial` and records the bops version.
public protocol StateStore: Sendable {
    /// A human-readable location (`.bops/state.json`, `s3://team-state/bops/prod/state.json`).
    var location: String { get }
    /// Which backend holds the state and where, for the line every command that reads state prints
    /// (`local file .bops/state.json`, `s3 s3://team-state/bops/prod/state.json (region us-east-1)`).
    var backend: String { get }
    /// The recorded state, or `nil` when none has been saved yet. A corrupt document or one of a
    /// newer `version` is an error; the store never rewrites it.
    func load() async throws(StateError) -> State?
    /// Replaces the whole document with `state`, as given. Refuses to replace a document that
    /// ``load()`` cannot read, and (unless `force`) one of another lineage or a serial that is not
    /// older than `state.serial` (``StateError/lineageMismatch(path:found:writing:)``,
    /// ``StateError/serialNotNewer(path:found:writing:)``).
    func write(_ state: State, force: Bool) async throws(StateError)
    /// Takes the store's lock for one command; waits up to `timeout` when someone else holds it, then
    /// throws ``StateError/locked(path:holder:)`` naming the holder.
    func lock(_ info: LockInfo, timeout: Duration) async throws(StateError) -> any StateLock
    /// The lock as the store holds it now, `nil` when the state is not locked.
    func currentLock() async throws(StateError) -> LockInfo?
    /// Removes a lock left behind, only when its id matches.
    func forceUnlock(id: String) async throws(StateError)
    /// Advice about the store worth printing (an S3 bucket without versioning); empty when none.
    func advisories() async -> [String]
    /// Opens the journal of the stored state for one writer holding the lock: ``StateWriter`` appends
    /// each change to it and folds it into the document at the end. `state` is the state as this
    /// store's last ``load()`` gave it (a state not saved yet: ``LockedState/newState()``); a store
    /// that holds another one throws ``StateError/changedSinceRead(path:detail:)``. Opening removes a
    /// journal that does not apply to the stored document and cuts a torn last record.
    ///
    /// ``load()`` gives the document with its journal folded in, and ``write(_:force:)`` (a whole
    /// document, which supersedes the journal) removes the journal after writing.
    func openJournal(over state: State) async throws(StateError) -> any StateJournal
}

extension StateStore {
    public var backend: String { location }
    public func advisories() async -> [String] { [] }
}

/// A held state lock. `unlock` may be called more than once; the lock is released at most once.
public protocol StateLock: AnyObject, Sendable {
    var info: LockInfo { get }
    func unlock() async
}

extension StateStore {
    /// Takes the lock, runs `body` with the locked store and releases the lock on every path out of
    /// `body` (return, throw or cancellation: the release runs in a task of its own, so a cancelled
    /// command still releases). Nothing that exits the process may run inside `body`.
    public func withLock<T>(
        _ info: LockInfo, timeout: Duration, isolation: isolated (any Actor)? = #isolation,
        _ body: (LockedState) async throws -> T
    ) async throws -> T {
        let held = try await lock(info, timeout: timeout)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(LockedState(store: self, lock: held.info)))
        } catch {
            result = .failure(error)
        }
        await Task { await held.unlock() }.value
        return try result.get()
    }
}

/// The checks every store makes before replacing `current` with `next`, as Terraform makes them: a
/// state of another lineage, or whose serial is not newer, is refused (a writer that read an older
/// state would otherwise undo someone else's save). `force` skips them.
enum SerialCheck {
    static func check(next: State, over current: State?, path: String, force: Bool) throws(StateError) {
        try check(
            next: next, over: current.map { Stamp(lineage: $0.lineage, serial: $0.serial) }, path: path,
            force: force)
    }

    static func check(next: State, over current: Stamp?, path: String, force: Bool) throws(StateError) {
        guard let current, !force else { return }
        if current.lineage != next.lineage {
            throw .lineageMismatch(path: path, found: current.lineage, writing: next.lineage)
        }
        if next.serial <= current.serial {
            throw .serialNotNewer(path: path, found: current.serial, writing: next.serial)
        }
    }
}

/// The lineage and serial of a state: what the serial checks compare.
struct Stamp: Sendable, Hashable {
    var lineage: String
    var serial: Int

    init(lineage: String, serial: Int) {
        self.lineage = lineage
        self.serial = serial
    }

    init(_ state: State) {
        self.init(lineage: state.lineage, serial: state.serial)
    }
}
