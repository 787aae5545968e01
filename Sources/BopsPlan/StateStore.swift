public import BopsDiagnostics
public import Foundation

/// Where the recorded state lives. Implementations never lose a saved state: a save either
/// replaces the whole document or leaves the previous one as it was.
public protocol StateStore: Sendable {
    /// A human-readable location (`.bops/state.json`).
    var location: String { get }
    /// The recorded state, or `nil` when none has been saved yet. A corrupt document or one of a
    /// newer `version` is an error; the store never rewrites it.
    func load() throws(StateError) -> State?
    func save(_ state: State) throws(StateError)
    /// Takes the store's lock for one command; waits up to `timeout` when someone else holds it.
    func lock(_ info: LockInfo, timeout: Duration) throws(StateError) -> any StateLock
    /// Removes a lock left behind, only when its id matches.
    func forceUnlock(id: String) throws(StateError)
}

public protocol StateLock: AnyObject, Sendable {
    var info: LockInfo { get }
    func unlock()
}

/// Who holds the state lock: written into the lock so that others can say who to ask.
public struct LockInfo: Codable, Sendable, Hashable {
    public var id: String
    public var operation: String
    public var who: String
    public var pid: Int32
    public var path: String
    public var created: Date
    public var version: String

    public init(operation: String, who: String, path: String, version: String, created: Date, pid: Int32) {
        self.id = UUID().uuidString.lowercased()
        self.operation = operation
        self.who = who
        self.pid = pid
        self.path = path
        self.created = created
        self.version = version
    }
}

public enum StateError: Error, Sendable, Hashable {
    case corrupt(path: String, detail: String)
    case newerVersion(path: String, found: Int, supported: Int)
    case io(path: String, detail: String)
    case locked(path: String, holder: LockInfo?)
    case noSuchLock(path: String, id: String, holder: LockInfo?)

    /// The error as a diagnostic with a hint on what to do.
    public var diagnostic: Diagnostic {
        switch self {
        case .corrupt(let path, let detail):
            return Diagnostic(
                .error, "state file is not valid: \(detail)",
                hint: "bops will not overwrite it; restore it from a backup or version control, or move it away to start afresh",
                subject: path)
        case .newerVersion(let path, let found, let supported):
            return Diagnostic(
                .error, "state file has version \(found); this bops understands up to version \(supported)",
                hint: "upgrade bops; the state file was left untouched", subject: path)
        case .io(let path, let detail):
            return Diagnostic(.error, "cannot access state: \(detail)", subject: path)
        case .locked(let path, let holder):
            let who = holder.map {
                "locked by \($0.who) (pid \($0.pid), `\($0.operation)`, since \(ISO8601DateFormatter().string(from: $0.created)), lock id \($0.id))"
            }
            return Diagnostic(
                .error, "state is locked", detail: who,
                hint: "wait for the other command, retry with --lock-timeout, or if it died: bops force-unlock LOCK_ID",
                subject: path)
        case .noSuchLock(let path, let id, let holder):
            return Diagnostic(
                .error, "no lock with id \(id)",
                detail: holder.map { "the current lock has id \($0.id)" } ?? "the state is not locked",
                hint: "pass the lock id shown in the error of the command that found the state locked", subject: path)
        }
    }
}
