public import BopsJobs
public import BopsState
public import FoundationEssentials

/// One dependency of an action, evaluated at this plan from what was observed: whether it holds,
/// and if not whether it may still (the action waits) or never can (the action is blocked), with
/// the figures that say why. Renderers phrase it; nothing here is a sentence but ``Dependency/phrase``.
public struct ConditionCheck: Codable, Sendable, Hashable {
    public enum Verdict: String, Codable, Sendable, Hashable {
        case holds
        case waits
        case blocks
    }

    /// Why the verdict is what it is.
    public enum State: String, Codable, Sendable, Hashable {
        /// The condition holds (and any delay has passed).
        case holds
        /// The condition holds; its delay has not passed yet.
        case delay
        /// The dependency has no job yet, or this plan makes it a new one.
        case noJob = "no_job"
        /// The dependency is itself blocked.
        case dependencyBlocked = "dependency_blocked"
        /// The dependency's job has not ended.
        case running
        /// The dependency's job waits for confirmation.
        case awaitingConfirmation = "awaiting_confirmation"
        /// The plan observed nothing (`--refresh=false`): the condition is not evaluated.
        case notObserved = "not_observed"
        /// The job ended Failed or Cancelled.
        case ended
        /// Complete, with more failed tasks than `maxFailedRatio` allows.
        case tooManyFailures = "too_many_failures"
        /// Restores are still running on some objects.
        case restoring
        /// Some objects are archived again (their restored copies expired) or were never restored.
        case expired
        /// The restore job's objects could not be looked at.
        case unreadable
        /// This spec's job exists and is not made anew: the objects are not looked at again.
        case notEvaluated = "not_evaluated"
    }

    public var dependency: Dependency
    public var verdict: Verdict
    public var state: State
    /// The dependency's current job, when it has one.
    public var jobId: String?
    public var status: JobStatus?
    public var progress: BopsState.Progress?
    /// With `restored`: what HEAD said of the objects.
    public var restore: RestoreObservation?
    /// When bops first observed the condition to hold for this job (recorded by an apply).
    public var heldSince: Date?
    /// With a delay that has not passed: how long is left.
    public var remainingSeconds: Double?
    /// The condition itself holds (before any delay).
    public var satisfied: Bool { state == .holds || state == .delay }

    public init(dependency: Dependency, verdict: Verdict, state: State) {
        self.dependency = dependency
        self.verdict = verdict
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case dependency, verdict, state, status, progress, restore
        case jobId = "job_id"
        case heldSince = "held_since"
        case remainingSeconds = "remaining_seconds"
        case holds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dependency = try c.decode(Dependency.self, forKey: .dependency)
        verdict = try c.decode(Verdict.self, forKey: .verdict)
        state = try c.decode(State.self, forKey: .state)
        jobId = try c.decodeIfPresent(String.self, forKey: .jobId)
        status = try c.decodeIfPresent(JobStatus.self, forKey: .status)
        progress = try c.decodeIfPresent(BopsState.Progress.self, forKey: .progress)
        restore = try c.decodeIfPresent(RestoreObservation.self, forKey: .restore)
        heldSince = try c.decodeIfPresent(Date.self, forKey: .heldSince)
        remainingSeconds = try c.decodeIfPresent(Double.self, forKey: .remainingSeconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dependency, forKey: .dependency)
        try c.encode(verdict == .holds, forKey: .holds)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(state, forKey: .state)
        try c.encodeIfPresent(jobId, forKey: .jobId)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(progress, forKey: .progress)
        try c.encodeIfPresent(restore, forKey: .restore)
        try c.encodeIfPresent(heldSince, forKey: .heldSince)
        try c.encodeIfPresent(remainingSeconds, forKey: .remainingSeconds)
    }
}
