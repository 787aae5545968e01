#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file open for reading, read in chunks (manifests to hash or upload, spec files up to a limit).
///
/// Invariant: the descriptor is open from a successful `init` until ``close()`` or `deinit`; reads
/// after the end return no bytes.
public final class FileReader: @unchecked Sendable {
    public let path: String
    private var fd: Int32

    /// Opens `path`; throws ``FileError`` when it cannot be opened.
    public init(path: String) throws(FileError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw FileError.last("open", path) }
    }

    /// Up to `count` bytes from where the last read ended; fewer only at the end of the file.
    public func read(upTo count: Int) throws(FileError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = out.withUnsafeMutableBytes { raw in
                posixRead(fd, raw.baseAddress! + filled, count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.last("read", path)
            }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(count - filled)
        return out
    }

    /// Closes the file; calling it again does nothing.
    public func close() {
        if fd >= 0 {
            _ = posixClose(fd)
            fd = -1
        }
    }

    deinit { close() }
}

private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

private func posixClose(_ fd: Int32) -> Int32 {
    close(fd)
}

/// This process's standard output and standard error, written without buffering.
public enum StandardStream {
    case output, error

    /// Writes all of `text`; a closed stream (EPIPE) loses the text silently, as `print` does.
    public func write(_ text: String) {
        let fd: Int32 = self == .output ? STDOUT_FILENO : STDERR_FILENO
        try? PosixFile.writeAll(fd, Array(text.utf8), path: self == .output ? "stdout" : "stderr")
    }
}
