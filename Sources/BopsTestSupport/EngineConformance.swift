public import BopsJobs
import Foundation

/// The contract every ``JobsEngine`` keeps, in the style of Terraform's `statemgr.TestFull`: one
/// list of rules about what "Suspended", "Complete", a token replay or a missing job mean, run
/// against the scripted engine of the tests, the local engine and the aws engine over
/// `bops emulator`. A test target writes `@Test(arguments: EngineConformance.Rule.allCases)` and
/// calls ``check(_:on:)`` with a fresh ``Subject``.
public enum EngineConformance {
    /// One engine under test, with a CreateJob request it can run.
    public struct Subject: Sendable {
        public var engine: any JobsEngine
        /// A request whose manifest, buckets and role exist for this engine: confirmation required,
        /// `tasks` objects, job tags set. Each rule gives it client tokens of its own.
        public var request: CreateJobRequest
        /// How many tasks the request's job has.
        public var tasks: Int
        /// Lets the engine make progress: the local engine's `work()`, a pause for a server.
        public var advance: @Sendable () async throws -> Void
        /// Whether the engine runs tasks; the scripted engine only keeps statuses.
        public var runsJobs: Bool

        public init(
            engine: any JobsEngine, request: CreateJobRequest, tasks: Int, runsJobs: Bool,
            advance: @escaping @Sendable () async throws -> Void
        ) {
            self.engine = engine
            self.request = request
            self.tasks = tasks
            self.runsJobs = runsJobs
            self.advance = advance
        }

        var accountId: String { request.accountId }
    }

    /// One promise of the contract.
    public enum Rule: String, CaseIterable, Sendable {
        /// CreateJob with a client token already used answers the same job; another token, another.
        case aReplayedTokenAnswersTheSameJob
        /// A job that needs confirmation settles in Suspended, and DescribeJob says what was asked.
        case aJobWaitingForConfirmationIsSuspended
        /// ListJobs shows a created job with its status.
        case listJobsShowsTheJob
        /// ListJobs pages with NextToken: pages of `maxResults` rows show every job once, each with
        /// DescribeJob's status, priority, task counts and creation time.
        case listJobsPagesEveryJobOnce
        /// UpdateJobPriority on a live job is what DescribeJob says next.
        case priorityUpdatesInPlace
        /// GetJobTagging gives the tags of CreateJob; PutJobTagging replaces them; DeleteJobTagging
        /// removes them.
        case tagsAreReplacedAndDeleted
        /// Confirming a suspended job makes it Ready or later; an engine that runs jobs ends it
        /// Complete with every task counted.
        case aConfirmedJobRunsToComplete
        /// Cancelling a suspended job ends it Cancelled; an ended job cannot be confirmed
        /// (JobStatusException).
        case aCancelledJobHasEnded
        /// Every call about a job that does not exist answers NoSuchJob (or NotFound).
        case aMissingJobIsNoSuchJob
        /// A priority outside 0...2147483647 is a bad request, and no job is made of it.
        case anInvalidPriorityIsABadRequest
    }

    /// A broken promise: the rule and what happened.
    public struct Failure: Error, CustomStringConvertible {
        public var rule: Rule
        public var detail: String
        public var description: String { "\(rule.rawValue): \(detail)" }
    }

    /// Runs `rule` against `subject`'s engine.
    public static func check(_ rule: Rule, on subject: Subject) async throws {
        let engine = subject.engine
        let account = subject.accountId
        func expect(_ holds: Bool, _ detail: @autoclosure () -> String) throws {
            if !holds { throw Failure(rule: rule, detail: detail()) }
        }
        func create(_ token: String = UUID().uuidString, priority: Int? = nil) async throws -> String {
            var request = subject.request
            request.clientRequestToken = token
            if let priority { request.priority = priority }
            return try await engine.createJob(request)
        }
        /// DescribeJob after the engine moved the job past `statuses`, within 400 steps.
        func settled(_ id: String, past statuses: Set<JobStatus>) async throws -> JobDescriptor {
            for _ in 0..<400 {
                let job = try await engine.describeJob(accountId: account, jobId: id)
                if !statuses.contains(job.status) { return job }
                try await subject.advance()
            }
            throw Failure(rule: rule, detail: "job \(id) stayed in \(statuses.map(\.rawValue).sorted())")
        }
        let preparing: Set<JobStatus> = [.new, .preparing]

        switch rule {
        case .aReplayedTokenAnswersTheSameJob:
            let token = UUID().uuidString
            let first = try await create(token)
            let replay = try await create(token)
            try expect(first == replay, "the replayed token made job \(replay) beside \(first)")
            let other = try await create()
            try expect(other != first, "a new token answered the first job \(first)")

        case .aJobWaitingForConfirmationIsSuspended:
            let id = try await create()
            let job = try await settled(id, past: preparing)
            try expect(job.jobId == id, "DescribeJob answered job \(job.jobId) for \(id)")
            try expect(job.status == .suspended, "a job awaiting confirmation is \(job.status.rawValue)")
            try expect(
                job.priority == subject.request.priority, "priority \(String(describing: job.priority))")
            try expect(job.roleArn == subject.request.roleArn, "role \(String(describing: job.roleArn))")
            try expect(
                job.confirmationRequired == true,
                "confirmationRequired \(String(describing: job.confirmationRequired))")
            try expect(
                job.description == subject.request.description,
                "description \(String(describing: job.description))")

        case .listJobsShowsTheJob:
            let id = try await create()
            let job = try await settled(id, past: preparing)
            var token: String?
            var found: JobListDescriptor?
            for _ in 0..<50 {
                let page = try await engine.listJobs(
                    accountId: account, statuses: [], nextToken: token, maxResults: nil)
                found = found ?? page.jobs.first { $0.jobId == id }
                token = page.nextToken
                if found != nil || token == nil { break }
            }
            try expect(found != nil, "ListJobs does not show job \(id)")
            try expect(
                found?.status == job.status,
                "ListJobs says \(String(describing: found?.status)), DescribeJob \(job.status)")

        case .listJobsPagesEveryJobOnce:
            var made: [String: JobDescriptor] = [:]
            for priority in [3, 2, 1] {
                let id = try await create(priority: priority)
                made[id] = try await settled(id, past: preparing)
            }
            var rows: [JobListDescriptor] = []
            var token: String?
            var pages = 0
            repeat {
                let page = try await engine.listJobs(
                    accountId: account, statuses: [], nextToken: token, maxResults: 1)
                try expect(page.jobs.count <= 1, "a page of maxResults 1 has \(page.jobs.count) rows")
                rows += page.jobs
                token = page.nextToken
                pages += 1
            } while token != nil && pages < 100
            try expect(token == nil, "ListJobs did not end after 100 pages")
            for (id, job) in made {
                let listed = rows.filter { $0.jobId == id }
                try expect(listed.count == 1, "the pages show job \(id) \(listed.count) times")
                guard let row = listed.first else { continue }
                let counts = { (p: JobProgressSummary?) in
                    [p?.totalNumberOfTasks, p?.numberOfTasksSucceeded, p?.numberOfTasksFailed]
                }
                try expect(
                    row.status == job.status && row.priority == job.priority
                        && counts(row.progressSummary) == counts(job.progressSummary)
                        && row.creationTime == job.creationTime,
                    "ListJobs shows \(row), DescribeJob \(job.listDescriptor)")
            }

        case .priorityUpdatesInPlace:
            let id = try await create()
            _ = try await settled(id, past: preparing)
            try await engine.updateJobPriority(accountId: account, jobId: id, priority: 77)
            let job = try await engine.describeJob(accountId: account, jobId: id)
            try expect(
                job.priority == 77, "priority is \(String(describing: job.priority)) after the update to 77")

        case .tagsAreReplacedAndDeleted:
            let id = try await create()
            let asked = Set((subject.request.tags ?? []).map { JobTag(key: $0.key, value: $0.value) })
            let created = Set(try await engine.getJobTagging(accountId: account, jobId: id))
            try expect(created == asked, "CreateJob's tags read back as \(created)")
            let replaced = [JobTag(key: "team", value: "storage")]
            try await engine.putJobTagging(accountId: account, jobId: id, tags: replaced)
            let read = try await engine.getJobTagging(accountId: account, jobId: id)
            try expect(read == replaced, "PutJobTagging left \(read)")
            try await engine.deleteJobTagging(accountId: account, jobId: id)
            let deleted = try await engine.getJobTagging(accountId: account, jobId: id)
            try expect(deleted.isEmpty, "DeleteJobTagging left \(deleted)")

        case .aConfirmedJobRunsToComplete:
            let id = try await create()
            _ = try await settled(id, past: preparing)
            let (status, _) = try await engine.updateJobStatus(
                accountId: account, jobId: id, to: .ready, reason: "go")
            try expect(
                [.ready, .active, .completing, .complete].contains(status),
                "confirming answered \(status.rawValue)")
            guard subject.runsJobs else { return }
            let job = try await settled(id, past: [.ready, .active, .completing, .suspended])
            try expect(job.status == .complete, "the confirmed job ended \(job.status.rawValue)")
            let p = job.progressSummary
            try expect(
                p?.totalNumberOfTasks == Int64(subject.tasks),
                "\(String(describing: p?.totalNumberOfTasks)) tasks of \(subject.tasks)")
            try expect(
                (p?.numberOfTasksSucceeded ?? 0) + (p?.numberOfTasksFailed ?? 0) == Int64(subject.tasks),
                "succeeded and failed do not add up to the tasks: \(String(describing: p))")

        case .aCancelledJobHasEnded:
            let id = try await create()
            _ = try await settled(id, past: preparing)
            let (status, _) = try await engine.updateJobStatus(
                accountId: account, jobId: id, to: .cancelled, reason: "stop")
            try expect([.cancelling, .cancelled].contains(status), "cancelling answered \(status.rawValue)")
            let job = try await settled(id, past: [.cancelling])
            try expect(job.status == .cancelled, "the cancelled job is \(job.status.rawValue)")
            do {
                _ = try await engine.updateJobStatus(accountId: account, jobId: id, to: .ready, reason: nil)
                throw Failure(rule: rule, detail: "a cancelled job was confirmed")
            } catch let error as EngineError {
                try expect(
                    error.code == EngineError.jobStatusException, "confirming it answered \(error.code)")
            }

        case .aMissingJobIsNoSuchJob:
            let missing = UUID().uuidString.lowercased()
            let calls: [(String, @Sendable () async throws -> Void)] = [
                ("DescribeJob", { _ = try await engine.describeJob(accountId: account, jobId: missing) }),
                (
                    "UpdateJobPriority",
                    { try await engine.updateJobPriority(accountId: account, jobId: missing, priority: 1) }
                ),
                (
                    "UpdateJobStatus",
                    {
                        _ = try await engine.updateJobStatus(
                            accountId: account, jobId: missing, to: .cancelled, reason: nil)
                    }
                ),
                ("GetJobTagging", { _ = try await engine.getJobTagging(accountId: account, jobId: missing) }),
            ]
            for (name, call) in calls {
                do {
                    try await call()
                    throw Failure(rule: rule, detail: "\(name) of a missing job succeeded")
                } catch let error as EngineError {
                    try expect(error.isNoSuchJob, "\(name) of a missing job answered \(error.code)")
                }
            }

        case .anInvalidPriorityIsABadRequest:
            let before = try await engine.listJobs(
                accountId: account, statuses: [], nextToken: nil, maxResults: nil)
            do {
                _ = try await create(priority: -1)
                throw Failure(rule: rule, detail: "a job of priority -1 was created")
            } catch let error as EngineError {
                try expect(
                    error.code == EngineError.badRequestException || error.httpStatus == 400,
                    "priority -1 answered \(error.code)")
            }
            let after = try await engine.listJobs(
                accountId: account, statuses: [], nextToken: nil, maxResults: nil)
            try expect(after.jobs.count == before.jobs.count, "the refused request left a job")
        }
    }
}
