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
    /// Memory grows with what is read, not with `count` (a limit of 64 MiB on a 1 KiB spec
    /// allocates about 1 KiB): the file's size is the first guess, then chunks of 64 KiB.
    public func read(upTo count: Int) throws(FileError) -> [UInt8] {
        var info = stat()
        let size = fstat(fd, &info) == 0 ? max(0, Int(info.st_size)) : 0
        var out: [UInt8] = []
        var chunk = min(count, size + 1)
        while out.count < count {
            chunk = min(max(chunk, 1), count - out.count)
            let piece = try readChunk(chunk)
            if piece.isEmpty { break }
            if out.isEmpty { out = piece } else { out.append(contentsOf: piece) }
            chunk = 1 << 16
        }
        return out
    }

    /// One `read(2)` of at most `count` bytes (retried on EINTR); empty at the end of the file.
    private func readChunk(_ count: Int) throws(FileError) -> [UInt8] {
        var failure: FileError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while true {
                let n = posixRead(fd, buffer.baseAddress!, count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = FileError.last("read", path) }
                initialized = max(0, n)
                return
            }
        }
        if let failure { throw failure }
        return bytes
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
