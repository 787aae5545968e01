import BopsPrimitives
import BopsTestSupport
import Foundation
import Testing

@testable import BopsState

/// What the sets of an interrupted writer came to: the changes whose `set` returned.
final class Returned: @unchecked Sendable {
    private let mutex = NSLock()
    private var changes: [String: JobRecord?] = [:]

    func add(_ name: String, _ record: JobRecord?) { mutex.withLock { changes[name] = .some(record) } }
    var all: [String: JobRecord?] { mutex.withLock { changes } }
}

@Suite("state journal, s3 backend")
struct S3StateJournalTests {
    let key = "bops/prod/state.json"
    let lockKey = "bops/prod/state.json.lock"
    let prefix = "bops/prod/state.json.journal/"

    func seeded(_ objects: InMemoryObjectStore) async throws -> State {
        try await change(s3Store(objects)) {
            for name in ["a", "b", "c"] { $0.jobs[name] = record(name) }
        }
    }

    /// The changes a writer makes in the scenarios below, in order.
    static let script: [(String, JobRecord?)] = [
        ("a", record("a", priority: 9)), ("d", record("d")), ("b", nil), ("e", record("e")),
    ]

    @Test func setsAreSegmentsListedBackByEveryLoadAndFinishWritesOneDocument() async throws {
        let objects = InMemoryObjectStore()
        let base = try await seeded(objects)
        let documentETag = try #require(objects.object(key)?.eTag)
        let store = s3Store(objects)
        let finished = try await withWriter(store) { writer in
            for (name, record) in Self.script { try await writer.set(record, for: name) }
            let during = try await s3Store(objects).load()
            #expect(during == (await writer.state), "another process sees every durable change")
            #expect(during?.serial == base.serial + Self.script.count)
            #expect(objects.object(key)?.eTag == documentETag, "the document is not rewritten by a set")
            #expect(objects.keys(under: prefix).count == Self.script.count, "one segment per sequential set")
            let puts = objects.calls.filter { $0.operation == .put && $0.key.hasPrefix(prefix) }
            #expect(puts.allSatisfy { $0.condition == "If-None-Match: *" })
            return try await writer.finish()
        }
        #expect(finished.jobs.keys.sorted() == ["a", "c", "d", "e"])
        #expect(objects.keys(under: prefix).isEmpty, "the fold removes the journal")
        let stored = try StateJSON.decode(State.self, from: try #require(objects.object(key)).body)
        #expect(stored == finished)
        #expect(try await s3Store(objects).load() == finished)
    }

    @Test func concurrentSetsShareSegments() async throws {
        let objects = InMemoryObjectStore()
        let base = try await seeded(objects)
        let names = (0..<100).map { "job-\($0)" }
        let (state, statistics) = try await withWriter(s3Store(objects)) { writer in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in names { group.addTask { try await writer.set(record(name), for: name) } }
                try await group.waitForAll()
            }
            return (await writer.state, await writer.statistics)
        }
        let segmentPuts = objects.calls.filter { $0.operation == .put && $0.key.hasPrefix(prefix) }
        #expect(segmentPuts.count == statistics.segments)
        #expect(statistics.segments < names.count, "\(statistics)")
        #expect(state.serial == base.serial + names.count)
        #expect(try await s3Store(objects).load() == state)
    }

    @Test func segmentsLeftBehindByAFoldAreIgnoredAndRemovedByTheNextWriter() async throws {
        let objects = InMemoryObjectStore()
        _ = try await seeded(objects)
        var leftBehind: [(String, [UInt8])] = []
        let finished = try await withWriter(s3Store(objects)) { writer in
            for (name, record) in Self.script { try await writer.set(record, for: name) }
            leftBehind = objects.keys(under: prefix).map { ($0, objects.object($0)!.body) }
            return try await writer.finish()
        }
        for (key, body) in leftBehind { objects.overwrite(key, body) }
        #expect(try await s3Store(objects).load() == finished, "segments of an older document are ignored")
        let next = try await withWriter(s3Store(objects)) { writer in
            try await writer.set(record("g"), for: "g")
            #expect(objects.keys(under: prefix).count == 1, "the stale segments were removed")
            return await writer.state
        }
        #expect(next.serial == finished.serial + 1)
        #expect(try await s3Store(objects).load() == next)
    }

    /// The process dies at every call in turn, after acting or before: what a later process reads is
    /// a valid state holding every change whose `set` returned, and its writer folds it cleanly.
    @Test(arguments: [false, true])
    func aCrashAtAnyCallLosesNoDurableSetAndLeavesAReadableState(acting: Bool) async throws {
        let clean = InMemoryObjectStore()
        _ = try await seeded(clean)
        let before = clean.calls.count
        _ = try await withWriter(s3Store(clean)) { writer in
            for (name, record) in Self.script { try await writer.set(record, for: name) }
            return try await writer.finish()
        }
        let total = clean.calls.count - before
        #expect(total > Self.script.count + 3)
        for n in 0..<total {
            let objects = InMemoryObjectStore()
            _ = try await seeded(objects)
            objects.crash(atCall: n, acting: acting)
            let returned = Returned()
            _ = try? await withWriter(s3Store(objects, attempts: 2)) { writer in
                for (name, record) in Self.script {
                    try await writer.set(record, for: name)
                    returned.add(name, record)
                }
                return try await writer.finish()
            }
            objects.revive()
            // The next process finds the dead holder's lock and removes it (force-unlock).
            objects.remove(lockKey)
            let loaded = try #require(try await s3Store(objects).load(), "crash at call \(n)")
            for (name, record) in returned.all {
                #expect(loaded.jobs[name] == record, "the durable set of \(name), crash at call \(n)")
            }
            let finished = try await withWriter(s3Store(objects)) { try await $0.finish() }
            #expect(finished == loaded, "crash at call \(n)")
            #expect(objects.keys(under: prefix).isEmpty, "no journal is left, crash at call \(n)")
            #expect(try await s3Store(objects).load() == loaded, "crash at call \(n)")
        }
    }

    @Test func conflictsLostAnswersAndUnavailableAnswersOnASegmentAreRetried() async throws {
        let objects = InMemoryObjectStore()
        _ = try await seeded(objects)
        let first = "/" + Timestamp.pad(0, 10)
        for _ in 0..<2 { objects.inject(.conflict, on: .put, keySuffix: first) }
        objects.inject(.unavailable, on: .put, keySuffix: first)
        objects.inject(.dropAfterActing, on: .put, keySuffix: first)
        objects.inject(.unavailable, on: .list)
        let state = try await withWriter(s3Store(objects)) { writer in
            try await writer.set(record("d"), for: "d")
            return await writer.state
        }
        let puts = objects.calls.filter { $0.operation == .put && $0.key.hasSuffix(first) }
        #expect(puts.count == 5, "two 409s, a 503, a lost answer and the 412 that finds our own segment")
        #expect(objects.keys(under: prefix).count == 1)
        #expect(try await s3Store(objects).load() == state)
    }

    @Test func aSegmentWrittenByAnotherWriterIsAConflictAndTheChangeIsNotApplied() async throws {
        let objects = InMemoryObjectStore()
        let base = try await seeded(objects)
        try await withWriter(s3Store(objects)) { writer in
            let store = s3Store(objects)
            let segmentKey = store.segmentKey(
                .of(base, bytes: try #require(objects.object(key)).body), index: 0)
            objects.overwrite(segmentKey, Array("theirs".utf8))
            await #expect(throws: StateError.self) { try await writer.set(record("d"), for: "d") }
            #expect(await writer.state == base)
            #expect(objects.object(segmentKey)?.body == Array("theirs".utf8), "their segment stands")
        }
    }

    @Test func aSegmentThatCannotBeStoredIsTakenBackAndTheNextSetWorks() async throws {
        let objects = InMemoryObjectStore()
        let base = try await seeded(objects)
        let first = "/" + Timestamp.pad(0, 10)
        objects.inject(.dropAfterActing, on: .put, keySuffix: first)
        for _ in 0..<2 { objects.inject(.unavailable, on: .put, keySuffix: first) }
        let state = try await withWriter(s3Store(objects, attempts: 3)) { writer in
            await #expect(throws: StateError.self) { try await writer.set(record("d"), for: "d") }
            #expect(await writer.state == base, "a change that throws is not applied")
            #expect(objects.keys(under: prefix).isEmpty, "the segment that landed was deleted again")
            try await writer.set(record("e"), for: "e")
            return await writer.state
        }
        #expect(state.serial == base.serial + 1)
        #expect(try await s3Store(objects).load() == state)
    }
}
