public import BopsDiagnostics

public enum StateError: Error, Sendable, Hashable {
    case corrupt(path: String, detail: String)
    case newerVersion(path: String, found: Int, supported: Int)
    case io(path: String, detail: String)
    /// `holder` is `nil` only when the lock file could not be read as a bops lock.
    case locked(path: String, holder: LockInfo?)
    case noSuchLock(path: String, id: String, holder: LockInfo?)

    /// The error as a diagnostic with a hint on what to do.
    public var diagnostic: Diagnostic {
        switch self {
        case .corrupt(let path, let detail):
            return Diagnostic(
                .error, "state file is not valid: \(detail)",
                hint:
                    "bops will not overwrite it; restore it from a backup or version control, or move it away to start afresh",
                subject: path)
        case .newerVersion(let path, let found, let supported):
            return Diagnostic(
                .error, "state file has version \(found); this bops understands up to version \(supported)",
                hint: "upgrade bops; the state file was left untouched", subject: path)
        case .io(let path, let detail):
            return Diagnostic(.error, "cannot access state: \(detail)", subject: path)
        case .locked(let path, let holder):
            let who =
                holder.map { "locked by \($0.holderText)" }
                ?? "the lock file \(path).lock is held but does not say by whom (not written by bops?)"
            return Diagnostic(
                .error, "state is locked", detail: who,
                hint:
                    "wait for the other command, retry with --lock-timeout, or if it died: bops force-unlock LOCK_ID",
                subject: path)
        case .noSuchLock(let path, let id, let holder):
            return Diagnostic(
                .error, "no lock with id \(id)",
                detail: holder.map { "the current lock has id \($0.id)" } ?? "the state is not locked",
                hint: "pass the lock id shown in the error of the command that found the state locked",
                subject: path)
        }
    }
}
