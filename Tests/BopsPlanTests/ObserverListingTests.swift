import BopsJobs
import BopsState
import BopsTestSupport
import Testing

@testable import BopsPlan

/// The observation of recorded jobs through ListJobs pages: what it costs, and that it says what
/// DescribeJob and GetJobTagging say of every job whose listing could differ from state.
@Suite("observation through ListJobs")
struct ObserverListingTests {
    static let done = JobProgressSummary(
        totalNumberOfTasks: 3, numberOfTasksSucceeded: 3, numberOfTasksFailed: 0)
    static let waiting = JobProgressSummary(
        totalNumberOfTasks: 3, numberOfTasksSucceeded: 0, numberOfTasksFailed: 0)

    /// A job in the engine and its record as the last observation left it (same status, priority,
    /// task counts, failure reasons and tags).
    static func job(
        _ name: String, _ status: JobStatus, summary: JobProgressSummary = waiting,
        failures: [JobFailure]? = nil, in engine: ScriptedEngine, state: inout State
    ) {
        let id = "job-" + name
        var r = recorded(name, digest: "d-\(name)", jobId: id, status: status)
        r.tags = ["team": "data"]
        let job = JobDescriptor(
            jobId: id, status: status, priority: r.priority, progressSummary: summary,
            failureReasons: failures)
        _ = r.observe(job, at: .distantPast)
        let tags = [("bops:spec", name), ("bops:digest", r.digest), ("team", "data")]
        engine.addJob(job, tags: tags.map { JobTag(key: $0.0, value: $0.1) })
        state.jobs[name] = r
    }

    static func count(_ operation: EngineCall.Operation, _ journal: Journal) -> Int {
        journal.calls.filter { $0.operation == operation }.count
    }

    @Test(arguments: [1, 999, 1000, 1001, 2500])
    func unchangedEndedJobsCostOneListJobsPerThousandAndNoDescribeJob(_ n: Int) async throws {
        let journal = Journal()
        let engine = ScriptedEngine(journal: journal)
        var state = State()
        for i in 0..<n { Self.job("s\(i)", .complete, summary: Self.done, in: engine, state: &state) }
        let observed = try await Observer.observe(state, parallelism: 8, jobsIn: { _ in engine })
        #expect(Self.count(.listJobs, journal) == (n + 999) / 1000)
        #expect(Self.count(.describeJob, journal) == 0)
        #expect(Self.count(.getJobTagging, journal) == 0)
        #expect(observed.count == n)
        #expect(Drift.detect(recorded: state, observed: observed).isEmpty)
    }

    @Test func unchangedLiveJobsCostOnlyTheirTags() async throws {
        let journal = Journal()
        let engine = ScriptedEngine(journal: journal)
        var state = State()
        for i in 0..<1500 { Self.job("done\(i)", .complete, summary: Self.done, in: engine, state: &state) }
        for i in 0..<7 { Self.job("waiting\(i)", .suspended, in: engine, state: &state) }
        let observed = try await Observer.observe(state, parallelism: 4, jobsIn: { _ in engine })
        #expect(Self.count(.listJobs, journal) == 2)
        #expect(Self.count(.describeJob, journal) == 0)
        #expect(
            Set(journal.calls.filter { $0.operation == .getJobTagging }.compactMap(\.jobId))
                == Set((0..<7).map { "job-waiting\($0)" }))
        #expect(Drift.detect(recorded: state, observed: observed).isEmpty)
    }

    /// Each kind of drift among many unchanged jobs, and every observation equal to the one of
    /// DescribeJob (and GetJobTagging) alone.
    @Test func everyKindOfDriftIsStillFound() async throws {
        let journal = Journal()
        let engine = ScriptedEngine(journal: journal)
        var state = State()
        for i in 0..<1200 { Self.job("same\(i)", .complete, summary: Self.done, in: engine, state: &state) }
        for name in ["priority", "tags", "identity", "cancelled", "confirmed", "gone", "calm"] {
            Self.job(name, .suspended, in: engine, state: &state)
        }
        Self.job("expired", .complete, summary: Self.done, in: engine, state: &state)
        let failures = [JobFailure(failureCode: "ManifestNotFound", failureReason: "no manifest")]
        Self.job("failed", .failed, failures: failures, in: engine, state: &state)
        // Adopted from a listing: status without the failure reasons only DescribeJob gives.
        Self.job("adopted", .failed, failures: failures, in: engine, state: &state)
        state.jobs["adopted"]?.failureReasons = []
        // Created and not observed since: no status recorded.
        Self.job("created", .suspended, in: engine, state: &state)
        state.jobs["created"]?.status = nil
        state.jobs["created"]?.progress = nil

        try await engine.updateJobPriority(accountId: "111122223333", jobId: "job-priority", priority: 30)
        try await engine.putJobTagging(
            accountId: "111122223333", jobId: "job-tags",
            tags: [JobTag(key: "bops:spec", value: "tags"), JobTag(key: "bops:digest", value: "d-tags")])
        try await engine.putJobTagging(
            accountId: "111122223333", jobId: "job-identity",
            tags: [JobTag(key: "bops:digest", value: "d-identity"), JobTag(key: "team", value: "data")])
        _ = try await engine.updateJobStatus(
            accountId: "111122223333", jobId: "job-cancelled", to: .cancelled, reason: "no longer needed")
        _ = try await engine.updateJobStatus(
            accountId: "111122223333", jobId: "job-confirmed", to: .ready, reason: nil)
        state.jobs["gone"]?.jobId = "job-deleted"
        state.jobs["expired"]?.jobId = "job-past-90-days"
        let before = journal.calls.count

        let observed = try await Observer.observe(state, parallelism: 4, jobsIn: { _ in engine })
        let calls = journal.calls.dropFirst(before)
        #expect(calls.filter { $0.operation == .listJobs }.count == 2)
        #expect(
            Set(calls.filter { $0.operation == .describeJob }.compactMap(\.jobId)) == [
                "job-cancelled", "job-deleted", "job-past-90-days", "job-adopted",
            ], "a changed priority, a confirmation and a job never observed are seen from the listing")

        let drift = Dictionary(
            uniqueKeysWithValues: Drift.detect(recorded: state, observed: observed).map {
                ($0.name, $0.changes.map(\.kind))
            })
        #expect(
            drift == [
                "priority": [.priority], "tags": [.tag], "identity": [.identityTag],
                "cancelled": [.cancelled],
                "confirmed": [.confirmed], "gone": [.gone], "expired": [.gone],
            ])
        let texts = Drift.detect(recorded: state, observed: observed).flatMap(\.changes).map(\.text)
        #expect(texts.contains("cancelled outside bops (was Suspended): no longer needed"))
        #expect(texts.contains { $0.hasPrefix("no longer exists: AWS deletes jobs 90 days after they end") })

        for (name, record) in state.jobs {
            let alone = try await Observer.observe(record, in: engine)
            #expect(observed[name] == alone, "\(name)")
        }
        guard case .job(let adopted)? = observed["adopted"] else { throw Expectation.missing("adopted") }
        #expect(adopted.failureReasons == ["ManifestNotFound: no manifest"])
    }

    @Test func aListingThatWouldCostMoreThanDescribingStops() async throws {
        let journal = Journal()
        let engine = ScriptedEngine(journal: journal)
        var state = State()
        Self.job("mine", .complete, summary: Self.done, in: engine, state: &state)
        for i in 0..<10 {
            engine.addJob(
                JobDescriptor(jobId: "job-zz-other\(i)", status: .complete, progressSummary: Self.done))
        }
        let observed = try await Observer.observe(state, pageSize: 2, jobsIn: { _ in engine })
        #expect(Self.count(.listJobs, journal) == 2)
        #expect(Self.count(.describeJob, journal) == 1)
        #expect(Drift.detect(recorded: state, observed: observed).isEmpty)
    }

    @Test func aListJobsThatIsDeniedFallsBackToDescribeJob() async throws {
        let journal = Journal()
        let engine = ScriptedEngine(
            script: [
                Fault(
                    .operation(.listJobs, occurrence: 0),
                    .fail(
                        EngineError(
                            code: EngineError.accessDenied, message: "no s3:ListJobs", httpStatus: 403)))
            ], journal: journal)
        var state = State()
        for i in 0..<3 { Self.job("s\(i)", .complete, summary: Self.done, in: engine, state: &state) }
        let observed = try await Observer.observe(state, jobsIn: { _ in engine })
        #expect(Self.count(.describeJob, journal) == 3)
        #expect(observed.count == 3)
    }

    @Test func eachAccountAndRegionIsListedOnce() async throws {
        let journal = Journal()
        let (east, west) = (ScriptedEngine(journal: journal), ScriptedEngine(journal: journal))
        var state = State()
        for i in 0..<4 { Self.job("east\(i)", .complete, summary: Self.done, in: east, state: &state) }
        for i in 0..<4 {
            Self.job("west\(i)", .complete, summary: Self.done, in: west, state: &state)
            state.jobs["west\(i)"]?.region = "us-west-2"
        }
        let observed = try await Observer.observe(
            state, parallelism: 4, jobsIn: { $0 == "us-west-2" ? west : east })
        #expect(Self.count(.listJobs, journal) == 2)
        #expect(Self.count(.describeJob, journal) == 0)
        #expect(observed.count == 8)
    }
}

enum Expectation: Error {
    case missing(String)
}
