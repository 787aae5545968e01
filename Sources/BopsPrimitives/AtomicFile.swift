#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces whole files so that a reader sees either the old or the new content, never a mix, and a
/// crash at any moment leaves one of the two on disk.
public enum AtomicFile {
    /// Writes `bytes` to a temporary file in the folder of `path`, fsyncs it, renames it over `path`
    /// and fsyncs the folder. With `createFolders`, missing folders are made first.
    ///
    /// On any error `path` is left as it was and the temporary file is removed.
    public static func write(_ bytes: [UInt8], to path: String, createFolders: Bool = false) throws(FileError)
    {
        let folder = PosixFile.parentFolder(of: path)
        if createFolders { try PosixFile.makeFolders(folder) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temp = folder + "/." + name + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .last("create", temp) }
        do throws(FileError) {
            try PosixFile.writeAll(fd, bytes, path: temp)
            guard fsync(fd) == 0 else { throw FileError.last("fsync", temp) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let failure = FileError.last("rename onto", path)
            unlink(temp)
            throw failure
        }
        PosixFile.syncFolder(folder)
    }
}
