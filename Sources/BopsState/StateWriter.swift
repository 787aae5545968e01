/// The state of one apply while it runs: the records as they are durable in the store, changed one
/// record at a time by any number of concurrent callers.
///
/// Invariants: ``set(_:for:)`` returns only when the change is durable (a crash after it returns never
/// loses it); ``state`` is always what the store would give to the next ``LockedState/load()``;
/// ``finish()`` leaves the store holding exactly ``state`` as one document. A change that throws is
/// not applied.
public actor StateWriter {
    private let locked: LockedState
    /// The records as durable, with the serial and lineage of the document they were saved in.
    public private(set) var state: State

    /// Starts from `initial`, the state as loaded under the lock (`nil`: none saved yet).
    public init(_ locked: LockedState, from initial: State?) {
        self.locked = locked
        self.state = initial ?? locked.newState()
    }

    /// Sets the record of `name` (`nil`: removes it) and returns when the change is durable.
    public func set(_ record: JobRecord?, for name: String) async throws(StateError) {
        var next = state
        next.jobs[name] = record
        try await locked.save(&next)
        state = next
    }

    /// Makes the store hold ``state`` as one document and returns it.
    @discardableResult
    public func finish() async throws(StateError) -> State { state }
}
