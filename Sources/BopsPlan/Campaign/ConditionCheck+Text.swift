import BopsPrimitives
public import FoundationEssentials

extension ConditionCheck {
    /// The plan's line for this condition: `waits for restore-archive-2019: 2 of 3 objects restored
    /// (1 restore still running)`, `blocked by backfill: job … Failed after 3 of 10 tasks`.
    public var sentence: String {
        let name = dependency.spec
        let job = jobId.map { "job \($0)" } ?? "its job"
        let head: String
        switch verdict {
        case .holds: head = "\(name) \(dependency.phrase): "
        case .waits: head = "waits for \(name) (\(dependency.phrase)): "
        case .blocks: head = "blocked by \(name) (\(dependency.phrase)): "
        }
        return head + detail(job: job)
    }

    func detail(job: String) -> String {
        let summary = Planner.summary(status, progress)
        switch state {
        case .holds:
            if let restore { return Self.restoredFigures(restore) }
            return "\(job) \(summary)"
        case .delay:
            let left = remainingSeconds.map { DurationText.format(.milliseconds(Int64($0 * 1000))) } ?? "?"
            let since =
                heldSince.map {
                    " since \(Timestamp(date: $0).rfc3339(fractionDigits: 0, dropZeroFraction: true))"
                } ?? " (first seen now)"
            return "the condition holds\(since); \(left) of the delay left"
        case .noJob: return "its new job is not created yet"
        case .dependencyBlocked: return "it is blocked itself, so this spec can never start"
        case .running: return "\(job) is \(summary)"
        case .awaitingConfirmation:
            return "\(job) waits for confirmation; set confirm: true in \(dependency.spec) to run it"
        case .notObserved: return "not observed (--refresh=false); the last recorded state is \(summary)"
        case .ended:
            return "\(job) ended \(summary) and can never meet the condition; "
                + "clone it (bump rerun) or remove this dependency"
        case .tooManyFailures:
            let failed = progress?.failed ?? 0
            let total = progress?.total ?? 0
            let share = total > 0 ? Percent.text(Double(failed) / Double(total)) : "0%"
            return
                "\(job) \(summary) (\(share)), more than maxFailedRatio \(Percent.text(dependency.maxFailedRatio)) allows; "
                + "retry the failed tasks, or raise maxFailedRatio"
        case .restoring:
            return restore.map(Self.restoredFigures) ?? "restores are still running"
        case .expired:
            guard let restore else { return "the restored copies have expired" }
            if restore.archived > 0 {
                return
                    "\(restore.archived) of \(restore.counted) objects \(restore.archived == 1 ? "is" : "are") archived again "
                    + "(the restored copy expired, or was never made); bump rerun of \(dependency.spec) to restore again"
            }
            return
                "the restored copies expired at \(restore.earliestExpiry.map { Timestamp(date: $0).rfc3339(fractionDigits: 0, dropZeroFraction: true) } ?? "?"); "
                + "bump rerun of \(dependency.spec) to restore again"
        case .notEvaluated: return "this spec's job exists, so the objects are not looked at again"
        case .unreadable:
            return "the restore's objects cannot be looked at: \(restore?.unreadable ?? "unknown")"
        }
    }

    /// `2 of 3 objects restored (1 restore still running)`, `3 of 3 objects restored (sampled 3 of 1.2M; 2 failed by the job: a.log, b.log)`.
    static func restoredFigures(_ r: RestoreObservation) -> String {
        var text = "\(r.restored) of \(r.counted) objects restored"
        var notes: [String] = []
        if r.ongoing > 0 { notes.append("\(r.ongoing) restore\(r.ongoing == 1 ? "" : "s") still running") }
        if r.sampled { notes.append("sampled \(r.checked) of \(r.manifestObjects - r.failedByJobCount)") }
        if r.missing > 0 { notes.append("\(r.missing) not found") }
        if r.failedByJobCount > 0 {
            notes.append(
                "\(r.failedByJobCount) failed by the restore job, not counted: "
                    + r.failedByJob.prefix(3).joined(separator: ", ")
                    + (r.failedByJobCount > 3 ? ", ..." : ""))
        }
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        return text
    }

    /// A warning for the dependent when a restored copy expires within a day of `now` (or has).
    public func expiryWarning(now: Date) -> String? {
        guard dependency.when == .restored, let expiry = restore?.earliestExpiry,
            expiry.timeIntervalSince(now) < CampaignInputs.expiryWarning
        else { return nil }
        let when = Timestamp(date: expiry).rfc3339(fractionDigits: 0, dropZeroFraction: true)
        return expiry <= now
            ? "restored copies of \(dependency.spec) expired at \(when)"
            : "restored copies of \(dependency.spec) expire at \(when), within 24 hours: "
                + "the job must have read them by then"
    }
}
