import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// State in a local JSON file, with an advisory lock in `<path>.lock`.
///
/// The lock is a file holding `LockInfo` plus an `flock` on it for as long as the command runs. A
/// holder that dies loses its `flock`, so its lock file is taken over instead of blocking everyone;
/// `forceUnlock` is for a holder that hangs.
public struct FileStateStore: StateStore {
    public let path: String
    public var location: String { path }
    var lockPath: String { path + ".lock" }

    public init(path: String) {
        self.path = path
    }

    public func load() throws(StateError) -> State? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, detail: "cannot read the file")
        }
        return try Self.decode(data, path: path)
    }

    static func decode(_ data: Data, path: String) throws(StateError) -> State {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .corrupt(path: path, detail: "not JSON (\(data.count) bytes)")
        }
        guard let top = object as? [String: Any] else { throw .corrupt(path: path, detail: "not a JSON object") }
        guard let version = top["version"] as? Int else {
            throw .corrupt(path: path, detail: "no integer `version`")
        }
        if version > State.currentVersion {
            throw .newerVersion(path: path, found: version, supported: State.currentVersion)
        }
        do {
            return try stateDecoder.decode(State.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .corrupt(path: path, detail: "missing `\(key.stringValue)` at \(pathText(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .corrupt(path: path, detail: "wrong type at \(pathText(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw .corrupt(path: path, detail: "\(context.debugDescription) at \(pathText(context.codingPath))")
        } catch {
            throw .corrupt(path: path, detail: "cannot decode")
        }
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top" : "/" + path.map(\.stringValue).joined(separator: "/")
    }

    public func save(_ state: State) throws(StateError) {
        // Never replace a document this version cannot read.
        if FileManager.default.fileExists(atPath: path) {
            _ = try load()
        }
        let data: Data
        do {
            data = try stateEncoder.encode(state)
        } catch {
            throw .io(path: path, detail: "cannot encode state")
        }
        try AtomicFile.write([UInt8](data) + [0x0A], to: path)
    }

    public func lock(_ info: LockInfo, timeout: Duration) throws(StateError) -> any StateLock {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let held = try FileLock.tryAcquire(path: lockPath, info: info) { return held }
            if ContinuousClock.now >= deadline {
                throw .locked(path: path, holder: FileLock.readInfo(lockPath))
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    public func forceUnlock(id: String) throws(StateError) {
        let holder = FileLock.readInfo(lockPath)
        guard let holder, holder.id == id else { throw .noSuchLock(path: path, id: id, holder: holder) }
        unlink(lockPath)
    }
}

let stateEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    e.dateEncodingStrategy = .iso8601
    return e
}()

let stateDecoder: JSONDecoder = {
    let d = JSONDecoder()
    d.dateDecodingStrategy = .iso8601
    return d
}()

/// A held lock file. Unlocking removes the file, then releases the `flock`.
final class FileLock: StateLock, @unchecked Sendable {
    let info: LockInfo
    private let path: String
    private var fd: Int32
    private let mutex = NSLock()

    private init(path: String, fd: Int32, info: LockInfo) {
        self.path = path
        self.fd = fd
        self.info = info
    }

    /// Takes the lock if nobody alive holds it; `nil` when someone does.
    static func tryAcquire(path: String, info: LockInfo) throws(StateError) -> FileLock? {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, detail: "cannot open lock file: \(AtomicFile.errnoText())") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        // The file may have been removed by its previous holder between our open and flock.
        var opened = stat()
        var current = stat()
        guard fstat(fd, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino else {
            close(fd)
            return nil
        }
        let bytes = [UInt8]((try? stateEncoder.encode(info)) ?? Data())
        _ = ftruncate(fd, 0)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        fsync(fd)
        return FileLock(path: path, fd: fd, info: info)
    }

    static func readInfo(_ path: String) -> LockInfo? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        return try? stateDecoder.decode(LockInfo.self, from: data)
    }

    func unlock() {
        mutex.lock()
        defer { mutex.unlock() }
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
