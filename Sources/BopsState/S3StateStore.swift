import BopsPrimitives
import FoundationEssentials

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

    private let mutex = Lock()
    /// The document and journal as this store last read or wrote them (`nil`: not read yet).
    private var seen: Seen?

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
    /// The journal's objects are `<key>.journal/<base serial>-<base digest>/<segment index>`.
    public var journalPrefix: String { key + ".journal/" }

    /// What this store knows of the stored objects.
    struct Seen {
        /// The document (`nil`: none stored), its ETag and its base.
        var document: State?
        var eTag: String?
        var base: JournalBase?
        /// What a load gives: the document with its journal folded in.
        var folded: Stamp?
        /// The base of the journal that applies, its segments' keys in order, and its entries.
        var journalBase: JournalBase?
        var segments: [String]
        var entryCount: Int
        /// Journal objects that do not apply to the document: removed by the next writer.
        var stale: [String]
    }

    func folder(_ base: JournalBase) -> String {
        "\(base.serial)-" + base.digest.replacing(":", with: "-")
    }

    func segmentKey(_ base: JournalBase, index: Int) -> String {
        journalPrefix + folder(base) + "/" + Timestamp.pad(index, 10)
    }

    // MARK: Reading and writing

    public func load() async throws(StateError) -> State? {
        // A reader without the lock can meet a fold half done (document written, segments being
        // removed): a segment listed and then gone makes it read again from the start.
        for attempt in 0..<3 {
            if let loaded = try await loadOnce(lastAttempt: attempt == 2) { return loaded.state }
        }
        return nil
    }

    /// One read of the document and its journal; `nil` when a listed segment vanished meanwhile.
    private func loadOnce(lastAttempt: Bool) async throws(StateError) -> (state: State?, Void)? {
        let prefix = journalPrefix
        async let listing = Self.result { () async throws(StateError) in
            try await self.retrying("list the journal", path: "s3://\(self.bucket)/\(prefix)") {
                () async throws(ConditionalStoreError) in
                try await self.objects.list(bucket: self.bucket, prefix: prefix)
            }
        }
        let read = await Self.result { () async throws(StateError) in
            try await self.retrying("read") { () async throws(ConditionalStoreError) in
                try await self.objects.get(bucket: self.bucket, key: self.key)
            }
        }
        let listed = try await listing.get()
        let object = try read.get()
        var document: State?
        var base: JournalBase?
        if let object {
            let state = try FileStateStore.decode(object.body, path: location)
            document = state
            base = .of(state, bytes: object.body)
        }
        var applying: [(index: Int, key: String)] = []
        var stale: [String] = []
        for item in listed {
            let rest = item.key.dropFirst(prefix.count)
            guard let slash = rest.firstIndex(of: "/"), let index = Int(rest[rest.index(after: slash)...])
            else {
                stale.append(item.key)
                continue
            }
            let name = String(rest[..<slash])
            let matches = base.map { name == folder($0) } ?? name.hasSuffix("-" + JournalBase.noDocument)
            if matches { applying.append((index, item.key)) } else { stale.append(item.key) }
        }
        applying.sort { $0.index < $1.index }
        let keys = applying.map(\.key)
        let fetched = await Concurrently.map(keys, width: 16) { key in
            await Self.result { () async throws(StateError) in
                try await self.retrying("read the journal", path: "s3://\(self.bucket)/\(key)") {
                    () async throws(ConditionalStoreError) in
                    try await self.objects.get(bucket: self.bucket, key: key)
                }
            }
        }
        var segments: [JournalSegment] = []
        for (key, outcome) in zip(keys, fetched) {
            guard let found = try outcome.get() else {
                if lastAttempt {
                    throw .corrupt(path: location, detail: "journal segment \(key) vanished while read")
                }
                return nil
            }
            do { segments.append(try StateJSON.decode(JournalSegment.self, from: found.body)) } catch {
                throw .corrupt(path: "s3://\(bucket)/\(key)", detail: StateJSON.problem(error))
            }
        }
        var folded = document
        var journalBase: JournalBase?
        if let first = segments.first, base == nil || first.base == base {
            try JournalFold.check(segments, over: first.base, path: "s3://\(bucket)/\(prefix)")
            folded = JournalFold.fold(segments, into: document, base: first.base)
            journalBase = first.base
        } else {
            stale += keys
            segments = []
        }
        let entryCount = segments.reduce(0) { $0 + $1.entries.count }
        remember(
            Seen(
                document: document, eTag: object?.eTag, base: base, folded: folded.map(Stamp.init),
                journalBase: journalBase, segments: journalBase == nil ? [] : keys, entryCount: entryCount,
                stale: stale))
        return (folded, ())
    }

    public func write(_ state: State, force: Bool) async throws(StateError) {
        if current() == nil { _ = try await load() }
        guard let seen = current() else { return }
        try SerialCheck.check(next: state, over: seen.folded, path: location, force: force)
        try await replace(with: state, seen: seen)
    }

    /// PutObject of `state` as the whole document, on the ETag of the document last seen; then the
    /// journal objects, which the document supersedes, are deleted. A crash between the two leaves
    /// segments whose base is not the document: every load ignores them.
    func replace(with state: State, seen: Seen) async throws(StateError) {
        let bytes: [UInt8]
        do { bytes = try StateJSON.encode(state) } catch {
            throw .io(path: location, detail: "cannot encode state")
        }
        let condition: WriteCondition = seen.eTag.map { .matches($0) } ?? .absent
        var written = Seen(
            document: state, eTag: nil, base: .of(state, bytes: bytes), folded: Stamp(state),
            journalBase: nil,
            segments: [], entryCount: 0, stale: [])
        do {
            written.eTag = try await retrying("save") { () async throws(ConditionalStoreError) in
                try await objects.put(bucket: bucket, key: key, body: bytes, condition: condition)
            }
            remember(written)
        } catch .changedSinceRead {
            // Ours when the stored document is exactly what we wrote: an earlier attempt landed and
            // its answer was lost.
            let stored = try? await objects.get(bucket: bucket, key: key)
            guard let stored, stored.body == bytes else {
                forget()
                let now = stored.flatMap { try? FileStateStore.decode($0.body, path: location) }
                throw .changedSinceRead(
                    path: location,
                    detail: now.map {
                        "it now has serial \($0.serial) (saved by bops \($0.bopsVersion ?? "?"))"
                    }
                        ?? (stored == nil ? "it was deleted" : "it was replaced"))
            }
            written.eTag = stored.eTag
            remember(written)
        } catch {
            forget()
            throw error
        }
        await removeObjects(seen.segments + seen.stale)
    }

    /// Deletes `keys` (16 at a time), leaving those that fail: they are stale, and the next writer
    /// removes them.
    func removeObjects(_ keys: [String]) async {
        _ = await Concurrently.map(keys, width: 16) { key in
            try? await self.retrying("remove a journal segment") { () async throws(ConditionalStoreError) in
                try await self.objects.delete(bucket: self.bucket, key: key, ifMatch: nil)
            }
        }
    }

    public func openJournal(over state: State) async throws(StateError) -> any StateJournal {
        if current()?.folded.map({ $0 != Stamp(state) }) ?? true { _ = try await load() }
        guard var seen = current() else { throw .io(path: location, detail: "the state was not read") }
        if let folded = seen.folded, folded != Stamp(state) {
            throw .changedSinceRead(path: location, detail: "it now has serial \(folded.serial)")
        }
        if !seen.stale.isEmpty {
            await removeObjects(seen.stale)
            seen.stale = []
            remember(seen)
        }
        let base = seen.journalBase ?? seen.base ?? .empty(state)
        return S3StateJournal(
            store: self, base: base, nextIndex: seen.segments.count,
            nextSerial: (seen.folded?.serial ?? state.serial) + 1, entryCount: seen.entryCount)
    }

    func current() -> Seen? { mutex.withLock { seen } }
    func remember(_ value: Seen) { mutex.withLock { seen = value } }
    func update(_ change: (inout Seen) -> Void) {
        mutex.withLock {
            guard var s = seen else { return }
            change(&s)
            seen = s
        }
    }
    private func forget() { mutex.withLock { seen = nil } }

    static func result<T>(_ body: () async throws(StateError) -> T) async -> Result<T, StateError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

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
    private let mutex = Lock()
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
