#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX calls that the atomic write, the file lock and the local engine's files share.
public enum PosixFile {
    /// Writes every byte to `fd`, retrying short writes and `EINTR`. `path` only names the file in errors.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .last("write", path)
            }
            offset += n
        }
    }

    /// Appends `bytes` to `path`, creating it (mode 0644) when missing.
    public static func append(_ bytes: [UInt8], to path: String) throws(FileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .last("open", path) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    /// Creates `path` and any missing parent folders (mode 0755); an existing folder is fine.
    public static func makeFolders(_ path: String) throws(FileError) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        if errno == ENOENT {
            let parent = parentFolder(of: path)
            if !parent.isEmpty && parent != path {
                try makeFolders(parent)
                if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
            }
        }
        throw .last("create folder", path)
    }

    /// The folder part of `path` (`.` for a bare name, `/` for a file at the root).
    public static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// fsyncs a folder so that a rename or a new name in it survives a crash. Best effort: a file
    /// system that cannot sync folders is not an error.
    public static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Whether the open `fd` is still the file named `path` (it was not removed or replaced since).
    public static func isSameFile(_ fd: Int32, _ path: String) -> Bool {
        var opened = stat()
        var current = stat()
        return fstat(fd, &opened) == 0 && stat(path, &current) == 0 && opened.st_ino == current.st_ino
            && opened.st_dev == current.st_dev
    }

    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(fd, p, n)
        #else
            Darwin.write(fd, p, n)
        #endif
    }
}
