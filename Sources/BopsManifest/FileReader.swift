#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for reading with read(2), closed on deinit.
final class FileReader {
    let fd: Int32

    /// Opens `path`, or returns the system's reason it cannot.
    static func open(_ path: String) -> Result<FileReader, FileError> {
        let fd = path.withCString { systemOpen($0) }
        if fd < 0 { return .failure(FileError(path: path, errno: errno)) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            return .failure(FileError(path: path, errno: EISDIR))
        }
        return .success(FileReader(fd: fd))
    }

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Fills up to `count` bytes (fewer only at end of file); returns the count, or -1 with errno.
    func read(into p: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var got = 0
        while got < count {
            let r = systemRead(fd, p + got, count - got)
            if r < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if r == 0 { break }
            got += r
        }
        return got
    }
}

struct FileError: Error, Sendable {
    var path: String
    var errno: Int32
    var message: String { String(cString: strerror(errno)) }
}

@inline(__always)
private func systemOpen(_ p: UnsafePointer<CChar>) -> Int32 { open(p, O_RDONLY) }

@inline(__always)
private func systemRead(_ fd: Int32, _ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
    read(fd, p, n)
}

func errnoValue() -> Int32 { errno }
