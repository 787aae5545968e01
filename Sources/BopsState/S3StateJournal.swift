import BopsPrimitives
import FoundationEssentials

/// The journal of an ``S3StateStore``: one object per segment, `<key>.journal/<base>/<index>`,
/// created with `If-None-Match: *` (so a segment is written once, by one writer) and listed back by
/// every load.
///
/// Invariants: ``append(_:bopsVersion:)`` returns once the segment's PutObject answered 200, or
/// answered 412 and the stored segment is byte for byte ours (a retried put whose first attempt
/// landed). A 412 over another writer's segment throws ``StateError/changedSinceRead(path:detail:)``.
/// An append that throws deletes what it may have stored; a journal whose delete fails too refuses
/// every later append.
final class S3StateJournal: StateJournal, @unchecked Sendable {
    private let store: S3StateStore
    private let mutex = Lock()
    private var base: JournalBase
    private var nextIndex: Int
    private var nextSerial: Int
    private var entries: Int
    private var broken: String?

    init(store: S3StateStore, base: JournalBase, nextIndex: Int, nextSerial: Int, entryCount: Int) {
        self.store = store
        self.base = base
        self.nextIndex = nextIndex
        self.nextSerial = nextSerial
        self.entries = entryCount
    }

    var entryCount: Int { mutex.withLock { entries } }

    func append(_ new: [JournalEntry], bopsVersion: String?) async throws(StateError) {
        guard !new.isEmpty else { return }
        let (segment, problem) = mutex.withLock {
            (
                JournalSegment(
                    base: base, index: nextIndex, firstSerial: nextSerial, bopsVersion: bopsVersion,
                    entries: new),
                broken
            )
        }
        let key = store.segmentKey(segment.base, index: segment.index)
        let path = "s3://\(store.bucket)/\(key)"
        if let problem { throw .io(path: path, detail: problem) }
        guard let seen = store.current(), seen.journalBase ?? seen.base ?? segment.base == segment.base else {
            throw .changedSinceRead(
                path: store.location, detail: "the document was replaced while its journal was open")
        }
        let body: [UInt8]
        do { body = try JournalLine.compactJSON(segment) + [0x0A] } catch {
            throw .io(path: path, detail: "cannot encode the journal segment")
        }
        do {
            _ = try await store.retrying("append to the journal", path: path) {
                () async throws(ConditionalStoreError) in
                try await store.objects.put(bucket: store.bucket, key: key, body: body, condition: .absent)
            }
        } catch .changedSinceRead {
            let stored = try? await store.objects.get(bucket: store.bucket, key: key)
            guard stored?.body == body else {
                throw .changedSinceRead(
                    path: path, detail: "journal segment \(segment.index) was written by another writer")
            }
        } catch {
            // The put may have landed with its answer lost: take it back.
            do {
                try await store.retrying("take back a failed journal segment", path: path) {
                    () async throws(ConditionalStoreError) in
                    try await store.objects.delete(bucket: store.bucket, key: key, ifMatch: nil)
                }
            } catch {
                mutex.withLock {
                    broken = "a failed journal segment could not be taken back (\(error.diagnostic.summary))"
                }
            }
            throw error
        }
        mutex.withLock {
            nextIndex += 1
            nextSerial += new.count
            entries += new.count
        }
        store.update {
            $0.journalBase = segment.base
            $0.segments.append(key)
            $0.entryCount += new.count
            $0.folded = Stamp(lineage: segment.base.lineage, serial: segment.lastSerial)
        }
    }

    func fold(_ state: State) async throws(StateError) {
        let base = mutex.withLock { self.base }
        guard let seen = store.current(), seen.journalBase ?? seen.base ?? base == base else {
            throw .changedSinceRead(
                path: store.location, detail: "the document was replaced while its journal was open")
        }
        if seen.base != nil {
            try SerialCheck.check(
                next: state, over: Stamp(lineage: base.lineage, serial: base.serial), path: store.location,
                force: false)
        }
        try await store.replace(with: state, seen: seen)
        let newBase = store.current()?.base ?? .empty(state)
        mutex.withLock {
            self.base = newBase
            nextIndex = 0
            nextSerial = state.serial + 1
            entries = 0
        }
    }
}

/// Runs `body` over `items`, at most `width` at a time, and gives the results in the items' order.
enum Concurrently {
    static func map<T: Sendable, R: Sendable>(
        _ items: [T], width: Int, _ body: @escaping @Sendable (T) async -> R
    ) async -> [R] {
        guard !items.isEmpty else { return [] }
        return await withTaskGroup(of: (Int, R).self) { group in
            var results = [R?](repeating: nil, count: items.count)
            var next = 0
            while next < min(width, items.count) {
                let i = next
                group.addTask { (i, await body(items[i])) }
                next += 1
            }
            while let (i, r) = await group.next() {
                results[i] = r
                if next < items.count {
                    let j = next
                    group.addTask { (j, await body(items[j])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
