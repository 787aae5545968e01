import BopsJobs
import BopsState
import BopsTestSupport
import Foundation
import Testing

@testable import BopsPlan

/// The planner's side of campaigns: every condition from every observation it can meet, what the
/// dependent spec's action becomes, and the delay's clock recorded by the apply.
@Suite struct CampaignPlannerTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    struct Row: CustomTestStringConvertible, Sendable {
        var label: String
        var dependency: Dependency
        /// The dependency's job (`nil`: no record).
        var record: JobRecord?
        var observed: Observation?
        var restore: RestoreObservation?
        var kind: ActionKind
        var state: ConditionCheck.State
        var testDescription: String { label }
    }

    static func job(_ status: JobStatus, total: Int = 10, failed: Int = 0) -> Observation {
        .job(
            ObservedJob(
                status: status, progress: Progress(total: total, succeeded: total - failed, failed: failed)))
    }

    static func restore(
        restored: Int, ongoing: Int = 0, archived: Int = 0, expiry: Date? = nil, unreadable: String? = nil
    ) -> RestoreObservation {
        RestoreObservation(
            jobId: "R1", manifestObjects: restored + ongoing + archived,
            checked: restored + ongoing + archived,
            restored: restored, ongoing: ongoing, archived: archived, earliestExpiry: expiry,
            unreadable: unreadable)
    }

    static let dep = recorded("dep", jobId: "R1", status: .active)
    static func heldSince(_ seconds: TimeInterval, key: String) -> JobRecord {
        var r = dep
        r.heldSince = [key: now.addingTimeInterval(-seconds)]
        return r
    }

    static let completed = Dependency(spec: "dep", when: .completed)
    static let succeeded5 = Dependency(spec: "dep", when: .succeeded, maxFailedRatio: 0.05)
    static let restored = Dependency(spec: "dep", when: .restored)
    static let delayed = Dependency(spec: "dep", when: .completed, delay: .seconds(3600))

    static let rows: [Row] = [
        Row(label: "no job yet", dependency: completed, record: nil, kind: .wait, state: .noJob),
        Row(
            label: "running", dependency: completed, record: dep, observed: job(.active), kind: .wait,
            state: .running),
        Row(
            label: "awaiting confirmation", dependency: completed, record: dep, observed: job(.suspended),
            kind: .wait, state: .awaitingConfirmation),
        Row(
            label: "complete", dependency: completed, record: dep, observed: job(.complete), kind: .create,
            state: .holds),
        Row(
            label: "failed", dependency: completed, record: dep, observed: job(.failed), kind: .blocked,
            state: .ended),
        Row(
            label: "cancelled", dependency: succeeded5, record: dep, observed: job(.cancelled),
            kind: .blocked,
            state: .ended),
        Row(
            label: "succeeded within the ratio", dependency: succeeded5, record: dep,
            observed: job(.complete, total: 100, failed: 5), kind: .create, state: .holds),
        Row(
            label: "succeeded over the ratio", dependency: succeeded5, record: dep,
            observed: job(.complete, total: 100, failed: 6), kind: .blocked, state: .tooManyFailures),
        Row(
            label: "succeeded with no failure allowed", dependency: Dependency(spec: "dep", when: .succeeded),
            record: dep, observed: job(.complete, total: 3, failed: 1), kind: .blocked,
            state: .tooManyFailures),
        Row(
            label: "restore job running", dependency: restored, record: dep, observed: job(.active),
            kind: .wait,
            state: .running),
        Row(
            label: "restores ongoing", dependency: restored, record: dep, observed: job(.complete),
            restore: restore(restored: 2, ongoing: 1), kind: .wait, state: .restoring),
        Row(
            label: "all restored", dependency: restored, record: dep, observed: job(.complete),
            restore: restore(restored: 3, expiry: now.addingTimeInterval(7 * 86_400)), kind: .create,
            state: .holds),
        Row(
            label: "archived again", dependency: restored, record: dep, observed: job(.complete),
            restore: restore(restored: 2, archived: 1), kind: .blocked, state: .expired),
        Row(
            label: "expired copies", dependency: restored, record: dep, observed: job(.complete),
            restore: restore(restored: 3, expiry: now.addingTimeInterval(-60)), kind: .blocked,
            state: .expired),
        Row(
            label: "objects unreadable", dependency: restored, record: dep, observed: job(.complete),
            restore: restore(restored: 0, unreadable: "the manifest cannot be read"), kind: .wait,
            state: .unreadable),
        Row(
            label: "restored not observed", dependency: restored, record: dep, observed: job(.complete),
            kind: .wait,
            state: .notObserved),
        Row(
            label: "delay not started", dependency: delayed, record: dep, observed: job(.complete),
            kind: .wait,
            state: .delay),
        Row(
            label: "delay under way", dependency: delayed, record: heldSince(1800, key: "completed"),
            observed: job(.complete), kind: .wait, state: .delay),
        Row(
            label: "delay passed", dependency: delayed, record: heldSince(3601, key: "completed"),
            observed: job(.complete), kind: .create, state: .holds),
    ]

    static func plan(_ row: Row, dependent: DesiredJob? = nil) -> Plan {
        var waiting = dependent ?? desired("copy")
        waiting.dependsOn = [row.dependency]
        var s = State(lineage: "L")
        if let r = row.record { s.jobs["dep"] = r }
        var observed: [String: Observation] = [:]
        if let o = row.observed { observed["dep"] = o }
        var restores: [String: RestoreObservation] = [:]
        if let r = row.restore { restores["dep"] = r }
        // The dependency's spec is in the plan too; a record without a spec is planned as removed.
        let dependency = desired("dep")
        return Planner.plan(
            desired: [waiting, dependency], recorded: s, observed: observed,
            campaign: CampaignInputs(restores: restores, now: now))
    }

    @Test(arguments: rows)
    func theConditionDecidesTheDependentsAction(_ row: Row) throws {
        let plan = Self.plan(row)
        let copy = try #require(plan.actions.first { $0.name == "copy" })
        #expect(copy.kind == row.kind)
        #expect(copy.dependsOn == ["dep"])
        let check = try #require(copy.conditions?.first)
        #expect(check.state == row.state)
        #expect(check.verdict == (row.kind == .create ? .holds : row.kind == .blocked ? .blocks : .waits))
        #expect(copy.kind.isChange == (row.kind == .create))
        // A waiting or blocked spec still shows the job it will make.
        #expect(copy.request != nil)
        #expect(!check.sentence.isEmpty)
    }

    @Test func aDelaySaysHowLongIsLeft() throws {
        let row = Self.rows.first { $0.label == "delay under way" }!
        let check = try #require(Self.plan(row).actions.first { $0.name == "copy" }?.conditions?.first)
        #expect(check.remainingSeconds == 1800)
        #expect(check.sentence.contains("30m of the delay left"), "\(check.sentence)")
    }

    @Test func aRestoreReportsItsFigures() throws {
        let row = Self.rows.first { $0.label == "restores ongoing" }!
        let check = try #require(Self.plan(row).actions.first { $0.name == "copy" }?.conditions?.first)
        #expect(
            check.sentence
                == "waits for dep (restored): 2 of 3 objects restored (1 restore still running)")
    }

    @Test func copiesExpiringWithinADayAreWarnedAbout() throws {
        var row = Self.rows.first { $0.label == "all restored" }!
        row.restore = Self.restore(restored: 3, expiry: Self.now.addingTimeInterval(3600))
        let copy = try #require(Self.plan(row).actions.first { $0.name == "copy" })
        #expect(copy.kind == .create)
        #expect(copy.warnings?.first?.contains("within 24 hours") == true)
    }

    /// A dependency whose own spec changed waits for its new job, even though the old one is Complete.
    @Test func aDependencyBeingClonedMakesItsDependentWait() throws {
        var s = State(lineage: "L")
        s.jobs["dep"] = recorded("dep", digest: "old", jobId: "R1", status: .complete)
        var copy = desired("copy")
        copy.dependsOn = [Self.completed]
        let plan = Planner.plan(
            desired: [copy, desired("dep", digest: "new")], recorded: s,
            observed: ["dep": Self.job(.complete)], campaign: CampaignInputs(now: Self.now))
        #expect(plan.actions.map(\.kind) == [.wait, .clone])
        #expect(plan.actions[0].conditions?.first?.state == .noJob)
    }

    /// Blocked is passed on: a spec waiting for a blocked spec is blocked too.
    @Test func blockingPassesAlongTheChain() throws {
        var s = State(lineage: "L")
        s.jobs["a"] = recorded("a", jobId: "A1", status: .failed)
        var b = desired("b")
        b.dependsOn = [Dependency(spec: "a", when: .completed)]
        var c = desired("c")
        c.dependsOn = [Dependency(spec: "b", when: .completed)]
        let plan = Planner.plan(
            desired: [c, b, desired("a")], recorded: s, observed: ["a": Self.job(.failed)],
            campaign: CampaignInputs(now: Self.now))
        #expect(
            plan.actions.map { "\($0.name) \($0.kind.rawValue)" } == ["a none", "b blocked", "c blocked"])
        #expect(plan.actions[2].conditions?.first?.state == .dependencyBlocked)
    }

    /// A create an earlier apply began (token recorded, no job id) is finished whatever the
    /// conditions say now: that job may exist already.
    @Test func anInterruptedCreateIsNotHeldBack() throws {
        var s = State(lineage: "L")
        s.jobs["copy"] = recorded("copy", jobId: nil)
        var copy = desired("copy")
        copy.dependsOn = [Self.completed]
        let plan = Planner.plan(
            desired: [copy, desired("dep")], recorded: s, observed: [:],
            campaign: CampaignInputs(now: Self.now))
        let action = try #require(plan.actions.first { $0.name == "copy" })
        #expect(action.kind == .create)
        #expect(action.request?.clientRequestToken == s.jobs["copy"]?.clientToken)
    }

    /// A spec whose job exists keeps it: a dependency that no longer holds does not touch it.
    @Test func anExistingJobIsNotGated() throws {
        var s = State(lineage: "L")
        s.jobs["dep"] = recorded("dep", jobId: "R1", status: .failed)
        s.jobs["copy"] = recorded("copy", jobId: "C1", status: .complete)
        var copy = desired("copy")
        copy.dependsOn = [Self.completed]
        let plan = Planner.plan(
            desired: [copy, desired("dep")], recorded: s,
            observed: ["dep": Self.job(.failed), "copy": Self.job(.complete)],
            campaign: CampaignInputs(now: Self.now))
        #expect(plan.actions.first { $0.name == "copy" }?.kind == ActionKind.none)
        #expect(!plan.hasChanges)
    }

    @Test func theGraphHasANodePerSpecAndAnEdgePerDependency() {
        let row = Self.rows.first { $0.label == "restores ongoing" }!
        let graph = CampaignGraph(Self.plan(row))
        #expect(graph.nodes.map(\.name) == ["copy", "dep"])
        #expect(graph.nodes.map(\.standing) == [.waiting, .done])
        #expect(graph.edges == [CampaignGraph.Edge(from: "dep", to: "copy", when: .restored, holds: false)])
    }

    /// A split spec is one node standing as its least advanced part; an edge into it holds only
    /// when it holds for every part.
    @Test func theGraphDrawsASplitSpecAsOneNode() {
        func part(_ i: Int, _ kind: ActionKind, status: JobStatus?, holds: Bool) -> PlannedAction {
            var a = PlannedAction(
                kind: kind, name: JobIdentity.partName("copy", i), reason: "r", accountId: "111122223333")
            a.status = status
            a.conditions = [
                ConditionCheck(
                    dependency: Self.completed, verdict: holds ? .holds : .waits,
                    state: holds ? .holds : .running)
            ]
            return a
        }
        let plan = Plan(
            stateLineage: "L", stateSerial: 1,
            actions: [
                part(0, .none, status: .complete, holds: true), part(1, .none, status: .active, holds: true),
                part(2, .wait, status: nil, holds: false),
                PlannedAction(kind: .none, name: "dep", reason: "r", accountId: "111122223333"),
            ])
        let graph = CampaignGraph(plan)
        #expect(graph.nodes.map(\.name) == ["copy", "dep"])
        #expect(graph.nodes.first?.standing == .waiting)
        #expect(graph.nodes.first?.label == "3 parts: 1 waiting, 1 running, 1 done")
        #expect(graph.edges == [CampaignGraph.Edge(from: "dep", to: "copy", when: .completed, holds: false)])
    }

    /// The apply records when a condition with a delay first held, on the dependency's record, once.
    @Test func theApplyRecordsWhenADelayedConditionFirstHeld() async throws {
        var s = State(lineage: "L")
        s.jobs["dep"] = Self.dep
        let store = InMemoryStateStore(s)
        var copy = desired("copy")
        copy.dependsOn = [Self.delayed]
        func apply(at time: Date) async throws -> (Plan, State?) {
            let plan = Planner.plan(
                desired: [copy, desired("dep")], recorded: store.current,
                observed: ["dep": Self.job(.complete)],
                campaign: CampaignInputs(now: time))
            let engine = ScriptedEngine()
            let reconciler = Reconciler(
                jobsIn: { _ in engine }, objects: engine, readFile: { _ in [] }, now: { time })
            _ = try await store.withLock(.test("apply"), timeout: .zero) { locked in
                await reconciler.apply(plan, to: store.current, in: locked)
            }
            return (plan, store.current)
        }
        let (first, afterFirst) = try await apply(at: Self.now)
        #expect(first.actions.first?.kind == .wait)
        #expect(afterFirst?.jobs["dep"]?.heldSince == ["completed": Self.now])
        // Ten minutes later the delay counts from the first observation, which stays as it was.
        let (second, afterSecond) = try await apply(at: Self.now.addingTimeInterval(600))
        #expect(second.actions.first?.conditions?.first?.remainingSeconds == 3000)
        #expect(afterSecond?.jobs["dep"]?.heldSince == ["completed": Self.now])
        // After the delay the job is created.
        let (third, _) = try await apply(at: Self.now.addingTimeInterval(3601))
        #expect(third.actions.first?.kind == .create)
    }

    /// A dependency on a split spec holds only when every part does.
    @Test(arguments: [
        ([JobStatus.complete, .active], ActionKind.wait), ([.complete, .complete], .create),
        ([.complete, .failed], .blocked),
    ])
    func aSplitDependencyWaitsForEveryPart(_ statuses: [JobStatus], _ expected: ActionKind) throws {
        var s = State(lineage: "L")
        var observed: [String: Observation] = [:]
        var desiredJobs: [DesiredJob] = []
        for (i, status) in statuses.enumerated() {
            let name = JobIdentity.partName("dep", i)
            s.jobs[name] = recorded(name, jobId: "P\(i)", status: status)
            observed[name] = Self.job(status)
            desiredJobs.append(desired(name))
        }
        var copy = desired("copy")
        copy.dependsOn = [Self.completed]
        let plan = Planner.plan(
            desired: [copy] + desiredJobs, recorded: s, observed: observed,
            campaign: CampaignInputs(now: Self.now))
        let action = try #require(plan.actions.first { $0.name == "copy" })
        #expect(action.kind == expected)
        #expect(action.conditions?.first?.dependency.spec == "dep")
    }
}
