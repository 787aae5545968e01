import BopsJobs
import BopsPrimitives
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Plain POSIX file operations for the store: whole-file reads and writes, appends, atomic
/// replacement (``AtomicFile``). Every failure becomes an `InternalServiceException` naming the path.
enum FileIO {
    static func fail(_ what: String, _ path: String) -> EngineError {
        EngineError.internalError("local engine: \(what) \(path): \(String(cString: strerror(errno)))")
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func makeDirectory(_ path: String) throws(EngineError) {
        do { try PosixFile.makeFolders(path) } catch { throw engineError(error) }
    }

    static func engineError(_ error: FileError) -> EngineError {
        EngineError.internalError("local engine: \(error)")
    }

    /// The whole file, or `nil` when it does not exist.
    static func read(_ path: String) throws(EngineError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw fail("cannot open", path)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot stat", path) }
        return try readAll(fd, sizeHint: Int(st.st_size), path: path)
    }

    /// Bytes from `offset` to the end of the file (empty when the file is shorter or missing).
    static func read(_ path: String, from offset: Int) throws(EngineError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return [] }
            throw fail("cannot open", path)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot stat", path) }
        let size = Int(st.st_size)
        guard size > offset else { return [] }
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { throw fail("cannot seek", path) }
        return try readAll(fd, sizeHint: size - offset, path: path)
    }

    /// `count` bytes from `offset` (fewer at the end of the file). Throws when the file is missing.
    static func read(_ path: String, offset: Int, count: Int) throws(EngineError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail("cannot open", path) }
        defer { close(fd) }
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { throw fail("cannot seek", path) }
        return try fill(fd, count: max(count, 0), growing: false, path: path)
    }

    private static func readAll(_ fd: Int32, sizeHint: Int, path: String) throws(EngineError) -> [UInt8] {
        // One byte more than expected, so a file of the expected size ends without growing.
        try fill(fd, count: max(sizeHint, 0) + 1, growing: true, path: path)
    }

    /// Reads from `fd` into a buffer of `count` bytes until the end of the file, or until the
    /// buffer is full when not `growing` (a growing buffer doubles instead); the bytes read.
    private static func fill(
        _ fd: Int32, count: Int, growing: Bool, path: String
    ) throws(EngineError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while true {
            if filled == out.count {
                guard growing else { break }
                out.append(contentsOf: repeatElement(0, count: max(4096, out.count)))
            }
            let n = out.withUnsafeMutableBytes { raw in
                systemRead(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("cannot read", path)
            }
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return out
    }

    /// Creates (or truncates) `path` with `bytes`, without fsync: for immutable object data.
    static func write(_ bytes: [UInt8], to path: String) throws(EngineError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("cannot create", path) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    /// Appends `bytes` to `path` in one write (creating the file).
    static func append(_ bytes: [UInt8], to path: String, sync: Bool = false) throws(EngineError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("cannot open", path) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
        if sync { fsync(fd) }
    }

    /// Truncates `path` to `size` bytes (drops a torn tail left by a crash).
    static func truncate(_ path: String, to size: Int) {
        _ = systemTruncate(path, off_t(size))
    }

    static func size(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// Replaces `path` atomically (``AtomicFile``).
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(EngineError) {
        do { try AtomicFile.write(bytes, to: path) } catch { throw engineError(error) }
    }

    static func remove(_ path: String) { unlink(path) }

    /// Names in a folder (no `.`/`..`, no hidden names), or `[]` when it does not exist.
    static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(EngineError) {
        do { try PosixFile.writeAll(fd, bytes, path: path) } catch { throw engineError(error) }
    }

    private static func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, p, n)
        #else
            Darwin.read(fd, p, n)
        #endif
    }
}

/// The C library's `truncate(2)`, by a name the `truncate(_:to:)` method does not shadow.
private func systemTruncate(_ path: String, _ size: off_t) -> Int32 { truncate(path, size) }
