import Foundation

/// State in one S3 object, with the lock in `<key>.lock` next to it, over any
/// ``ConditionalObjectStore`` (S3, `bops emulator`, moto, the test fake).
///
/// Invariants:
/// - The lock is created with `If-None-Match: *`, so at most one holder creates it; it holds the
///   holder's ``LockInfo`` with a random owner token. A 412 whose lock carries our token is our own
///   lock (a retried create whose first attempt landed), never "locked by someone else".
/// - Every save is a compare-and-swap: `If-Match` on the ETag of the document this store last read
///   or wrote (`If-None-Match: *` when there was none), so a writer that skipped the lock cannot
///   overwrite a newer state; before it, the serial and lineage checks of ``SerialCheck`` run. A 412
///   whose stored document is byte for byte the one being written is our own retried save.
/// - A save is one PutObject: it replaces the whole document or leaves the previous one readable.
/// - 409 `ConditionalRequestConflict` and unavailable answers are retried with jittered backoff.
/// - Release deletes the lock with `If-Match` on its ETag, so a lock that was forced away and taken
///   by someone else is left alone.
public final class S3StateStore: StateStore, @unchecked Sendable {
    public let bucket: String
    public let key: String
    public let region: String?
    public let objects: any ConditionalObjectStore
    /// How often a call answered 409 or unavailable is tried in all, and the first pause between tries.
    public let attempts: Int
    public let firstPause: Duration

    private let mutex = NSLock()
    /// The document as this store last read or wrote it: its state (`nil`: none stored) and ETag.
    private var seen: (state: State?, eTag: String?)?

    public init(
        bucket: String, key: String, region: String? = nil, objects: any ConditionalObjectStore,
        attempts: Int = 8, firstPause: Duration = .milliseconds(50)
    ) {
        self.bucket = bucket
        self.key = key
        self.region = region
        self.objects = objects
        self.attempts = max(1, attempts)
        self.firstPause = firstPause
    }

    public var location: String { "s3://\(bucket)/\(key)" }
    public var lockKey: String { key + ".lock" }
    public var lockLocation: String { "s3://\(bucket)/\(lockKey)" }
    public var backend: String { "s3 \(location)" + (region.map { " (region \($0))" } ?? "") }

    // MARK: Reading and writing

    public func load() async throws(StateError) -> State? {
        let object = try await retrying("read") { () async throws(ConditionalStoreError) in
            try await objects.get(bucket: bucket, key: key)
        }
        guard let object else {
            remember(nil, eTag: nil)
            return nil
        }
        let state = try FileStateStore.decode(object.body, path: location)
        remember(state, eTag: object.eTag)
        return state
    }

    public func write(_ state: State, force: Bool) async throws(StateError) {
        if mutex.withLock({ seen }) == nil { _ = try await load() }
        guard let base = mutex.withLock({ seen }) else { return }
        try SerialCheck.check(next: state, over: base.state, path: location, force: force)
        let bytes: [UInt8]
        do { bytes = try StateJSON.encode(state) } catch {
            throw .io(path: location, detail: "cannot encode state")
        }
        let condition: WriteCondition = base.eTag.map { .matches($0) } ?? .absent
        do {
            let eTag = try await retrying("save") { () async throws(ConditionalStoreError) in
                try await objects.put(bucket: bucket, key: key, body: bytes, condition: condition)
            }
            remember(state, eTag: eTag)
        } catch .changedSinceRead {
            // Ours when the stored document is exactly what we wrote: an earlier attempt landed and
            // its answer was lost.
            let stored = try? await objects.get(bucket: bucket, key: key)
            if let stored, stored.body == bytes {
                remember(state, eTag: stored.eTag)
                return
            }
            forget()
            let now = stored.flatMap { try? FileStateStore.decode($0.body, path: location) }
            throw .changedSinceRead(
                path: location,
                detail: now.map { "it now has serial \($0.serial) (saved by bops \($0.bopsVersion ?? "?"))" }
                    ?? (stored == nil ? "it was deleted" : "it was replaced"))
        } catch {
            forget()
            throw error
        }
    }

    private func remember(_ state: State?, eTag: String?) { mutex.withLock { seen = (state, eTag) } }
    private func forget() { mutex.withLock { seen = nil } }

    // MARK: Locking

    public func lock(_ info: LockInfo, timeout: Duration) async throws(StateError) -> any StateLock {
        let body: [UInt8]
        do { body = try StateJSON.encode(info) } catch {
            throw .io(path: lockLocation, detail: "cannot encode the lock")
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            do {
                let eTag = try await retrying("lock", path: lockLocation) {
                    () async throws(ConditionalStoreError) in
                    try await objects.put(bucket: bucket, key: lockKey, body: body, condition: .absent)
                }
                return S3StateLock(info: info, eTag: eTag, store: self)
            } catch .changedSinceRead {
                // Someone holds it, or our own earlier attempt made it.
            }
            let found = try await readLock()
            if let found, found.info?.ownerToken != nil, found.info?.ownerToken == info.ownerToken {
                return S3StateLock(info: info, eTag: found.eTag, store: self)
            }
            let now = clock.now
            if found != nil, now >= deadline { throw .locked(path: location, holder: found?.info) }
            // A lock released between our create and our read: try again at once.
            if found == nil { continue }
            try? await Task.sleep(for: min(.milliseconds(250), max(.milliseconds(10), deadline - now)))
        }
    }

    /// The lock object: its holder (`nil` when it is not a bops lock) and ETag; `nil` when unlocked.
    func readLock() async throws(StateError) -> (info: LockInfo?, eTag: String)? {
        let object = try await retrying("read the lock", path: lockLocation) {
            () async throws(ConditionalStoreError) in
            try await objects.get(bucket: bucket, key: lockKey)
        }
        guard let object else { return nil }
        return (try? StateJSON.decode(LockInfo.self, from: object.body), object.eTag)
    }

    public func currentLock() async throws(StateError) -> LockInfo? {
        guard let found = try await readLock() else { return nil }
        guard let info = found.info else {
            throw .locked(path: location, holder: nil)
        }
        return info
    }

    public func forceUnlock(id: String) async throws(StateError) {
        let found = try await readLock()
        guard let found, let holder = found.info, holder.id == id else {
            throw .noSuchLock(path: location, id: id, holder: found?.info)
        }
        do {
            try await objects.delete(bucket: bucket, key: lockKey, ifMatch: found.eTag)
        } catch .preconditionFailed {
            throw .noSuchLock(path: location, id: id, holder: try await readLock()?.info)
        } catch .notFound {
            return
        } catch {
            throw .io(path: lockLocation, detail: error.description)
        }
    }

    /// Deletes the lock if it is still the one this holder made (its ETag); retries 409 and
    /// unavailable answers. A lock that is gone or was replaced is left as it is.
    func release(eTag: String) async {
        for attempt in 0..<attempts {
            do {
                try await objects.delete(bucket: bucket, key: lockKey, ifMatch: eTag)
                return
            } catch .preconditionFailed, .notFound, .failed {
                return
            } catch .conflict, .unavailable {
                try? await Task.sleep(for: pause(after: attempt))
            } catch {
                return
            }
        }
    }

    // MARK: Advice

    /// Without versioning a bad save cannot be undone: say so, and how to turn it on.
    public func advisories() async -> [String] {
        let hint =
            "turn it on: aws s3api put-bucket-versioning --bucket \(bucket) --versioning-configuration Status=Enabled"
        do {
            switch try await objects.versioning(bucket: bucket) {
            case .enabled: return []
            case .suspended:
                return [
                    "versioning is suspended on the state bucket \(bucket): an overwritten state cannot be recovered; \(hint)"
                ]
            case nil:
                return [
                    "the state bucket \(bucket) has no versioning: an overwritten state cannot be recovered; \(hint)"
                ]
            }
        } catch {
            return [
                "cannot tell whether the state bucket \(bucket) has versioning (\(error)); make sure it is on"
            ]
        }
    }

    // MARK: Retrying

    /// Runs `call`, retrying 409 and unavailable answers with jittered exponential pauses. A 412 is
    /// thrown as ``StateError/changedSinceRead(path:detail:)`` for the caller to look into; other
    /// failures as ``StateError/io(path:detail:)``.
    func retrying<T>(
        _ what: String, path: String? = nil, _ call: () async throws(ConditionalStoreError) -> T
    ) async throws(StateError) -> T {
        let path = path ?? location
        var last: ConditionalStoreError = .unavailable("no attempt")
        for attempt in 0..<attempts {
            do {
                return try await call()
            } catch .preconditionFailed {
                throw .changedSinceRead(path: path, detail: "412 PreconditionFailed")
            } catch .failed(let detail) {
                throw .io(path: path, detail: "cannot \(what): \(detail)")
            } catch {
                last = error
                if attempt + 1 < attempts { try? await Task.sleep(for: pause(after: attempt)) }
            }
        }
        throw .io(
            path: path,
            detail: "cannot \(what) after \(attempts) attempts: \(last); the stored state is as it was before"
                + " or as this command last saved it")
    }

    /// Full jitter over `firstPause * 2^attempt`, at most 2 seconds.
    func pause(after attempt: Int) -> Duration {
        let ceiling = min(2.0, Self.seconds(firstPause) * Double(1 << min(attempt, 10)))
        return .milliseconds(Int(Double.random(in: 0.2...1) * ceiling * 1000))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// A held S3 state lock: releasing deletes the lock object with `If-Match` on its ETag, once.
final class S3StateLock: StateLock, @unchecked Sendable {
    let info: LockInfo
    let eTag: String
    private let store: S3StateStore
    private let mutex = NSLock()
    private var released = false

    init(info: LockInfo, eTag: String, store: S3StateStore) {
        self.info = info
        self.eTag = eTag
        self.store = store
    }

    func unlock() async {
        let first = mutex.withLock {
            defer { released = true }
            return !released
        }
        if first { await store.release(eTag: eTag) }
    }
}
