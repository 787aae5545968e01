import BopsPrimitives
import Foundation

/// State in a local JSON file, with an advisory lock in `<path>.lock`.
///
/// Saves are atomic (``AtomicFile``). The lock is a ``FileLock`` whose file holds the holder's
/// ``LockInfo`` from the moment it exists, so a command that finds the state locked always names the
/// holder. A holder that dies loses its `flock`, so its lock file is taken over instead of blocking
/// everyone; `forceUnlock` is for a holder that hangs.
public struct FileStateStore: StateStore {
    public let path: String
    public var location: String { path }
    public var backend: String { "local file \(path)" }
    var lockPath: String { path + ".lock" }

    public init(path: String) {
        self.path = path
    }

    public func load() async throws(StateError) -> State? { try read() }

    func read() throws(StateError) -> State? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, detail: "cannot read the file")
        }
        return try Self.decode([UInt8](data), path: path)
    }

    static func decode(_ bytes: [UInt8], path: String) throws(StateError) -> State {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw .corrupt(path: path, detail: "not JSON (\(bytes.count) bytes)")
        }
        guard let top = object as? [String: Any] else {
            throw .corrupt(path: path, detail: "not a JSON object")
        }
        guard let version = top["version"] as? Int else {
            throw .corrupt(path: path, detail: "no integer `version`")
        }
        if version > State.currentVersion {
            throw .newerVersion(path: path, found: version, supported: State.currentVersion)
        }
        do {
            return try StateJSON.decode(State.self, from: bytes)
        } catch {
            throw .corrupt(path: path, detail: StateJSON.problem(error))
        }
    }

    public func write(_ state: State, force: Bool) async throws(StateError) {
        // Never replace a document this version cannot read, nor (unforced) a newer or unrelated one.
        let current = try read()
        try SerialCheck.check(next: state, over: current, path: path, force: force)
        let bytes: [UInt8]
        do {
            bytes = try StateJSON.encode(state)
        } catch {
            throw .io(path: path, detail: "cannot encode state")
        }
        do {
            try AtomicFile.write(bytes, to: path, createFolders: true)
        } catch {
            throw .io(path: path, detail: error.description)
        }
    }

    public func lock(_ info: LockInfo, timeout: Duration) async throws(StateError) -> any StateLock {
        let owner: [UInt8]
        do { owner = try StateJSON.encode(info) } catch {
            throw .io(path: lockPath, detail: "cannot encode the lock")
        }
        let file = FileLock(path: lockPath)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        // A holder that releases between our attempt and our read of its file leaves nothing to read:
        // then the lock is free and the next attempt takes it. Only a file that stays unreadable for
        // this long is reported without a holder.
        let unreadableFor = Duration.seconds(2)
        while true {
            do {
                if let held = try file.tryLock(owner: owner) { return FileStateLock(info: info, held: held) }
            } catch {
                throw .io(path: lockPath, detail: error.description)
            }
            let now = clock.now
            if now >= deadline {
                if let holder = readHolder() { throw .locked(path: path, holder: holder) }
                if now >= deadline.advanced(by: unreadableFor) { throw .locked(path: path, holder: nil) }
                try? await Task.sleep(for: .milliseconds(10))
            } else {
                try? await Task.sleep(for: min(.milliseconds(100), deadline - now))
            }
        }
    }

    public func currentLock() async throws(StateError) -> LockInfo? { readHolder() }

    public func forceUnlock(id: String) async throws(StateError) {
        let holder = readHolder()
        guard let holder, holder.id == id else { throw .noSuchLock(path: path, id: id, holder: holder) }
        FileLock(path: lockPath).remove()
    }

    /// The holder named in the lock file; `nil` when there is none or it is not a bops lock.
    func readHolder() -> LockInfo? {
        guard let bytes = FileLock(path: lockPath).owner() else { return nil }
        return try? StateJSON.decode(LockInfo.self, from: bytes)
    }
}

/// A held state lock: releasing removes the lock file, then the `flock`.
final class FileStateLock: StateLock {
    let info: LockInfo
    private let held: HeldFileLock

    init(info: LockInfo, held: HeldFileLock) {
        self.info = info
        self.held = held
    }

    func unlock() { held.release() }
}
