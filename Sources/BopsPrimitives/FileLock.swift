import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory lock on a file (`flock`), exclusive between processes and between threads of one
/// process: every acquisition opens its own descriptor, and a `flock` belongs to its open file. A holder
/// that dies loses the lock with its descriptors, so a dead holder never blocks anyone.
public struct FileLock: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Runs `body` holding the lock, waiting as long as another holder has it. The lock file is made
    /// when missing and stays afterwards. Failing to take the lock throws ``FileError``; errors of
    /// `body` are rethrown after the lock is released.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError.last("open lock file", path) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw FileError.last("lock", path) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Takes the lock without waiting; `nil` when someone else holds it. The lock file stays after
    /// ``HeldFileLock/release()``.
    public func tryLock() throws(FileError) -> HeldFileLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .last("open lock file", path) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return HeldFileLock(fd: fd, path: path, removesFile: false) }
        close(fd)
        return nil
    }

    /// Takes the lock without waiting and publishes `owner` (who holds it) in the lock file; `nil`
    /// when a live holder has it.
    ///
    /// The owner is complete from the first moment anyone can see the file: it is written and locked
    /// under a temporary name, then linked into place, so ``owner()`` never reads a half-written or
    /// empty file of a live holder. A file left by a dead holder (no `flock` on it) is replaced.
    /// Releasing removes the file. Without hard links (some network file systems) the file is written
    /// in place; ``owner()`` may then briefly read it empty.
    public func tryLock(owner: [UInt8]) throws(FileError) -> HeldFileLock? {
        let folder = PosixFile.parentFolder(of: path)
        try PosixFile.makeFolders(folder)
        let temp =
            folder + "/." + (path.split(separator: "/").last.map(String.init) ?? "lock")
            + ".new-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(temp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .last("create", temp) }
        let outcome: Result<LinkOutcome, FileError>
        do throws(FileError) {
            outcome = .success(try link(fd, temp: temp, owner: owner))
        } catch {
            outcome = .failure(error)
        }
        unlink(temp)
        switch outcome {
        case .success(.taken):
            PosixFile.syncFolder(folder)
            return HeldFileLock(fd: fd, path: path, removesFile: true)
        case .success(.held):
            close(fd)
            return nil
        case .success(.noLinks):
            close(fd)
            return try tryLockInPlace(owner: owner)
        case .failure(let error):
            close(fd)
            throw error
        }
    }

    private enum LinkOutcome { case taken, held, noLinks }

    /// Writes the owner into the temporary file `fd`, locks it and links it into place (or over a
    /// dead holder's file).
    private func link(_ fd: Int32, temp: String, owner: [UInt8]) throws(FileError) -> LinkOutcome {
        try PosixFile.writeAll(fd, owner, path: temp)
        guard fsync(fd) == 0 else { throw .last("fsync", temp) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw .last("lock", temp) }
        // A few rounds: a holder may release, or a dead holder's file be replaced, while we look.
        for _ in 0..<8 {
            if systemLink(temp, path) == 0 { return .taken }
            guard errno == EEXIST else { return .noLinks }
            switch try takeOver(from: temp) {
            case .taken: return .taken
            case .held: return .held
            case .vanished: continue
            }
        }
        return .held
    }

    private enum TakeOver { case taken, held, vanished }

    /// The lock file exists: a live holder has its `flock`, or it was left by a dead one. A dead
    /// holder's file is replaced by `temp` (already holding the owner and our `flock`).
    private func takeOver(from temp: String) throws(FileError) -> TakeOver {
        let existing = open(path, O_RDWR | O_CLOEXEC)
        guard existing >= 0 else {
            if errno == ENOENT { return .vanished }
            throw .last("open lock file", path)
        }
        defer { close(existing) }
        guard flock(existing, LOCK_EX | LOCK_NB) == 0 else { return .held }
        // Ours now, unless its holder removed it (released) between our open and our flock.
        guard PosixFile.isSameFile(existing, path) else { return .vanished }
        guard rename(temp, path) == 0 else { throw .last("rename onto", path) }
        return .taken
    }

    /// Where hard links are not supported: create or reuse the file, lock it, then write the owner.
    private func tryLockInPlace(owner: [UInt8]) throws(FileError) -> HeldFileLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .last("open lock file", path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0, PosixFile.isSameFile(fd, path) else {
            close(fd)
            return nil
        }
        _ = ftruncate(fd, 0)
        do throws(FileError) {
            try PosixFile.writeAll(fd, owner, path: path)
        } catch {
            close(fd)
            throw error
        }
        _ = fsync(fd)
        return HeldFileLock(fd: fd, path: path, removesFile: true)
    }

    /// What the current holder published with ``tryLock(owner:)``: `nil` when there is no lock file
    /// or it is empty.
    public func owner() -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        return [UInt8](data)
    }

    /// Removes the lock file regardless of who holds it (for a holder that hangs). A live holder keeps
    /// its `flock` on the removed file but no longer excludes anyone.
    public func remove() { unlink(path) }
}

/// A lock taken by ``FileLock``. Released by ``release()`` or, at the latest, when deinitialised.
public final class HeldFileLock: @unchecked Sendable {
    public let path: String
    private var fd: Int32
    private let removesFile: Bool
    private let mutex = Lock()

    init(fd: Int32, path: String, removesFile: Bool) {
        self.fd = fd
        self.path = path
        self.removesFile = removesFile
    }

    /// Releases the lock; a lock taken with an owner also removes its file first, unless the file was
    /// removed or replaced meanwhile (a forced unlock and a new holder). Calling it again does nothing.
    public func release() {
        mutex.withLock {
            guard fd >= 0 else { return }
            if removesFile && PosixFile.isSameFile(fd, path) { unlink(path) }
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}

/// The C library's `link(2)`, by a name the lock's own `link` method does not shadow.
private func systemLink(_ from: String, _ to: String) -> Int32 { link(from, to) }
