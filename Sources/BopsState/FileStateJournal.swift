import BopsPrimitives
import Dispatch
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The journal of a ``FileStateStore``: `<path>.journal`, one ``JournalLine`` per segment, each
/// appended with one `write` and made durable with one `fdatasync` before ``append(_:bopsVersion:)``
/// returns (the file's name is made durable with its folder the first time).
///
/// Invariants: the file holds only whole lines of this journal's base after every append that
/// returned; an append that fails is cut off again (`ftruncate`), and a journal whose cut fails
/// refuses every later append. The blocking calls run on a queue of their own, not on the caller's
/// threads.
final class FileStateJournal: StateJournal, @unchecked Sendable {
    private let store: FileStateStore
    private let queue = DispatchQueue(label: "bops.state.journal")
    private let mutex = Lock()
    private var base: JournalBase
    private var nextIndex: Int
    private var nextSerial: Int
    private var length: Int
    private var entries: Int
    private var exists: Bool
    private var fd: Int32 = -1
    private var broken: String?

    init(store: FileStateStore, base: JournalBase, known: FileStateKnowledge.Known) {
        self.store = store
        self.base = base
        self.nextIndex = known.journalApplies ? known.segmentCount : 0
        self.nextSerial = (known.folded?.serial ?? base.serial) + 1
        self.length = known.journalApplies ? known.journalLength : 0
        self.entries = known.journalApplies ? known.entryCount : 0
        self.exists = known.journalApplies
    }

    deinit { if fd >= 0 { close(fd) } }

    var entryCount: Int { mutex.withLock { entries } }

    func append(_ entries: [JournalEntry], bopsVersion: String?) async throws(StateError) {
        guard !entries.isEmpty else { return }
        let result: Result<Void, StateError> = await withCheckedContinuation { done in
            queue.async {
                done.resume(
                    returning: Result { () throws(StateError) in try self.appendNow(entries, bopsVersion) })
            }
        }
        try result.get()
    }

    /// One append, on the journal's queue.
    private func appendNow(_ new: [JournalEntry], _ bopsVersion: String?) throws(StateError) {
        let path = store.journalPath
        let prepared: Result<(JournalSegment, Int, Int32), StateError> = mutex.withLock {
            if let broken { return .failure(.io(path: path, detail: broken)) }
            guard (store.knowledge.get()?.base ?? base) == base else {
                return .failure(
                    .changedSinceRead(
                        path: store.path, detail: "the document was replaced while its journal was open"))
            }
            if fd < 0 {
                fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
                guard fd >= 0 else {
                    return .failure(.io(path: path, detail: FileError.last("open", path).description))
                }
            }
            let segment = JournalSegment(
                base: base, index: nextIndex, firstSerial: nextSerial, bopsVersion: bopsVersion, entries: new)
            return .success((segment, length, fd))
        }
        let (segment, offset, opened) = try prepared.get()
        let line: [UInt8]
        do { line = try JournalLine.encode(segment) } catch {
            throw .io(path: path, detail: "cannot encode the journal segment")
        }
        var failure: FileError?
        if pwriteAll(opened, line, at: offset) == false {
            failure = .last("write", path)
        } else if datasync(opened) != 0 {
            failure = .last("fdatasync", path)
        }
        if let failure {
            // Cut the segment off again: a change that throws is not in the store.
            if ftruncate(opened, off_t(offset)) != 0 || datasync(opened) != 0 {
                mutex.withLock {
                    broken = "the journal could not be cut back after a failed append (\(failure))"
                }
            }
            throw .io(path: path, detail: failure.description)
        }
        let firstTime = mutex.withLock { () -> Bool in
            defer { exists = true }
            return !exists
        }
        if firstTime { PosixFile.syncFolder(PosixFile.parentFolder(of: path)) }
        mutex.withLock {
            nextIndex += 1
            nextSerial += new.count
            length += line.count
            entries += new.count
        }
        store.knowledge.update {
            $0.folded = Stamp(lineage: segment.base.lineage, serial: segment.lastSerial)
            $0.journalExists = true
            $0.journalApplies = true
            $0.journalLength = offset + line.count
            $0.segmentCount = segment.index + 1
            $0.entryCount += new.count
        }
    }

    func fold(_ state: State) async throws(StateError) {
        let base = mutex.withLock { self.base }
        let known = try store.current()
        guard known.base == base || (known.base == nil && base.digest == JournalBase.noDocument) else {
            throw .changedSinceRead(
                path: store.path, detail: "the document was replaced while its journal was open")
        }
        if base.digest != JournalBase.noDocument {
            try SerialCheck.check(
                next: state, over: Stamp(lineage: base.lineage, serial: base.serial), path: store.path,
                force: false)
        }
        try store.replace(with: state, removingJournal: true)
        let newBase = store.knowledge.get()?.base ?? .empty(state)
        mutex.withLock {
            if fd >= 0 { close(fd) }
            fd = -1
            self.base = newBase
            nextIndex = 0
            nextSerial = state.serial + 1
            length = 0
            entries = 0
            exists = false
        }
    }

    private func pwriteAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += n
        }
        return true
    }

    private func datasync(_ fd: Int32) -> Int32 {
        #if os(Linux)
            fdatasync(fd)
        #else
            fsync(fd)
        #endif
    }
}

/// What a ``FileStateStore`` knows of its files from its last read or write, shared by its copies
/// and its open journal.
final class FileStateKnowledge: @unchecked Sendable {
    struct Known: Sendable, Hashable {
        /// The document file as read or written (`nil`: there was none).
        var fingerprint: FileFingerprint?
        /// The document's base (`nil`: no document).
        var base: JournalBase?
        /// The state a load gives: the document with the journal folded in (`nil`: no state).
        var folded: Stamp?
        var journalExists: Bool
        /// Bytes of good lines at the start of the journal file.
        var journalLength: Int
        /// Whether the journal's base is the document (else it is ignored).
        var journalApplies: Bool
        var segmentCount: Int
        var entryCount: Int
    }

    private let mutex = Lock()
    private var known: Known?

    func get() -> Known? { mutex.withLock { known } }
    func set(_ value: Known?) { mutex.withLock { known = value } }
    func update(_ change: (inout Known) -> Void) {
        mutex.withLock {
            guard var k = known else { return }
            change(&k)
            known = k
        }
    }
}

/// A file's identity and version as `stat` gives them: a file replaced (renamed over) or rewritten
/// has another fingerprint.
struct FileFingerprint: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: Int
    var modifiedNanoseconds: Int

    /// `nil` when there is no such file.
    init?(_ path: String) {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        size = Int(s.st_size)
        #if os(Linux)
            modified = Int(s.st_mtim.tv_sec)
            modifiedNanoseconds = Int(s.st_mtim.tv_nsec)
        #else
            modified = Int(s.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(s.st_mtimespec.tv_nsec)
        #endif
    }
}
