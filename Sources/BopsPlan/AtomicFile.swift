import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that readers see either the old or the new content, never a mix:
/// a temporary file in the same folder, fsync, rename over the target, fsync of the folder.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(StateError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, detail: "cannot create folder \(folder)")
        }
        let temp = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .io(path: path, detail: "cannot create \(temp): \(errnoText())") }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let detail = errnoText()
                close(fd)
                throw .io(path: path, detail: "write failed: \(detail)")
            }
            offset += n
        }
        if fsync(fd) != 0 {
            let detail = errnoText()
            close(fd)
            throw .io(path: path, detail: "fsync failed: \(detail)")
        }
        close(fd)
        guard rename(temp, path) == 0 else { throw .io(path: path, detail: "rename failed: \(errnoText())") }
        ok = true
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
            return Glibc.write(fd, p, n)
        #else
            return Darwin.write(fd, p, n)
        #endif
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
