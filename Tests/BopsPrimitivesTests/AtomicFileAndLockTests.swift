import BopsPrimitives
import BopsTestSupport
import Foundation
import Testing

@Suite("atomic file and file lock")
struct AtomicFileAndLockTests {
    @Test func replacesTheWholeFileAndLeavesNoTemporaryFile() throws {
        let folder = try TempFolder()
        let path = folder.file("f.json")
        try AtomicFile.write(Array("old".utf8), to: path)
        try AtomicFile.write(Array("new content".utf8), to: path)
        #expect(folder.read("f.json") == "new content")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["f.json"])
    }

    @Test func aMissingFolderIsAnErrorUnlessAskedToMakeIt() throws {
        let folder = try TempFolder()
        #expect(throws: FileError.self) { try AtomicFile.write([1], to: folder.file("a/b/f")) }
        #expect(!FileManager.default.fileExists(atPath: folder.file("a")))
        try AtomicFile.write([1], to: folder.file("a/b/f"), createFolders: true)
        #expect(FileManager.default.contents(atPath: folder.file("a/b/f")) == Data([1]))
    }

    @Test func theOwnerIsReadableAsSoonAsTheLockFileExists() throws {
        let folder = try TempFolder()
        let lock = FileLock(path: folder.file("x.lock"))
        let held = try #require(try lock.tryLock(owner: Array("first".utf8)))
        #expect(try lock.tryLock(owner: Array("second".utf8)) == nil, "a second holder is refused")
        #expect(lock.owner() == Array("first".utf8))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["x.lock"],
            "no temporary file is left")
        held.release()
        #expect(lock.owner() == nil, "releasing removes the file")
        let again = try #require(try lock.tryLock(owner: Array("second".utf8)))
        #expect(lock.owner() == Array("second".utf8))
        again.release()
    }

    @Test func holdersRacingFromManyThreadsAlwaysFindAnOwner() throws {
        let folder = try TempFolder()
        let lock = FileLock(path: folder.file("race.lock"))
        let problems = Problems()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<200 {
                let me = Array("worker \(worker) round \(round)".utf8)
                do {
                    if let held = try lock.tryLock(owner: me) {
                        if lock.owner() != me {
                            problems.add("holder \(worker) does not see itself as the owner")
                        }
                        held.release()
                    }
                } catch {
                    problems.add("\(error)")
                }
            }
        }
        #expect(problems.all.isEmpty, "\(problems.all.prefix(3))")
    }

    @Test func withLockExcludesOtherThreads() throws {
        let folder = try TempFolder()
        let lock = FileLock(path: folder.file("mutex.lock"))
        let counter = Problems()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<50 {
                try? lock.withLock {
                    let before = counter.count
                    counter.add("x")
                    if counter.count != before + 1 { counter.add("overlap") }
                }
            }
        }
        #expect(counter.count == 200)
    }
}

/// A thread-safe list of strings.
final class Problems: @unchecked Sendable {
    private let mutex = NSLock()
    private var items: [String] = []
    func add(_ s: String) { mutex.withLock { items.append(s) } }
    var all: [String] { mutex.withLock { items } }
    var count: Int { all.count }
}
