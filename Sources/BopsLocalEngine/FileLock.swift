import BopsJobs
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A cross-process advisory lock (`flock`) on a lock file, also exclusive between threads of one
/// process (each holder opens its own descriptor, and `flock` locks are per open file).
final class FileLock: Sendable {
    let path: String

    init(path: String) { self.path = path }

    /// Runs `body` holding the lock exclusively, waiting for other holders.
    func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileIO.fail("cannot open lock file", path) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw FileIO.fail("cannot lock", path) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Takes the lock without waiting. `nil` when someone else holds it. Release with ``release(_:)``.
    func tryAcquire() throws -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileIO.fail("cannot open lock file", path) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
        close(fd)
        return nil
    }

    func release(_ fd: Int32) {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
