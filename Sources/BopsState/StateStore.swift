/// Where the recorded state lives. Implementations never lose a saved state: a write either replaces
/// the whole document or leaves the previous one as it was.
///
/// Commands do not call `write` themselves: they take the lock with ``StateStore/withLock(_:timeout:isolation:_:)``
/// and save through ``LockedState``, which bumps `serial` and records the bops version.
public protocol StateStore: Sendable {
    /// A human-readable location (`.bops/state.json`).
    var location: String { get }
    /// The recorded state, or `nil` when none has been saved yet. A corrupt document or one of a
    /// newer `version` is an error; the store never rewrites it.
    func load() throws(StateError) -> State?
    /// Replaces the whole document with `state`, as given. Refuses to replace a document that
    /// ``load()`` cannot read.
    func write(_ state: State) throws(StateError)
    /// Takes the store's lock for one command; waits up to `timeout` when someone else holds it, then
    /// throws ``StateError/locked(path:holder:)`` naming the holder.
    func lock(_ info: LockInfo, timeout: Duration) throws(StateError) -> any StateLock
    /// Removes a lock left behind, only when its id matches.
    func forceUnlock(id: String) throws(StateError)
}

/// A held state lock. `unlock` may be called more than once; the lock is also released when the
/// value is deinitialised.
public protocol StateLock: AnyObject, Sendable {
    var info: LockInfo { get }
    func unlock()
}

extension StateStore {
    /// Takes the lock, runs `body` with the locked store and releases the lock on every path out of
    /// `body` (return, throw or cancellation). Nothing that exits the process may run inside `body`.
    public func withLock<T>(
        _ info: LockInfo, timeout: Duration, isolation: isolated (any Actor)? = #isolation,
        _ body: (LockedState) async throws -> T
    ) async throws -> T {
        let held = try lock(info, timeout: timeout)
        defer { held.unlock() }
        return try await body(LockedState(store: self, lock: held.info))
    }
}
