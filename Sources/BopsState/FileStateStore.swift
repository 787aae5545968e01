import BopsPrimitives
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// State in a local JSON file, with an advisory lock in `<path>.lock` and a journal of the changes
/// since the document was written in `<path>.journal` (``FileStateJournal``).
///
/// Saves are atomic (``AtomicFile``); a save does not read back the document this store last read or
/// wrote while the file is the same (device, inode, size, modification time). The lock is a ``FileLock`` whose file holds the holder's
/// ``LockInfo`` from the moment it exists, so a command that finds the state locked always names the
/// holder. A holder that dies loses its `flock`, so its lock file is taken over instead of blocking
/// everyone; `forceUnlock` is for a holder that hangs.
public struct FileStateStore: StateStore {
    public let path: String
    public var location: String { path }
    public var backend: String { "local file \(path)" }
    var lockPath: String { path + ".lock" }
    /// The journal of the document's changes since it was written, one line per segment.
    public var journalPath: String { path + ".journal" }
    let knowledge = FileStateKnowledge()

    public init(path: String) {
        self.path = path
    }

    public func load() async throws(StateError) -> State? { try read() }

    /// Reads the document and its journal, folds the journal in when it applies to the document, and
    /// remembers what it found (``FileStateKnowledge``).
    func read() throws(StateError) -> State? {
        let fingerprint = FileFingerprint(path)
        var document: State?
        var base: JournalBase?
        if fingerprint != nil || FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .io(path: path, detail: "cannot read the file")
            }
            let bytes = [UInt8](data)
            let state = try Self.decode(bytes, path: path)
            document = state
            base = .of(state, bytes: bytes)
        }
        var journal = JournalFile(exists: false, length: 0, segments: [], applies: false)
        if let data = FileManager.default.contents(atPath: journalPath) {
            let bytes = [UInt8](data)
            let (segments, length) = try JournalLine.parse(bytes, path: journalPath)
            let applies =
                segments.first.map { first in
                    base.map { first.base == $0 } ?? (first.base.digest == JournalBase.noDocument)
                } ?? false
            journal = JournalFile(exists: true, length: length, segments: [], applies: applies)
            if applies {
                let over = segments[0].base
                try JournalFold.check(segments, over: over, path: journalPath)
                journal.segments = segments
                base = over
            }
        }
        let folded: State? =
            journal.applies
            ? JournalFold.fold(journal.segments, into: document, base: base!) : document
        knowledge.set(
            FileStateKnowledge.Known(
                fingerprint: fingerprint, base: base, folded: folded.map(Stamp.init),
                journalExists: journal.exists, journalLength: journal.length,
                journalApplies: journal.applies, segmentCount: journal.segments.count,
                entryCount: journal.segments.reduce(0) { $0 + $1.entries.count }))
        return folded
    }

    struct JournalFile {
        var exists: Bool
        var length: Int
        var segments: [JournalSegment]
        var applies: Bool
    }

    static func decode(_ bytes: [UInt8], path: String) throws(StateError) -> State {
        let object: Any
        do {
            object = try JSONAny.parse(bytes)
        } catch {
            throw .corrupt(path: path, detail: "not JSON (\(bytes.count) bytes)")
        }
        guard let top = object as? [String: Any] else {
            throw .corrupt(path: path, detail: "not a JSON object")
        }
        guard let version = top["version"] as? Int else {
            throw .corrupt(path: path, detail: "no integer `version`")
        }
        if version > State.currentVersion {
            throw .newerVersion(path: path, found: version, supported: State.currentVersion)
        }
        do {
            return try StateJSON.decode(State.self, from: bytes)
        } catch {
            throw .corrupt(path: path, detail: StateJSON.problem(error))
        }
    }

    /// What this store knows of the files, when the document is still the one it last read or
    /// wrote (same file, size and modification time); else it reads them again.
    func current() throws(StateError) -> FileStateKnowledge.Known {
        if let known = knowledge.get(), known.fingerprint == FileFingerprint(path) { return known }
        _ = try read()
        return knowledge.get()!
    }

    public func write(_ state: State, force: Bool) async throws(StateError) {
        // Never replace a document this version cannot read, nor (unforced) a newer or unrelated one.
        let known = try current()
        try SerialCheck.check(next: state, over: known.folded, path: path, force: force)
        try replace(with: state, removingJournal: known.journalExists)
    }

    /// Writes `state` as the whole document (atomically), then removes the journal, which the
    /// document supersedes. A crash between the two leaves a journal whose base is not the document:
    /// every load ignores it.
    func replace(with state: State, removingJournal: Bool) throws(StateError) {
        let bytes: [UInt8]
        do {
            bytes = try StateJSON.encode(state)
        } catch {
            throw .io(path: path, detail: "cannot encode state")
        }
        do {
            try AtomicFile.write(bytes, to: path, createFolders: true)
        } catch {
            knowledge.set(nil)
            throw .io(path: path, detail: error.description)
        }
        if removingJournal {
            unlink(journalPath)
            PosixFile.syncFolder(PosixFile.parentFolder(of: journalPath))
        }
        knowledge.set(
            FileStateKnowledge.Known(
                fingerprint: FileFingerprint(path), base: .of(state, bytes: bytes), folded: Stamp(state),
                journalExists: false, journalLength: 0, journalApplies: false, segmentCount: 0, entryCount: 0
            ))
    }

    public func openJournal(over state: State) async throws(StateError) -> any StateJournal {
        var known = try current()
        if known.folded != nil && known.folded != Stamp(state) {
            _ = try read()
            known = knowledge.get()!
        }
        if let folded = known.folded, folded != Stamp(state) {
            throw .changedSinceRead(path: path, detail: "it now has serial \(folded.serial)")
        }
        if known.journalExists && !known.journalApplies {
            // Left by a crash after its fold was written, or by a state replaced since.
            unlink(journalPath)
            PosixFile.syncFolder(PosixFile.parentFolder(of: journalPath))
            known.journalExists = false
            known.journalLength = 0
        } else if known.journalExists, FileFingerprint(journalPath)?.size != known.journalLength {
            // A torn last line: cut it so the next append starts on a line of its own.
            guard truncate(journalPath, off_t(known.journalLength)) == 0 else {
                throw .io(path: journalPath, detail: FileError.last("truncate", journalPath).description)
            }
            let fd = open(journalPath, O_WRONLY | O_CLOEXEC)
            if fd >= 0 {
                _ = fsync(fd)
                close(fd)
            }
        }
        knowledge.set(known)
        return FileStateJournal(store: self, base: known.base ?? .empty(state), known: known)
    }

    public func lock(_ info: LockInfo, timeout: Duration) async throws(StateError) -> any StateLock {
        let owner: [UInt8]
        do { owner = try StateJSON.encode(info) } catch {
            throw .io(path: lockPath, detail: "cannot encode the lock")
        }
        let file = FileLock(path: lockPath)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        // A holder that releases between our attempt and our read of its file leaves nothing to read:
        // then the lock is free and the next attempt takes it. Only a file that stays unreadable for
        // this long is reported without a holder.
        let unreadableFor = Duration.seconds(2)
        while true {
            do {
                if let held = try file.tryLock(owner: owner) { return FileStateLock(info: info, held: held) }
            } catch {
                throw .io(path: lockPath, detail: error.description)
            }
            let now = clock.now
            if now >= deadline {
                if let holder = readHolder() { throw .locked(path: path, holder: holder) }
                if now >= deadline.advanced(by: unreadableFor) { throw .locked(path: path, holder: nil) }
                try? await Task.sleep(for: .milliseconds(10))
            } else {
                try? await Task.sleep(for: min(.milliseconds(100), deadline - now))
            }
        }
    }

    public func currentLock() async throws(StateError) -> LockInfo? { readHolder() }

    public func forceUnlock(id: String) async throws(StateError) {
        let holder = readHolder()
        guard let holder, holder.id == id else { throw .noSuchLock(path: path, id: id, holder: holder) }
        FileLock(path: lockPath).remove()
    }

    /// The holder named in the lock file; `nil` when there is none or it is not a bops lock.
    func readHolder() -> LockInfo? {
        guard let bytes = FileLock(path: lockPath).owner() else { return nil }
        return try? StateJSON.decode(LockInfo.self, from: bytes)
    }
}

/// A held state lock: releasing removes the lock file, then the `flock`.
final class FileStateLock: StateLock {
    let info: LockInfo
    private let held: HeldFileLock

    init(info: LockInfo, held: HeldFileLock) {
        self.info = info
        self.held = held
    }

    func unlock() { held.release() }
}
