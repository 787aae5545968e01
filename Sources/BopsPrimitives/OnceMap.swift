/// Work shared by many callers done once per key: the first caller of a key does it, every later
/// caller (also one that comes while it runs) gets the same value or the same error.
///
/// One per run (a plan or an apply): a bucket checked by ten specs is checked once, a manifest file
/// used by ten specs is staged once. The work runs in the first caller's task, so cancelling that
/// task cancels it (and the callers waiting for it get its error). Nothing is evicted; the map
/// lives as long as its run.
public actor OnceMap<Key: Hashable & Sendable> {
    private enum Entry {
        case running([CheckedContinuation<Result<any Sendable, any Error>, Never>])
        case done(Result<any Sendable, any Error>)
    }

    private var entries: [Key: Entry] = [:]
    private var started = 0

    public init() {}

    /// How many keys were computed (not answered from the map).
    public var computed: Int { started }

    /// The value of `key`: `compute()` on the first call, its value (or error) afterwards. A caller
    /// asking the same key for another type of value gets its own computation.
    public func value<Value: Sendable>(
        for key: Key, _ compute: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await valueAndFirst(for: key, compute).value
    }

    /// ``value(for:_:)`` and whether this call is the one that computed it.
    public func valueAndFirst<Value: Sendable>(
        for key: Key, _ compute: @escaping @Sendable () async throws -> Value
    ) async throws -> (value: Value, first: Bool) {
        switch entries[key] {
        case .done(let result)?:
            if let value = try result.get() as? Value { return (value, false) }
        case .running(let waiting)?:
            let result = await withCheckedContinuation { continuation in
                entries[key] = .running(waiting + [continuation])
            }
            if let value = try result.get() as? Value { return (value, false) }
        case nil:
            break
        }
        entries[key] = .running([])
        started += 1
        let result: Result<any Sendable, any Error>
        do { result = .success(try await compute()) } catch { result = .failure(error) }
        if case .running(let waiting)? = entries[key] {
            for continuation in waiting { continuation.resume(returning: result) }
        }
        entries[key] = .done(result)
        guard let value = try result.get() as? Value else { return (try await compute(), true) }
        return (value, true)
    }
}
