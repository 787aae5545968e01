public import BopsJobs
import BopsPrimitives
public import BopsState

/// Asks the engine about every recorded job: the "observed" input of the planner.
public enum Observer {
    /// What the engine says of every recorded job that has a job id, by spec name.
    ///
    /// First ListJobs, once per (account, region) the records use, in pages of `pageSize` (see
    /// ``listed(_:accountId:in:pageSize:)``); then, at most `parallelism` jobs at once:
    /// - DescribeJob of each job the listing did not show, or showed with a status, priority or task
    ///   counts other than the record's, or whose failure reasons the record cannot stand for
    ///   (``ObservedJob/init(listed:unchangedFrom:)``); `NoSuchJob` becomes `.gone` (a job past
    ///   AWS's 90 days, or deleted);
    /// - GetJobTagging of each job that has not ended (tag drift); an ended job's tags are not read.
    ///
    /// Invariant: the status, priority, task counts, failure reasons and tags of every observation
    /// are what DescribeJob and GetJobTagging would answer; `statusReason` is DescribeJob's for a
    /// described job and `nil` for a job listed unchanged (its status is the recorded one, and only
    /// a changed status is worded with its reason). Any error other than `NoSuchJob` (and an
    /// AccessDenied ListJobs, which falls back to DescribeJob) stops the observation. Each job is
    /// asked in its own region (`jobsIn(record.region)`).
    public static func observe(
        _ state: State?, parallelism: Int = 1, pageSize: Int = 1000, jobsIn: (String?) -> any JobsEngine
    ) async throws
        -> [String: Observation]
    {
        let recorded = (state?.jobs ?? [:]).compactMap { name, record in
            record.jobId.map { (name: name, record: record, jobId: $0) }
        }.sorted { $0.name < $1.name }
        guard !recorded.isEmpty else { return [:] }
        let places = Dictionary(grouping: recorded) {
            Place(accountId: $0.record.accountId, region: $0.record.region)
        }
        .map { place, jobs in (place: place, ids: Set(jobs.map(\.jobId)), jobs: jobsIn(place.region)) }
        .sorted { ($0.place.accountId, $0.place.region ?? "") < ($1.place.accountId, $1.place.region ?? "") }
        let listings = try await Bounded.map(places, width: parallelism) { one in
            (
                one.place,
                try await listed(one.ids, accountId: one.place.accountId, in: one.jobs, pageSize: pageSize)
            )
        }
        let rows = Dictionary(listings, uniquingKeysWith: { a, _ in a })
        let asked = recorded.map { one in
            let place = Place(accountId: one.record.accountId, region: one.record.region)
            return (
                name: one.name, record: one.record, row: rows[place]?[one.jobId],
                jobs: jobsIn(one.record.region)
            )
        }
        let answers = try await Bounded.map(asked, width: parallelism) { one in
            (one.name, try await observe(one.record, listed: one.row, in: one.jobs))
        }
        return Dictionary(answers, uniquingKeysWith: { a, _ in a })
    }

    /// What the engine says of one recorded job (which has a job id): its listed row when that
    /// stands for DescribeJob, else DescribeJob; and its tags when it has not ended.
    static func observe(
        _ record: JobRecord, listed row: JobListDescriptor? = nil, in jobs: any JobsEngine
    ) async throws -> Observation {
        guard let jobId = record.jobId else { return .gone }
        do {
            var job: ObservedJob
            if let row, let unchanged = ObservedJob(listed: row, unchangedFrom: record) {
                job = unchanged
            } else {
                job = ObservedJob(try await jobs.describeJob(accountId: record.accountId, jobId: jobId))
            }
            if !job.status.isTerminal {
                let list = try await jobs.getJobTagging(accountId: record.accountId, jobId: jobId)
                job.tags = Dictionary(list.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b })
            }
            return .job(job)
        } catch let error as EngineError where error.isNoSuchJob {
            return .gone
        }
    }

    /// An account and region: where one listing of jobs is made.
    struct Place: Hashable, Sendable {
        var accountId: String
        var region: String?
    }
}

extension ObservedJob {
    /// What DescribeJob said (tags are read apart).
    init(_ d: JobDescriptor) {
        self.init(
            status: d.status, progress: Progress(d.progressSummary), priority: d.priority,
            statusReason: d.statusUpdateReason, failureReasons: d.failureReasons?.map(\.text) ?? [])
    }
}
