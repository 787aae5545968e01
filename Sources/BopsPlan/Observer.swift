public import BopsJobs
public import BopsState

/// Asks the engine about every recorded job: the "observed" input of the planner.
public enum Observer {
    /// One DescribeJob (and GetJobTagging for running jobs, to see tag drift) per recorded job.
    /// `NoSuchJob` becomes `.gone`; any other error stops the observation.
    /// Each job is asked in its own region (`jobsIn(record.region)`).
    public static func observe(
        _ state: State?, jobsIn: (String?) -> any JobsEngine
    ) async throws
        -> [String: Observation]
    {
        var observed: [String: Observation] = [:]
        for (name, record) in (state?.jobs ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let jobId = record.jobId else { continue }
            let jobs = jobsIn(record.region)
            do {
                let d = try await jobs.describeJob(accountId: record.accountId, jobId: jobId)
                var tags: [String: String]?
                if !d.status.isTerminal {
                    let list = try await jobs.getJobTagging(accountId: record.accountId, jobId: jobId)
                    tags = Dictionary(list.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b })
                }
                observed[name] = .job(
                    ObservedJob(
                        status: d.status, progress: Progress(d.progressSummary), priority: d.priority,
                        tags: tags,
                        statusReason: d.statusUpdateReason,
                        failureReasons: d.failureReasons?.map(\.text) ?? []))
            } catch let error as EngineError where error.isNoSuchJob {
                observed[name] = .gone
            }
        }
        return observed
    }
}
