import BopsPrimitives
import BopsTestSupport
import Foundation
import Testing

@testable import BopsState

/// Runs `body` with a writer started from the state as loaded under the lock, as `apply` does.
func withWriter<T: Sendable>(
    _ store: any StateStore, _ body: (StateWriter) async throws -> T
) async throws -> T {
    try await store.withLock(info("apply"), timeout: .zero) { locked in
        try await body(StateWriter(locked, from: try await locked.load()))
    }
}

func journalLines(_ store: FileStateStore) -> [String] {
    guard let data = FileManager.default.contents(atPath: store.journalPath) else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// The document alone, as stored, without the journal.
func storedDocument(_ store: FileStateStore) throws -> State? {
    guard let data = FileManager.default.contents(atPath: store.path) else { return nil }
    return try FileStateStore.decode([UInt8](data), path: store.path)
}

@Suite("state journal, file backend", .serialized)
struct StateJournalTests {
    /// Three records saved as a document, then a writer changes, adds and removes records.
    func seeded(_ folder: TempFolder) async throws -> (FileStateStore, State) {
        let store = FileStateStore(path: folder.file(".bops/state.json"))
        let base = try await change(store) {
            for name in ["a", "b", "c"] { $0.jobs[name] = record(name) }
        }
        return (store, base)
    }

    @Test func everySetIsDurableInTheJournalAndFinishWritesOneDocument() async throws {
        let folder = try TempFolder()
        let (store, base) = try await seeded(folder)
        let (during, finished) = try await withWriter(store) { writer in
            try await writer.set(record("a", priority: 7), for: "a")
            try await writer.set(record("d"), for: "d")
            try await writer.set(nil, for: "b")
            // What a crash now would leave: a fresh store (another process) folds the journal in.
            let during = try await FileStateStore(path: store.path).load()
            #expect(during == (await writer.state))
            #expect(try storedDocument(store) == base, "the document is not rewritten by a set")
            #expect(journalLines(store).count == 3)
            return (during, try await writer.finish())
        }
        let loaded = try #require(during)
        #expect(loaded.serial == base.serial + 3, "each change is the next serial")
        #expect(loaded.jobs.keys.sorted() == ["a", "c", "d"])
        #expect(loaded.jobs["a"]?.priority == 7)
        #expect(loaded.bopsVersion == "9.9.9")
        #expect(finished == loaded, "finish keeps the serial a load gave")
        #expect(try storedDocument(store) == finished, "the document is the folded state")
        #expect(!FileManager.default.fileExists(atPath: store.journalPath), "the journal is removed")
        #expect(try await FileStateStore(path: store.path).load() == finished)
    }

    @Test func aTornLastLineIsIgnoredAndCutByTheNextWriter() async throws {
        let folder = try TempFolder()
        let (store, _) = try await seeded(folder)
        let two = try await withWriter(store) { writer in
            try await writer.set(record("d"), for: "d")
            let two = await writer.state
            try await writer.set(record("e"), for: "e")
            return two
        }
        // The last append torn by a crash: half its line reached the disk.
        let lines = journalLines(store)
        let torn = lines[0] + "\n" + lines[1].prefix(lines[1].count / 2)
        _ = FileManager.default.createFile(atPath: store.journalPath, contents: Data(torn.utf8))
        #expect(try await FileStateStore(path: store.path).load() == two)
        let finished = try await withWriter(store) { writer in
            #expect(await writer.state == two)
            try await writer.set(record("f"), for: "f")
            #expect(journalLines(store).count == 2, "the torn line was cut before the append")
            return try await writer.finish()
        }
        #expect(finished.serial == two.serial + 1)
        #expect(finished.jobs.keys.sorted() == ["a", "b", "c", "d", "f"])
        #expect(try await FileStateStore(path: store.path).load() == finished)
    }

    @Test(arguments: ["garbage", "{\"crc32\":\"00000000\",\"segment\":{}}"])
    func aDamagedLineBeforeTheLastIsCorruptAndNothingIsOverwritten(_ damage: String) async throws {
        let folder = try TempFolder()
        let (store, _) = try await seeded(folder)
        _ = try await withWriter(store) { writer in
            for name in ["d", "e"] { try await writer.set(record(name), for: name) }
        }
        let lines = journalLines(store)
        let damaged = damage + "\n" + lines[1] + "\n"
        _ = FileManager.default.createFile(atPath: store.journalPath, contents: Data(damaged.utf8))
        let fresh = FileStateStore(path: store.path)
        await #expect(throws: StateError.self) { try await fresh.load() }
        await #expect(throws: StateError.self) { try await change(fresh) { $0.jobs["x"] = record("x") } }
        #expect(journalLines(store) == [damage, lines[1]], "the journal is left as it was")
    }

    /// A crash after the fold's document was written and before the journal was removed.
    @Test func aJournalLeftBehindByAFoldIsIgnoredAndRemovedByTheNextWriter() async throws {
        let folder = try TempFolder()
        let (store, _) = try await seeded(folder)
        var leftBehind = Data()
        let finished = try await withWriter(store) { writer in
            try await writer.set(record("a", priority: 5), for: "a")
            try await writer.set(nil, for: "c")
            leftBehind = try #require(FileManager.default.contents(atPath: store.journalPath))
            return try await writer.finish()
        }
        _ = FileManager.default.createFile(atPath: store.journalPath, contents: leftBehind)
        #expect(try await FileStateStore(path: store.path).load() == finished, "the old journal is ignored")
        let next = try await withWriter(store) { writer in
            #expect(await writer.state == finished)
            try await writer.set(record("g"), for: "g")
            #expect(journalLines(store).count == 1, "the stale journal was removed before the append")
            return await writer.state
        }
        #expect(next.serial == finished.serial + 1)
        #expect(try await FileStateStore(path: store.path).load() == next)
    }

    @Test func concurrentSetsAreGroupCommitted() async throws {
        let folder = try TempFolder()
        let (store, base) = try await seeded(folder)
        let names = (0..<200).map { "job-\($0)" }
        let (state, statistics) = try await withWriter(store) { writer in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in names { group.addTask { try await writer.set(record(name), for: name) } }
                try await group.waitForAll()
            }
            return (await writer.state, await writer.statistics)
        }
        #expect(statistics.entries == names.count)
        #expect(statistics.segments < names.count, "sets queued behind a write share the next segment")
        #expect(journalLines(store).count == statistics.segments, "one line per segment")
        #expect(state.serial == base.serial + names.count)
        #expect(try await FileStateStore(path: store.path).load() == state)
        #expect(Set(state.jobs.keys) == Set(names + ["a", "b", "c"]))
    }

    /// A plan is bound to the serial it was made from: after any durable change it is stale.
    @Test func aPlanMadeBeforeTheChangesIsStaleAfterThem() async throws {
        let folder = try TempFolder()
        let (store, base) = try await seeded(folder)
        let planned = try #require(try await store.load()).serial
        #expect(planned == base.serial)
        try await withWriter(store) { writer in try await writer.set(record("a", priority: 3), for: "a") }
        let afterCrash = try #require(try await FileStateStore(path: store.path).load())
        #expect(afterCrash.serial > planned, "a crash before the fold still moves the serial")
        let finished = try await withWriter(store) { writer in try await writer.finish() }
        #expect(finished.serial == afterCrash.serial, "the fold writes the serial loads gave")
        #expect(try storedDocument(store)?.serial == afterCrash.serial)
    }

    @Test func theFirstApplyOfAProjectKeepsItsJournalWithoutADocument() async throws {
        let folder = try TempFolder()
        let store = FileStateStore(path: folder.file(".bops/state.json"))
        let state = try await withWriter(store) { writer in
            try await writer.set(record("a"), for: "a")
            try await writer.set(record("b"), for: "b")
            return await writer.state
        }
        #expect(!FileManager.default.fileExists(atPath: store.path), "no document is written by a set")
        let loaded = try #require(try await FileStateStore(path: store.path).load())
        #expect(loaded == state)
        #expect(loaded.serial == 2)
        let finished = try await withWriter(store) { writer in try await writer.finish() }
        #expect(finished == state)
        #expect(try storedDocument(store) == state)
        #expect(!FileManager.default.fileExists(atPath: store.journalPath))
    }

    /// `state rm` and the other state commands save whole documents over a journal left by a crash.
    @Test func aWholeSaveOverAJournalKeepsItsChangesAndRemovesIt() async throws {
        let folder = try TempFolder()
        let (store, _) = try await seeded(folder)
        let crashed = try await withWriter(store) { writer in
            try await writer.set(record("d"), for: "d")
            return await writer.state
        }
        let saved = try await change(FileStateStore(path: store.path)) { $0.jobs["a"] = nil }
        #expect(saved.serial == crashed.serial + 1)
        #expect(saved.jobs.keys.sorted() == ["b", "c", "d"])
        #expect(!FileManager.default.fileExists(atPath: store.journalPath))
        #expect(try await FileStateStore(path: store.path).load() == saved)
    }

    /// A save does not read back the document it knows, but one replaced behind its back is read.
    @Test func aDocumentReplacedBehindTheStoresBackIsReadAgainBeforeASave() async throws {
        let folder = try TempFolder()
        let (store, base) = try await seeded(folder)
        try await store.withLock(info(), timeout: .zero) { locked in
            var state = try #require(try await locked.load())
            var theirs = base
            theirs.serial = 10
            try AtomicFile.write(try StateJSON.encode(theirs), to: store.path)
            state.jobs["ours"] = record("ours")
            await #expect(
                throws: StateError.serialNotNewer(path: store.path, found: 10, writing: base.serial + 1)
            ) {
                try await locked.save(&state)
            }
        }
        #expect(try storedDocument(store)?.serial == 10)
    }

    @Test func aWriterOverAStateThatMovedSinceItWasReadIsRefused() async throws {
        let folder = try TempFolder()
        let (store, base) = try await seeded(folder)
        try await store.withLock(info(), timeout: .zero) { locked in
            let stale = try #require(try await locked.load())
            var moved = base
            moved.serial = 5
            try AtomicFile.write(try StateJSON.encode(moved), to: store.path)
            let writer = StateWriter(locked, from: stale)
            await #expect(
                throws: StateError.changedSinceRead(path: store.path, detail: "it now has serial 5")
            ) {
                try await writer.set(record("x"), for: "x")
            }
            #expect(await writer.state == stale, "a change that throws is not applied")
        }
    }
}

@Suite("state journal, in-memory store")
struct InMemoryStateJournalTests {
    @Test func theFakeFoldsItsJournalAndCountsAppendsAndFolds() async throws {
        let journal = Journal()
        let store = InMemoryStateStore(journal: journal, failingWrites: [1], failingFolds: [0])
        try await store.withLock(.test(), timeout: .zero) { locked in
            let writer = StateWriter(locked, from: try await locked.load())
            try await writer.set(record("a"), for: "a")
            await #expect(throws: StateError.self) { try await writer.set(record("b"), for: "b") }
            #expect(await writer.state.jobs.keys.sorted() == ["a"], "the failed change is not applied")
            #expect(store.current == (await writer.state), "what a crash leaves is what the writer has")
            #expect(store.storedDocument == nil)
            try await writer.set(record("c"), for: "c")
            await #expect(throws: StateError.self) { try await writer.finish() }
            #expect(store.storedDocument == nil, "a failed fold leaves the journal as it was")
            #expect(store.current == (await writer.state))
            let finished = try await writer.finish()
            #expect(store.storedDocument == finished)
            #expect(store.journalSegments.isEmpty)
        }
        #expect(store.appendCount == 3 && store.foldCount == 2 && store.writeCount == 3)
        #expect(journal.saves.map(\.serial) == [1, 2], "one save per durable change")
        #expect(store.current?.jobs.keys.sorted() == ["a", "c"])
    }
}
