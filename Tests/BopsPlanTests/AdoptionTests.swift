import BopsJobs
import BopsState
import BopsTestSupport
import Foundation
import Testing

@testable import BopsPlan

func found(_ id: String, _ status: JobStatus, digest: String? = "d1", at seconds: Double) -> FoundJob {
    FoundJob(
        jobId: id, status: status, digest: digest, priority: 10, tags: ["team": "data"],
        createdAt: Date(timeIntervalSince1970: seconds))
}

/// A lost state never makes a second job: a spec without a record adopts its job found by tags.
@Suite("adopting jobs found by their tags")
struct AdoptionTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var label: String
        var jobs: [FoundJob]
        var expected: ActionKind
        var jobId: String?
        var testDescription: String { label }
    }

    static let rows: [Row] = [
        Row(label: "no job found: create", jobs: [], expected: .create),
        Row(label: "a live job: adopt", jobs: [found("J1", .active, at: 1)], expected: .adopt, jobId: "J1"),
        Row(
            label: "a live job of another configuration: adopt it, not a second one",
            jobs: [found("J1", .suspended, digest: "d0", at: 1)], expected: .adopt, jobId: "J1"),
        Row(
            label: "an ended job of the same configuration: its result stands",
            jobs: [found("J1", .complete, at: 1)], expected: .adopt, jobId: "J1"),
        Row(
            label: "an ended job of another configuration: create",
            jobs: [found("J1", .complete, digest: "d0", at: 1)], expected: .create),
        Row(
            label: "a live job wins over a newer ended one",
            jobs: [found("J2", .complete, at: 2), found("J1", .active, at: 1)], expected: .adopt, jobId: "J1"),
    ]

    @Test(arguments: rows)
    func theJobToAdopt(_ row: Row) {
        let plan = Planner.plan(
            desired: [desired()], recorded: nil, observed: [:],
            found: row.jobs.isEmpty ? [:] : ["job": row.jobs])
        #expect(plan.actions.map(\.kind) == [row.expected])
        if let jobId = row.jobId {
            #expect(plan.actions.first?.jobId == jobId)
            #expect(plan.actions.first?.adopted?.jobId == jobId)
            #expect(plan.actions.first?.kind.symbol == "<=")
        }
    }

    @Test func aRecordedSpecIsNeverAdoptedOver() {
        let plan = Planner.plan(
            desired: [desired()], recorded: state(recorded(jobId: "J9")),
            observed: ["job": .job(ObservedJob(status: .active, priority: 10, tags: [:]))],
            found: ["job": [found("J1", .active, at: 1)]])
        #expect(plan.actions.map(\.kind) == [ActionKind.none])
        #expect(plan.actions.first?.jobId == "J9")
    }

    @Test func findTaggedReadsEveryPageAndMatchesTheSpecTag() async throws {
        let engine = ScriptedEngine()
        func tags(_ name: String, _ digest: String) -> [JobTag] {
            [
                JobTag(key: JobIdentity.nameTag, value: name),
                JobTag(key: JobIdentity.digestTag, value: digest),
            ]
        }
        engine.addJob(JobDescriptor(jobId: "J1", status: .active, priority: 3), tags: tags("job", "d1"))
        engine.addJob(JobDescriptor(jobId: "J2", status: .complete, priority: 3), tags: tags("other", "d9"))
        engine.addJob(
            JobDescriptor(jobId: "J3", status: .active, priority: 3), tags: [JobTag(key: "team", value: "x")])
        let result = try await Observer.findTagged(
            ["job"], in: [("111122223333", "us-east-1")], jobsIn: { _ in engine })
        #expect(result.keys.sorted() == ["job"])
        #expect(result["job"]?.map(\.jobId) == ["J1"])
        #expect(result["job"]?.first?.digest == "d1")
    }

    @Test func anAdoptedJobIsRecordedWithoutAnyEngineCall() async throws {
        let journal = Journal()
        let engine = ScriptedEngine(journal: journal)
        let store = InMemoryStateStore()
        let plan = Planner.plan(
            desired: [desired()], recorded: nil, observed: [:], found: ["job": [found("J1", .active, at: 1)]])
        let outcome = try await store.withLock(.test(), timeout: .zero) { locked in
            await Reconciler(jobsIn: { _ in engine }, objects: engine, readFile: { _ in [] })
                .apply(plan, to: nil, in: locked)
        }
        #expect(outcome.error == nil)
        let r = try #require(store.current?.jobs["job"])
        #expect(r.jobId == "J1" && !r.pendingCreate && r.digest == "d1" && r.status == .active)
        #expect(r.tags == ["team": "data"])
        #expect(engine.jobs.isEmpty, "no job is created")
    }
}
