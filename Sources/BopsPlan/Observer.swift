public import BopsJobs
import BopsPrimitives
public import BopsState

/// Asks the engine about every recorded job: the "observed" input of the planner.
public enum Observer {
    /// One DescribeJob (and GetJobTagging for running jobs, to see tag drift) per recorded job, at
    /// most `parallelism` jobs asked at once. `NoSuchJob` becomes `.gone`; any other error stops the
    /// observation. Each job is asked in its own region (`jobsIn(record.region)`).
    public static func observe(
        _ state: State?, parallelism: Int = 1, jobsIn: (String?) -> any JobsEngine
    ) async throws
        -> [String: Observation]
    {
        let asked = (state?.jobs ?? [:]).filter { $0.value.jobId != nil }.sorted { $0.key < $1.key }
            .map { (name: $0.key, record: $0.value, jobs: jobsIn($0.value.region)) }
        let answers = try await Bounded.map(asked, width: parallelism) { one in
            (one.name, try await observe(one.record, in: one.jobs))
        }
        return Dictionary(answers, uniquingKeysWith: { a, _ in a })
    }

    /// What the engine says of one recorded job (which has a job id).
    static func observe(_ record: JobRecord, in jobs: any JobsEngine) async throws -> Observation {
        guard let jobId = record.jobId else { return .gone }
        do {
            let d = try await jobs.describeJob(accountId: record.accountId, jobId: jobId)
            var tags: [String: String]?
            if !d.status.isTerminal {
                let list = try await jobs.getJobTagging(accountId: record.accountId, jobId: jobId)
                tags = Dictionary(list.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b })
            }
            return .job(
                ObservedJob(
                    status: d.status, progress: Progress(d.progressSummary), priority: d.priority,
                    tags: tags,
                    statusReason: d.statusUpdateReason,
                    failureReasons: d.failureReasons?.map(\.text) ?? []))
        } catch let error as EngineError where error.isNoSuchJob {
            return .gone
        }
    }
}
