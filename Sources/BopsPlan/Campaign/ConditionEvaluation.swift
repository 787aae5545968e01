public import BopsJobs
public import BopsState
public import FoundationEssentials

/// What the planner knows of a campaign besides jobs: the restore checks made for this plan, and
/// the plan's clock (the only use of time: how long a delay has left, whether a restored copy
/// expires soon). Conditions are never decided by the clock alone.
public struct CampaignInputs: Sendable, Hashable {
    /// By the restore spec's name: what HEAD said of its current job's objects.
    public var restores: [String: RestoreObservation]
    public var now: Date

    public init(restores: [String: RestoreObservation] = [:], now: Date = Date(timeIntervalSince1970: 0)) {
        self.restores = restores
        self.now = now
    }

    /// A restored copy that expires within this long is warned about.
    public static let expiryWarning: TimeInterval = 24 * 3600
}

/// Evaluates one dependency from what the plan knows of the dependency's spec. Pure.
enum ConditionEvaluation {
    /// - `action`: what this plan does for the dependency (its first action), `nil` when it has none.
    /// - `record`, `observation`: the dependency's recorded job and what the engine said of it.
    /// - `dependentHasJob`: the waiting spec's own job exists and this plan makes no new one: a
    ///   `restored` condition without an observation is then not evaluated (its objects are not
    ///   looked at for a job that will not be created).
    static func evaluate(
        _ dep: Dependency, action: PlannedAction?, record: JobRecord?, observation: Observation?,
        inputs: CampaignInputs, dependentHasJob: Bool = false
    ) -> ConditionCheck {
        func check(_ verdict: ConditionCheck.Verdict, _ state: ConditionCheck.State) -> ConditionCheck {
            var c = ConditionCheck(dependency: dep, verdict: verdict, state: state)
            c.jobId = record?.jobId
            return c
        }
        switch action?.kind {
        case .blocked?: return check(.blocks, .dependencyBlocked)
        case .create?, .clone?, .replace?, .wait?, .adopt?:
            // A new job is coming (or waits to): the dependency is on that one, not on the last.
            return ConditionCheck(dependency: dep, verdict: .waits, state: .noJob)
        default: break
        }
        guard let record, let jobId = record.jobId else { return check(.waits, .noJob) }
        var observed: ObservedJob?
        if case .job(let o)? = observation { observed = o }
        let status = observed?.status ?? record.status
        let progress = observed?.progress ?? record.progress
        var c = check(.waits, .running)
        c.status = status
        c.progress = progress
        func with(_ verdict: ConditionCheck.Verdict, _ state: ConditionCheck.State) -> ConditionCheck {
            var out = c
            out.verdict = verdict
            out.state = state
            return out
        }
        guard let status else { return with(.waits, observation == nil ? .notObserved : .running) }
        if status == .failed || status == .cancelled { return with(.blocks, .ended) }
        if status == .suspended { return with(.waits, .awaitingConfirmation) }
        guard status == .complete else { return with(.waits, observation == nil ? .notObserved : .running) }
        switch dep.when {
        case .completed: break
        case .succeeded:
            let total = progress?.total ?? 0
            let failed = progress?.failed ?? 0
            if total > 0 && Double(failed) / Double(total) > dep.maxFailedRatio + 1e-12 {
                return with(.blocks, .tooManyFailures)
            }
        case .restored:
            guard let restore = inputs.restores[dep.spec], restore.jobId == jobId else {
                return dependentHasJob ? with(.holds, .notEvaluated) : with(.waits, .notObserved)
            }
            c.restore = restore
            if restore.unreadable != nil { return with(.waits, .unreadable) }
            if restore.archived > 0 { return with(.blocks, .expired) }
            if restore.ongoing > 0 { return with(.waits, .restoring) }
            if let expiry = restore.earliestExpiry, expiry <= inputs.now { return with(.blocks, .expired) }
        }
        c.heldSince = record.heldSince?[dep.conditionKey]
        if let delay = dep.delay {
            let since = c.heldSince ?? inputs.now
            let left = Double(delay.milliseconds) / 1000 - inputs.now.timeIntervalSince(since)
            if left > 0 {
                c.remainingSeconds = left
                return with(.waits, .delay)
            }
        }
        return with(.holds, .holds)
    }
}
