/// A state store while this process holds its lock: the one way recorded state changes.
///
/// Every save goes through ``save(_:)``, which makes the saved document the next one: `serial` one
/// more than the state it was made from, `bopsVersion` the version of this bops. Get one from
/// ``StateStore/withLock(_:timeout:isolation:_:)``.
public struct LockedState: Sendable {
    public let store: any StateStore
    /// The lock this process holds, as other processes see it.
    public let lock: LockInfo

    init(store: any StateStore, lock: LockInfo) {
        self.store = store
        self.lock = lock
    }

    /// The version of bops recorded in every saved state.
    public var bopsVersion: String { lock.version }

    public func load() async throws(StateError) -> State? { try await store.load() }

    /// A state for a store that has none yet (serial 0, a new lineage).
    public func newState() -> State { State(bopsVersion: bopsVersion) }

    /// Saves `state` as the next serial. On success `state` is exactly what the store holds; on error
    /// `state` is left as it was passed and the store keeps its previous document.
    public func save(_ state: inout State) async throws(StateError) {
        var next = state
        next.serial += 1
        next.bopsVersion = bopsVersion
        try await store.write(next, force: false)
        state = next
    }

    /// Loads the state (or starts a new one), lets `change` edit it and saves it when it changed.
    /// Returns the state as the store now holds it, and what `change` returned. An error thrown by
    /// `change` saves nothing.
    @discardableResult
    public func update<T>(_ change: (inout State) throws -> T) async throws -> (state: State, result: T) {
        let current = try await load()
        var state = current ?? newState()
        let result = try change(&state)
        if state != current { try await save(&state) }
        return (state, result)
    }

    /// Puts `incoming` (a state read from another store) in this store, keeping its lineage and its
    /// jobs: `state migrate`. Over a state of the same lineage the saved serial is one more than the
    /// newer of the two; a state of another lineage, or a newer serial of the same one, is refused
    /// unless `force` (``StateError/lineageMismatch(path:found:writing:)``,
    /// ``StateError/serialNotNewer(path:found:writing:)``). Returns what was saved.
    @discardableResult
    public func push(_ incoming: State, force: Bool) async throws(StateError) -> State {
        let current = try await load()
        if let current, !force {
            if current.lineage != incoming.lineage {
                throw .lineageMismatch(
                    path: store.location, found: current.lineage, writing: incoming.lineage)
            }
            if current.serial > incoming.serial {
                throw .serialNotNewer(path: store.location, found: current.serial, writing: incoming.serial)
            }
        }
        var next = incoming
        next.serial = max(incoming.serial, (current?.serial ?? -1) + 1)
        next.bopsVersion = bopsVersion
        try await store.write(next, force: force || current?.lineage != incoming.lineage)
        return next
    }
}
