import BopsJobs
import BopsState
import BopsTestSupport
import Foundation
import Testing

@testable import BopsPlan

/// One spec and the world around it, such that the planner plans exactly one action of `kind`.
struct ReconcilerScenario: Sendable {
    var kind: ActionKind
    var specs: [DesiredJob]
    var initial: State
    var engineJobs: [JobDescriptor]
    /// Tags of the engine's jobs, by job id.
    var engineTags: [String: [JobTag]] = [:]
    var options = PlanOptions()
    /// The calls a clean apply makes, in order.
    var calls: [EngineCall.Operation]
    /// How many state writes a clean apply makes.
    var writes: Int

    static let manifest = Array("b,k1\nb,k2\n".utf8)
    static let staged = StagedObject(
        localPath: "specs/m.csv", bucket: "stage", key: "manifests/m.csv",
        sha256: JobIdentity.sha256Hex(manifest),
        md5: "not-the-fake-etag")

    static func described(_ status: JobStatus, id: String = "J1") -> JobDescriptor {
        JobDescriptor(
            jobId: id, status: status, priority: 10,
            progressSummary: JobProgressSummary(
                totalNumberOfTasks: 2, numberOfTasksSucceeded: 0, numberOfTasksFailed: 0))
    }

    static func staging(_ d: DesiredJob) -> DesiredJob {
        var d = d
        d.staging = [staged]
        return d
    }

    static func of(_ kind: ActionKind) -> ReconcilerScenario {
        let creating: [EngineCall.Operation] = [.headObject, .putObject, .createJob]
        switch kind {
        case .create:
            return ReconcilerScenario(
                kind: kind, specs: [staging(desired())], initial: state(), engineJobs: [], calls: creating,
                writes: 2)
        case .adopt:
            // State was lost: the spec's job exists, found by its tags; it is recorded, none is made.
            return ReconcilerScenario(
                kind: kind, specs: [desired()], initial: state(), engineJobs: [described(.active)],
                engineTags: [
                    "J1": [
                        JobTag(key: JobIdentity.nameTag, value: "job"),
                        JobTag(key: JobIdentity.digestTag, value: "d1"),
                    ]
                ],
                calls: [], writes: 1)
        case .confirm:
            return ReconcilerScenario(
                kind: kind, specs: [desired(confirm: true)],
                initial: state(recorded(jobId: "J1", status: .suspended)),
                engineJobs: [described(.suspended)], calls: [.updateJobStatus], writes: 1)
        case .update:
            return ReconcilerScenario(
                kind: kind, specs: [desired(priority: 50, tags: ["team": "a"])],
                initial: state(recorded(jobId: "J1")),
                engineJobs: [described(.active)], calls: [.updateJobPriority, .putJobTagging], writes: 2)
        case .replace:
            return ReconcilerScenario(
                kind: kind, specs: [staging(desired(digest: "d2"))], initial: state(recorded(jobId: "J1")),
                engineJobs: [described(.active)], calls: [.updateJobStatus] + creating, writes: 3)
        case .clone:
            return ReconcilerScenario(
                kind: kind, specs: [staging(desired(digest: "d2"))],
                initial: state(recorded(jobId: "J1", status: .complete)), engineJobs: [described(.complete)],
                calls: creating,
                writes: 2)
        case .cancel:
            return ReconcilerScenario(
                kind: kind, specs: [], initial: state(recorded(jobId: "J1")),
                engineJobs: [described(.active)],
                options: PlanOptions(prune: true), calls: [.updateJobStatus], writes: 1)
        case .forget:
            return ReconcilerScenario(
                kind: kind, specs: [], initial: state(recorded(jobId: "J1", status: .complete)),
                engineJobs: [described(.complete)], calls: [], writes: 1)
        case .none, .wait, .blocked:
            preconditionFailure("no scenario for an action without effects")
        }
    }

    /// A fresh engine holding the scenario's jobs.
    func engine(_ journal: Journal = Journal()) -> ScriptedEngine {
        let engine = ScriptedEngine(journal: journal)
        for job in engineJobs { engine.addJob(job, tags: engineTags[job.jobId] ?? []) }
        return engine
    }
}

/// Where an apply is made to fail or stop.
enum FailurePoint: Sendable, Hashable, CustomStringConvertible {
    /// The n-th engine call fails.
    case call(Int)
    /// The n-th engine call never answers: the process is killed while it is in flight.
    case stop(Int)
    /// The n-th engine call has its effect, then the process is killed before the answer arrives.
    case stopAfter(Int)
    /// The n-th state write fails.
    case write(Int)

    var description: String {
        switch self {
        case .call(let i): "call \(i) fails"
        case .stop(let i): "stop at call \(i)"
        case .stopAfter(let i): "stop after call \(i) acted"
        case .write(let i): "write \(i) fails"
        }
    }
}

struct FailureCase: Sendable, CustomTestStringConvertible {
    var kind: ActionKind
    var point: FailurePoint
    var testDescription: String { "\(kind.rawValue): \(point)" }
}

let effectKinds = ActionKind.allCases.filter(\.isChange)

/// Every failure point of every action kind: each call failing, each call stopping, each write failing.
let failureCases: [FailureCase] = effectKinds.flatMap { kind -> [FailureCase] in
    let s = ReconcilerScenario.of(kind)
    return s.calls.indices.flatMap { i in
        [FailurePoint.call(i), .stop(i), .stopAfter(i)].map { FailureCase(kind: kind, point: $0) }
    }
        + (0..<s.writes).map { FailureCase(kind: kind, point: .write($0)) }
}

/// A fixed clock, so that the states of two runs compare equal.
let fixedNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }

func reconciler(_ engine: ScriptedEngine) -> Reconciler {
    Reconciler(
        jobsIn: { _ in engine }, objects: engine,
        readFile: { path in
            guard path == ReconcilerScenario.staged.localPath else {
                throw EngineError(code: "NoFile", message: path)
            }
            return ReconcilerScenario.manifest
        }, now: fixedNow)
}

/// Plans against `engine` (observing with a throwaway copy of its calls) and applies under the lock.
func planAndApply(
    _ s: ReconcilerScenario, store: InMemoryStateStore, engine: ScriptedEngine,
    observeWith observer: ScriptedEngine
) async throws -> (Plan, ApplyOutcome) {
    let recorded = try await store.load()
    let observed = try await Observer.observe(recorded, jobsIn: { _ in observer })
    let unrecorded = s.specs.filter { recorded?.jobs[$0.name] == nil }
    let found = try await Observer.findTagged(
        Set(unrecorded.map(\.name)), in: unrecorded.map { ($0.accountId, $0.region) },
        jobsIn: { _ in observer })
    let plan = Planner.plan(
        desired: s.specs, recorded: recorded, observed: observed, found: found, options: s.options)
    let outcome = try await store.withLock(.test("apply"), timeout: .zero) { locked in
        await reconciler(engine).apply(plan, to: recorded, in: locked, observed: observed)
    }
    return (plan, outcome)
}

/// The engine's jobs and the spec's record, as two runs that converged share them.
struct Converged: Equatable {
    struct Record: Equatable {
        var jobId: String?
        var digest: String
        var generation: Int
        var pendingCreate: Bool
        var status: JobStatus?
        var priority: Int
        var tags: [String: String]
    }

    var statuses: [String: JobStatus]
    var priorities: [String: Int]
    var record: Record?

    init(_ engine: ScriptedEngine, _ state: State?) {
        statuses = engine.jobs.mapValues(\.status)
        priorities = engine.jobs.mapValues(\.priority)
        record = state?.jobs["job"].map {
            Record(
                jobId: $0.jobId, digest: $0.digest, generation: $0.generation,
                pendingCreate: $0.pendingCreate,
                status: $0.status, priority: $0.priority, tags: $0.tags)
        }
    }
}

/// Runs a clean apply of a scenario: the reference a failed or stopped one must converge to.
func cleanRun(_ s: ReconcilerScenario) async throws -> (Converged, Journal, ApplyOutcome, InMemoryStateStore)
{
    let journal = Journal()
    let store = InMemoryStateStore(s.initial, journal: journal)
    let engine = s.engine(journal)
    let (_, outcome) = try await planAndApply(s, store: store, engine: engine, observeWith: s.engine())
    return (Converged(engine, store.current), journal, outcome, store)
}

@Suite("Reconciler invariants")
struct ReconcilerInvariantTests {
    @Test(arguments: effectKinds)
    func aCleanApplyMakesTheExpectedCallsAndSavesAfterEachEffect(_ kind: ActionKind) async throws {
        let s = ReconcilerScenario.of(kind)
        let (_, journal, outcome, store) = try await cleanRun(s)
        #expect(outcome.error == nil)
        #expect(outcome.applied == 1)
        #expect(journal.calls.map(\.operation) == s.calls)
        #expect(store.writeCount == s.writes)
        #expect(outcome.state == store.current, "the outcome's state is what the store holds")
        journal.expectTokenSavedBeforeCreate()
        journal.expectSaveAfterEachEffect()
        // Every save is the next serial and names this bops.
        #expect(journal.saves.map(\.serial) == Array(s.initial.serial + 1...s.initial.serial + s.writes))
        #expect(journal.saves.allSatisfy { $0.bopsVersion == LockInfo.test().version })
        #expect(store.lockHolder == nil, "the lock is released")
    }

    @Test(arguments: failureCases)
    func aFailureReturnsThePartialStateTheStoreHoldsAndARerunConverges(_ c: FailureCase) async throws {
        let s = ReconcilerScenario.of(c.kind)
        let (reference, _, _, _) = try await cleanRun(s)

        let journal = Journal()
        let failingWrites: Set<Int> = if case .write(let i) = c.point { [i] } else { [] }
        let store = InMemoryStateStore(s.initial, journal: journal, failingWrites: failingWrites)
        let engine = s.engine(journal)
        var crashed: State?
        switch c.point {
        case .call(let i):
            engine.setScript([Fault.failure(at: .call(i))])
            let (_, outcome) = try await planAndApply(
                s, store: store, engine: engine, observeWith: s.engine())
            expectStopped(outcome, by: c, store: store)
        case .write:
            let (_, outcome) = try await planAndApply(
                s, store: store, engine: engine, observeWith: s.engine())
            #expect(outcome.error is StateError, "\(String(describing: outcome.error))")
            #expect(outcome.failedAction?.kind == c.kind)
            #expect(outcome.state == store.current, "the outcome's state is what the store holds")
        case .stop(let i), .stopAfter(let i):
            let stopsAfter = if case .stopAfter = c.point { true } else { false }
            engine.setScript([Fault(.call(i), stopsAfter ? .hangAfterEffect : .hang)])
            let applying = Task {
                try await planAndApply(s, store: store, engine: engine, observeWith: s.engine())
            }
            let stoppedAt = try #require(await engine.waitForHang(), "call \(i) was reached")
            #expect(stoppedAt.operation == s.calls[i])
            // The process dies here: what the store holds now is all that survives.
            crashed = store.current
            applying.cancel()
            _ = try? await applying.value
            if stoppedAt.operation == .createJob && !stopsAfter {
                let pending = crashed?.jobs.values.first { $0.pendingCreate && $0.jobId == nil }
                #expect(
                    pending?.clientToken == stoppedAt.clientToken,
                    "the token is saved before CreateJob is sent")
            }
        }
        journal.expectTokenSavedBeforeCreate()
        if case .call = c.point { journal.expectSaveAfterEachEffect() }
        if case .write = c.point { journal.expectSaveAfterEachEffect() }

        // Rerun from what survived, with an engine that no longer fails.
        let survivor = InMemoryStateStore(crashed ?? store.current)
        engine.setScript([])
        let (_, rerun) = try await planAndApply(s, store: survivor, engine: engine, observeWith: engine)
        #expect(rerun.error == nil, "\(String(describing: rerun.error))")
        #expect(Converged(engine, survivor.current) == reference, "a rerun ends where a clean apply ends")
    }

    /// Checks the outcome of an apply stopped by the failing call `c`.
    func expectStopped(
        _ outcome: ApplyOutcome, by c: FailureCase, store: InMemoryStateStore,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .call(let i) = c.point else { return }
        #expect(
            outcome.state == store.current, "the outcome's state is what the store holds",
            sourceLocation: sourceLocation)
        let error = outcome.error as? EngineError
        #expect(
            error?.message.contains("injected failure") == true, "\(String(describing: outcome.error))",
            sourceLocation: sourceLocation)
        #expect(outcome.failedAction?.kind == c.kind, sourceLocation: sourceLocation)
        #expect(outcome.applied == 0, sourceLocation: sourceLocation)
    }

    @Test func aPlanWithManyActionsStopsAtTheFirstErrorWithEverythingBeforeItSaved() async throws {
        let journal = Journal()
        let store = InMemoryStateStore(state(), journal: journal)
        let engine = ScriptedEngine(journal: journal)
        engine.setScript([Fault.failure(at: .operation(.createJob, occurrence: 1))])
        let plan = Planner.plan(
            desired: [desired("a"), desired("b"), desired("c")], recorded: store.current, observed: [:])
        let outcome = try await store.withLock(.test(), timeout: .zero) { locked in
            await reconciler(engine).apply(plan, to: store.current, in: locked)
        }
        #expect(outcome.applied == 1)
        #expect(outcome.failedAction?.name == "b")
        #expect(outcome.state == store.current)
        #expect(store.current?.jobs["a"]?.jobId != nil)
        #expect(store.current?.jobs["b"]?.pendingCreate == true, "b's token is recorded for the rerun")
        #expect(store.current?.jobs["c"] == nil, "nothing after the error runs")
    }

    @Test func theStoreRefusesWritesWithoutTheLock() async throws {
        let store = InMemoryStateStore()
        await #expect(throws: StateError.self) { try await store.write(state(), force: false) }
    }
}
