import BopsJobs
import BopsPrimitives
import BopsState
import BopsTestSupport
import Foundation
import Testing

@testable import BopsPlan

/// A jobs engine that holds every call for `delay` and counts the calls in flight at once.
final class SlowEngine: JobsEngine, @unchecked Sendable {
    let inner: ScriptedEngine
    let delay: Duration
    private let lock = NSLock()
    private var now = 0
    private var most = 0

    init(_ inner: ScriptedEngine, delay: Duration = .milliseconds(20)) {
        self.inner = inner
        self.delay = delay
    }

    /// The most calls that were in flight at the same time.
    var maxInFlight: Int { lock.withLock { most } }

    private func held<T>(_ body: () async throws -> T) async throws -> T {
        lock.withLock {
            now += 1
            most = max(most, now)
        }
        defer { lock.withLock { now -= 1 } }
        try await Task.sleep(for: delay)
        return try await body()
    }

    func createJob(_ request: CreateJobRequest) async throws -> String {
        try await held { try await inner.createJob(request) }
    }
    func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor {
        try await held { try await inner.describeJob(accountId: accountId, jobId: jobId) }
    }
    func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) async throws -> (jobs: [JobListDescriptor], nextToken: String?) {
        try await inner.listJobs(
            accountId: accountId, statuses: statuses, nextToken: nextToken, maxResults: maxResults)
    }
    func updateJobStatus(
        accountId: String, jobId: String, to requested: RequestedJobStatus, reason: String?
    ) async throws -> (status: JobStatus, reason: String?) {
        try await held {
            try await inner.updateJobStatus(accountId: accountId, jobId: jobId, to: requested, reason: reason)
        }
    }
    func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws {
        try await held {
            try await inner.updateJobPriority(accountId: accountId, jobId: jobId, priority: priority)
        }
    }
    func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag] {
        try await held { try await inner.getJobTagging(accountId: accountId, jobId: jobId) }
    }
    func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) async throws {
        try await held { try await inner.putJobTagging(accountId: accountId, jobId: jobId, tags: tags) }
    }
    func deleteJobTagging(accountId: String, jobId: String) async throws {
        try await held { try await inner.deleteJobTagging(accountId: accountId, jobId: jobId) }
    }
}

final class Finished: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [FinishedAction] = []
    func add(_ f: FinishedAction) { lock.withLock { list.append(f) } }
    var all: [FinishedAction] { lock.withLock { list } }
}

func names(_ count: Int) -> [String] { (0..<count).map { String(format: "spec-%02d", $0) } }

/// Applies `plan` to `store` with `engine` (objects: `objects`) at `parallelism`.
func parallelApply(
    _ plan: Plan, store: InMemoryStateStore, engine: any JobsEngine, objects: ScriptedEngine,
    parallelism: Int, finished: Finished = Finished()
) async throws -> ApplyOutcome {
    let reconciler = Reconciler(
        jobsIn: { _ in engine }, objects: objects,
        readFile: { _ in ReconcilerScenario.manifest }, now: fixedNow)
    return try await store.withLock(.test("apply"), timeout: .zero) { locked in
        await reconciler.apply(
            plan, to: store.current, in: locked, parallelism: parallelism, onFinish: finished.add)
    }
}

@Suite("parallel apply")
struct ParallelApplyTests {
    @Test(arguments: [1, 4, 10])
    func runsAtMostNActionsAtOnceAndRecordsEveryTokenBeforeItsCreateJob(parallelism: Int) async throws {
        let journal = Journal()
        let store = InMemoryStateStore(state(), journal: journal)
        let inner = ScriptedEngine(journal: journal)
        let engine = SlowEngine(inner)
        let specs = names(24).map { ReconcilerScenario.staging(desired($0)) }
        let plan = Planner.plan(desired: specs, recorded: store.current, observed: [:])
        let finished = Finished()
        let outcome = try await parallelApply(
            plan, store: store, engine: engine, objects: inner, parallelism: parallelism, finished: finished)
        #expect(outcome.error == nil, "\(String(describing: outcome.error))")
        #expect(outcome.applied == 24)
        #expect(engine.maxInFlight <= parallelism)
        if parallelism > 1 { #expect(engine.maxInFlight > 1, "actions did run at the same time") }
        #expect(outcome.state == store.current, "the outcome's state is what the store holds")
        #expect(Set(inner.jobs.keys).count == 24, "one job per spec")
        for name in names(24) {
            let record = try #require(store.current?.jobs[name])
            #expect(record.jobId != nil && !record.pendingCreate, "\(name) is recorded with its job")
        }
        journal.expectTokenSavedBeforeCreate()
        // Each job id is in a save after its CreateJob answered.
        let events = journal.events
        for (i, event) in events.enumerated() {
            guard case .answered(let call) = event, call.operation == .createJob, let id = call.jobId else {
                continue
            }
            let savedLater = events[(i + 1)...].contains {
                if case .saved(let s) = $0 { return s.jobs.values.contains { $0.jobId == id } }
                return false
            }
            #expect(savedLater, "job \(id) is saved after its CreateJob")
        }
        // One line per action, in the order they ended; counts run 1...n.
        #expect(finished.all.map(\.finished) == Array(1...24))
        #expect(finished.all.allSatisfy { $0.total == 24 })
        #expect(Set(finished.all.map(\.action.name)) == Set(names(24)))
        for f in finished.all {
            #expect(f.events.allSatisfy { $0.name == f.action.name }, "an action's events are its own")
            #expect(f.events.contains { $0.message.hasPrefix("created job ") })
        }
    }

    @Test func aManifestSharedBySpecsIsStagedOnce() async throws {
        let journal = Journal()
        let store = InMemoryStateStore(state(), journal: journal)
        let engine = ScriptedEngine(journal: journal)
        let specs = names(10).map { ReconcilerScenario.staging(desired($0)) }
        let plan = Planner.plan(desired: specs, recorded: store.current, observed: [:])
        let finished = Finished()
        let outcome = try await parallelApply(
            plan, store: store, engine: engine, objects: engine, parallelism: 10, finished: finished)
        #expect(outcome.error == nil)
        #expect(journal.calls.filter { $0.operation == .putObject }.count == 1)
        #expect(journal.calls.filter { $0.operation == .headObject }.count == 1)
        let staged = finished.all.flatMap(\.events).filter { $0.message.hasPrefix("staged manifest") }
        #expect(staged.count == 1, "one spec staged it: \(staged)")
    }

    /// CreateJob of one spec fails: no action starts after it, those running finish and are
    /// recorded, and the store holds the outcome's state.
    @Test func anErrorStopsNewActionsAndKeepsWhatRunningOnesDid() async throws {
        let journal = Journal()
        let store = InMemoryStateStore(state(), journal: journal)
        let inner = ScriptedEngine(journal: journal)
        inner.setScript([Fault.failure(at: .operation(.createJob, occurrence: 2))])
        let engine = SlowEngine(inner)
        let plan = Planner.plan(
            desired: names(20).map { desired($0) }, recorded: store.current, observed: [:])
        let outcome = try await parallelApply(
            plan, store: store, engine: engine, objects: inner, parallelism: 4)
        #expect(outcome.error != nil)
        #expect(outcome.failures.count == 1)
        #expect(outcome.state == store.current, "finished on the error path too")
        let created = store.current?.jobs.values.filter { $0.jobId != nil }.count ?? 0
        #expect(created == outcome.applied)
        #expect(created >= 2 && created < 19, "running actions finished, no new one started: \(created)")
        let failed = try #require(outcome.failedAction)
        #expect(store.current?.jobs[failed.name]?.pendingCreate == true, "its token is kept for the rerun")
        // The rerun converges with one job per spec.
        inner.setScript([])
        let observed = try await Observer.observe(store.current, parallelism: 4, jobsIn: { _ in engine })
        let again = Planner.plan(
            desired: names(20).map { desired($0) }, recorded: store.current, observed: observed)
        let rerun = try await parallelApply(
            again, store: store, engine: engine, objects: inner, parallelism: 4)
        #expect(rerun.error == nil)
        #expect(inner.jobs.count == 20)
        #expect(store.current?.jobs.values.allSatisfy { $0.jobId != nil && !$0.pendingCreate } == true)
    }

    @Test(arguments: [1, 3, 8])
    func observesAtMostNJobsAtOnce(parallelism: Int) async throws {
        let inner = ScriptedEngine()
        var recordedState = state()
        for (i, name) in names(16).enumerated() {
            let id = String(format: "J%02d", i)
            inner.addJob(ReconcilerScenario.described(.active, id: id))
            recordedState.jobs[name] = recorded(name, jobId: id)
        }
        let engine = SlowEngine(inner)
        let observed = try await Observer.observe(
            recordedState, parallelism: parallelism, jobsIn: { _ in engine })
        #expect(observed.count == 16)
        #expect(engine.maxInFlight <= parallelism)
        if parallelism > 1 { #expect(engine.maxInFlight > 1) }
        for name in names(16) {
            guard case .job(let job)? = observed[name] else {
                Issue.record("\(name) not observed")
                continue
            }
            #expect(job.status == .active)
        }
    }

    @Test func aOnceMapComputesEachKeyOnceForConcurrentCallers() async throws {
        let map = OnceMap<String>()
        let counter = Finished()
        let values = await withTaskGroup(of: Int.self) { group in
            for i in 0..<40 {
                group.addTask {
                    (try? await map.value(for: "k\(i % 4)") { () async throws -> Int in
                        try await Task.sleep(for: .milliseconds(10))
                        counter.add(
                            FinishedAction(
                                action: PlannedAction.test, events: [], error: nil, finished: 0, total: 0))
                        return i % 4
                    }) ?? -1
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values.sorted() == (0..<40).map { $0 % 4 }.sorted())
        #expect(counter.all.count == 4)
        #expect(await map.computed == 4)
    }
}

extension PlannedAction {
    static var test: PlannedAction {
        Planner.plan(desired: [desired("x")], recorded: nil, observed: [:]).actions[0]
    }
}
