public import BopsDiagnostics

public enum StateError: Error, Sendable, Hashable {
    case corrupt(path: String, detail: String)
    case newerVersion(path: String, found: Int, supported: Int)
    case io(path: String, detail: String)
    /// `holder` is `nil` only when the lock file could not be read as a bops lock.
    case locked(path: String, holder: LockInfo?)
    case noSuchLock(path: String, id: String, holder: LockInfo?)
    /// The stored state has another lineage than the one being written: an unrelated state.
    case lineageMismatch(path: String, found: String, writing: String)
    /// The stored state's serial is not older than the one being written: someone saved since.
    case serialNotNewer(path: String, found: Int, writing: Int)
    /// A compare-and-swap save found the stored document changed since this command read it.
    case changedSinceRead(path: String, detail: String)

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
        case .lineageMismatch(let path, let found, let writing):
            return Diagnostic(
                .error, "state has another lineage: it is an unrelated state",
                detail:
                    "the stored state has lineage \(found); the state being written has lineage \(writing)",
                hint:
                    "check the state location; bops state migrate --force replaces an unrelated state on purpose",
                subject: path)
        case .serialNotNewer(let path, let found, let writing):
            return Diagnostic(
                .error, "state was saved by someone else since it was read",
                detail: "the stored state has serial \(found); this command would write serial \(writing)",
                hint: "nothing was overwritten; run the command again to start from the current state",
                subject: path)
        case .changedSinceRead(let path, let detail):
            return Diagnostic(
                .error, "state changed since this command read it: \(detail)",
                hint: "nothing was overwritten; run the command again to start from the current state",
                subject: path)
        }
    }
}
