import BopsJobs
import BopsState
import Testing

@testable import BopsPlan

/// At most six Batch Replication jobs per account: a seventh waits for a slot.
struct ReplicationSlotsTests {
    static func replicating(_ name: String, status: JobStatus) -> JobRecord {
        var r = recorded(name, digest: "r-\(name)", jobId: "J-\(name)", status: status)
        r.canonical = "{\"operation\":{\"replicate\":{}}}"
        return r
    }

    static func replicate(_ name: String, digest: String) -> DesiredJob {
        var d = desired(name, digest: digest)
        d.definition.operation = .s3ReplicateObject
        return d
    }

    static func observedAsRecorded(_ s: State) -> [String: Observation] {
        s.jobs.mapValues { r in
            .job(ObservedJob(status: r.status ?? .active, progress: nil, priority: r.priority, tags: [:]))
        }
    }

    @Test func creationsPastSixActiveJobsWait() {
        let running =
            (1...5).map { Self.replicating("old\($0)", status: .active) }
            + [Self.replicating("done", status: .complete)]
        var s = State(lineage: "L")
        for r in running { s.jobs[r.name] = r }
        let new = ["new1", "new2", "new3"].map { Self.replicate($0, digest: "n-\($0)") }
        let plan = Planner.plan(
            desired: new + running.map { Self.replicate($0.name, digest: $0.digest) }, recorded: s,
            observed: Self.observedAsRecorded(s))
        let kinds = Dictionary(uniqueKeysWithValues: plan.actions.map { ($0.name, $0.kind) })
        #expect(kinds["new1"] == .create, "five active and one complete leave one slot")
        #expect(kinds["new2"] == .wait && kinds["new3"] == .wait)
        let waiting = plan.actions.first { $0.name == "new2" }
        #expect(
            waiting?.reason.contains("6 Replicate jobs are active or being created in account 111122223333")
                == true)
        #expect(waiting?.request != nil, "a waiting job keeps its request for the round that creates it")
    }

    @Test func anAcknowledgedSpecIsCreatedAnyway() {
        var s = State(lineage: "L")
        for i in 1...6 { s.jobs["old\(i)"] = Self.replicating("old\(i)", status: .active) }
        var new = Self.replicate("new", digest: "n")
        new.acknowledged = ["replicationJobLimit": "AWS queues it; we know"]
        let plan = Planner.plan(
            desired: [new] + s.jobs.values.map { Self.replicate($0.name, digest: $0.digest) }, recorded: s,
            observed: Self.observedAsRecorded(s))
        #expect(plan.actions.first { $0.name == "new" }?.kind == .create)
    }

    @Test func otherOperationsAreNotCounted() {
        var s = State(lineage: "L")
        for i in 1...6 { s.jobs["old\(i)"] = Self.replicating("old\(i)", status: .active) }
        var copy = desired("copy", digest: "c")
        copy.definition.operation = .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::b"))
        let plan = Planner.plan(
            desired: [copy] + s.jobs.values.map { Self.replicate($0.name, digest: $0.digest) }, recorded: s,
            observed: Self.observedAsRecorded(s))
        #expect(plan.actions.first { $0.name == "copy" }?.kind == .create)
    }
}
