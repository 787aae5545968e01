public import BopsJobs
public import BopsState

public import struct FoundationEssentials.Date

/// A recorded job together with what the engine said of it: the one place that decides which
/// value is current. The planner, drift detection and the apply's refresh all read a job through
/// it, so "the job's priority" or "its tags" mean the same thing everywhere.
///
/// Invariant: an observed value wins over the recorded one; a value the engine did not give
/// (no observation, or DescribeJob without tags) falls back to the record.
public struct JobView: Sendable, Hashable {
    public var record: JobRecord
    public var observed: ObservedJob?

    public init(record: JobRecord, observed: ObservedJob?) {
        self.record = record
        self.observed = observed
    }

    /// The job's priority now.
    public var priority: Int { observed?.priority ?? record.priority }

    /// The user's job tags as observed (bops's own tags left out), `nil` when not observed.
    public var observedUserTags: [String: String]? { observed?.tags.map(JobIdentity.userTags) }

    /// The user's job tags now.
    public var userTags: [String: String] { observedUserTags ?? record.tags }

    /// The job's status now (`nil`: never observed and never recorded).
    public var status: JobStatus? { observed?.status ?? record.status }

    /// The job's task counts now.
    public var progress: BopsState.Progress? { observed?.progress ?? record.progress }

    /// The record brought up to date with the observation: status, progress, failures, and the
    /// priority and tags an earlier apply may have set before it stopped.
    public var refreshedRecord: JobRecord {
        guard let o = observed else { return record }
        var r = record
        r.status = o.status
        r.progress = o.progress ?? r.progress
        r.failureReasons = o.failureReasons
        r.priority = priority
        r.tags = userTags
        return r
    }
}

extension JobRecord {
    /// The record of a job about to be created for `action` (create, replace or clone), saved with
    /// its client token before CreateJob is called: the one factory of records of new jobs.
    public init(
        creating action: PlannedAction, request: CreateJobRequest, digest: String, generation: Int,
        at now: Date
    ) {
        self.init(
            name: action.name, digest: digest, generation: generation, rerun: action.rerun ?? 0,
            accountId: action.accountId, region: action.region, clientToken: request.clientRequestToken,
            priority: request.priority, tags: action.userTags ?? JobIdentity.userTags(of: request))
        canonical = action.canonical
        specFile = action.specFile
        manifestObject = action.manifestObject
        fromReport = action.reportLineage
        createdAt = now
        updatedAt = now
    }

    /// The record of a job that exists already and is taken into state for `desired` (`bops import`):
    /// the one factory of imported records.
    public init(importing job: JobDescriptor, as desired: DesiredJob, at now: Date) {
        self.init(
            name: desired.name, digest: desired.digest, generation: 0, rerun: desired.rerun,
            accountId: desired.accountId, region: desired.region,
            clientToken: JobIdentity.clientToken(name: desired.name, digest: desired.digest, generation: 0),
            priority: job.priority, tags: desired.tags)
        canonical = desired.canonical
        jobId = job.jobId
        pendingCreate = false
        _ = observe(job, at: now)
        specFile = desired.specFile
        createdAt = job.creationTime
    }
}
