import BopsJobs
import BopsState
import Testing

@testable import BopsPlan

func sampleRequest() -> CreateJobRequest {
    CreateJobRequest(
        accountId: "111122223333", confirmationRequired: true, operation: .s3DeleteObjectTagging,
        report: .disabled, clientRequestToken: "",
        manifest: JobManifest(
            spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
            location: JobManifestLocation(objectArn: "arn:aws:s3:::b/m.csv", eTag: "abc")),
        priority: 10, roleArn: "arn:aws:iam::111122223333:role/r")
}

func desired(
    _ name: String = "job", digest: String = "d1", priority: Int = 10, tags: [String: String] = [:],
    confirm: Bool = false, rerun: Int = 0
) -> DesiredJob {
    DesiredJob(
        name: name, digest: digest, canonical: "{\"a\":\"\(digest)\"}", accountId: "111122223333",
        region: "us-east-1",
        priority: priority, tags: tags, confirm: confirm, rerun: rerun, specFile: "specs/\(name).yaml",
        definition: sampleRequest().definition)
}

func recorded(
    _ name: String = "job", digest: String = "d1", jobId: String? = "J1", status: JobStatus = .active
)
    -> JobRecord
{
    var r = JobRecord(
        name: name, digest: digest, generation: 0, rerun: 0, accountId: "111122223333", region: "us-east-1",
        clientToken: JobIdentity.clientToken(name: name, digest: digest, generation: 0), priority: 10,
        tags: [:])
    r.canonical = "{\"a\":\"\(digest)\"}"
    r.jobId = jobId
    r.pendingCreate = jobId == nil
    r.status = status
    return r
}

func withSpecFile(_ record: JobRecord, _ file: String) -> JobRecord {
    var r = record
    r.specFile = file
    return r
}

func state(_ records: JobRecord...) -> State {
    var s = State(lineage: "L")
    s.serial = 3
    for r in records { s.jobs[r.name] = r }
    return s
}

struct PlannerRow: CustomTestStringConvertible, Sendable {
    var label: String
    var desired: [DesiredJob]
    var state: State?
    var observed: [String: Observation]
    var options = PlanOptions()
    var expected: [ActionKind]
    var testDescription: String { label }
}

let plannerTable: [PlannerRow] = [
    PlannerRow(
        label: "no record: create", desired: [desired()], state: nil, observed: [:], expected: [.create]),
    PlannerRow(
        label: "running, same: nothing", desired: [desired()], state: state(recorded()),
        observed: ["job": .job(ObservedJob(status: .active, priority: 10, tags: [:]))], expected: [.none]),
    PlannerRow(
        label: "suspended, confirm true: confirm", desired: [desired(confirm: true)],
        state: state(recorded(status: .suspended)),
        observed: [
            "job": .job(
                ObservedJob(status: .suspended, progress: Progress(total: 7, succeeded: 0, failed: 0)))
        ],
        expected: [.confirm]),
    PlannerRow(
        label: "suspended, confirm false: nothing", desired: [desired(confirm: false)],
        state: state(recorded(status: .suspended)), observed: ["job": .job(ObservedJob(status: .suspended))],
        expected: [.none]),
    PlannerRow(
        label: "running, priority differs: update", desired: [desired(priority: 50)],
        state: state(recorded()),
        observed: ["job": .job(ObservedJob(status: .active, priority: 10, tags: [:]))], expected: [.update]),
    PlannerRow(
        label: "running, tags differ: update", desired: [desired(tags: ["team": "a"])],
        state: state(recorded()),
        observed: ["job": .job(ObservedJob(status: .ready, priority: 10, tags: [:]))], expected: [.update]),
    PlannerRow(
        label: "running, definition differs: replace", desired: [desired(digest: "d2")],
        state: state(recorded()),
        observed: ["job": .job(ObservedJob(status: .active))], expected: [.replace]),
    PlannerRow(
        label: "complete, differs: clone", desired: [desired(digest: "d2")],
        state: state(recorded(status: .complete)),
        observed: ["job": .job(ObservedJob(status: .complete))], expected: [.clone]),
    PlannerRow(
        label: "failed, rerun bumped: clone", desired: [desired(rerun: 1)],
        state: state(recorded(status: .failed)),
        observed: ["job": .job(ObservedJob(status: .failed))], expected: [.clone]),
    PlannerRow(
        label: "cancelled, same: nothing", desired: [desired()], state: state(recorded(status: .cancelled)),
        observed: ["job": .job(ObservedJob(status: .cancelled))], expected: [.none]),
    PlannerRow(
        label: "failed, --replace: clone", desired: [desired()], state: state(recorded(status: .failed)),
        observed: ["job": .job(ObservedJob(status: .failed))], options: PlanOptions(replace: ["job"]),
        expected: [.clone]),
    PlannerRow(
        label: "expired, same: nothing", desired: [desired()], state: state(recorded(status: .complete)),
        observed: ["job": .gone], expected: [.none]),
    PlannerRow(
        label: "removed, running, no prune: nothing", desired: [], state: state(recorded()),
        observed: ["job": .job(ObservedJob(status: .active))], expected: [.none]),
    PlannerRow(
        label: "removed, running, prune: cancel", desired: [], state: state(recorded()),
        observed: ["job": .job(ObservedJob(status: .active))], options: PlanOptions(prune: true),
        expected: [.cancel]),
    PlannerRow(
        label: "removed, ended: forget", desired: [], state: state(recorded(status: .complete)),
        observed: ["job": .job(ObservedJob(status: .complete))], expected: [.forget]),
    PlannerRow(
        label: "removed, ended, outside the paths given: left alone", desired: [],
        state: state(withSpecFile(recorded(status: .complete), "specs/job.yaml")),
        observed: ["job": .job(ObservedJob(status: .complete))],
        options: PlanOptions(scope: ["specs/other.yaml"]),
        expected: []),
    PlannerRow(
        label: "removed, ended, in the folder given: forget", desired: [],
        state: state(withSpecFile(recorded(status: .complete), "specs/job.yaml")),
        observed: ["job": .job(ObservedJob(status: .complete))], options: PlanOptions(scope: ["./specs/"]),
        expected: [.forget]),
    PlannerRow(
        label: "interrupted create: create again", desired: [desired()], state: state(recorded(jobId: nil)),
        observed: [:], expected: [.create]),
    PlannerRow(
        label: "suspended, confirm and priority: update then confirm",
        desired: [desired(priority: 3, confirm: true)],
        state: state(recorded(status: .suspended)),
        observed: ["job": .job(ObservedJob(status: .suspended, priority: 10, tags: [:]))],
        expected: [.update, .confirm]),
    PlannerRow(
        label: "running, recorded under the definition's earlier digest: nothing",
        desired: [withEarlier(desired(digest: "d2"), ["d1"])], state: state(recorded()),
        observed: ["job": .job(ObservedJob(status: .active, priority: 10, tags: [:]))], expected: [.none]),
    PlannerRow(
        label: "complete, recorded under the definition's earlier digest: nothing",
        desired: [withEarlier(desired(digest: "d2"), ["d1"])], state: state(recorded(status: .complete)),
        observed: ["job": .job(ObservedJob(status: .complete))], expected: [.none]),
    PlannerRow(
        label: "complete, recorded under another digest: clone",
        desired: [withEarlier(desired(digest: "d2"), ["d3"])], state: state(recorded(status: .complete)),
        observed: ["job": .job(ObservedJob(status: .complete))], expected: [.clone]),
]

func withEarlier(_ job: DesiredJob, _ digests: [String]) -> DesiredJob {
    var job = job
    job.earlierDigests = digests
    return job
}

@Suite("Planner")
struct PlannerTests {
    @Test(arguments: plannerTable)
    func table(_ row: PlannerRow) {
        let plan = Planner.plan(
            desired: row.desired, recorded: row.state, observed: row.observed, options: row.options)
        #expect(plan.actions.map(\.kind) == row.expected)
        #expect(plan.actions.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func createCarriesTokenTagsAndExplicitConfirmation() throws {
        let plan = Planner.plan(desired: [desired(tags: ["team": "data"])], recorded: nil, observed: [:])
        let request = try #require(plan.actions.first?.request)
        #expect(
            request.clientRequestToken == JobIdentity.clientToken(name: "job", digest: "d1", generation: 0))
        #expect(request.clientRequestToken.count == 64)
        #expect(request.confirmationRequired == true)
        let tags = Dictionary(uniqueKeysWithValues: (request.tags ?? []).map { ($0.key, $0.value) })
        #expect(tags == ["team": "data", "bops:spec": "job", "bops:digest": "d1"])
    }

    @Test func interruptedCreateReusesTheRecordedToken() throws {
        var r = recorded(jobId: nil)
        r.clientToken = "recorded-token"
        let plan = Planner.plan(desired: [desired()], recorded: state(r), observed: [:])
        #expect(plan.actions.first?.request?.clientRequestToken == "recorded-token")
    }

    @Test func cloneMovesToTheNextGenerationWithANewToken() throws {
        let plan = Planner.plan(
            desired: [desired(rerun: 1)], recorded: state(recorded(status: .complete)),
            observed: ["job": .job(ObservedJob(status: .complete))])
        let a = try #require(plan.actions.first)
        #expect(a.generation == 1)
        #expect(
            a.request?.clientRequestToken == JobIdentity.clientToken(name: "job", digest: "d1", generation: 1)
        )
    }

    @Test func confirmShowsTheTaskCount() throws {
        let plan = Planner.plan(
            desired: [desired(confirm: true)], recorded: state(recorded(status: .suspended)),
            observed: [
                "job": .job(
                    ObservedJob(status: .suspended, progress: Progress(total: 1234, succeeded: 0, failed: 0)))
            ])
        #expect(plan.actions.first?.reason.contains("1234 tasks") == true)
    }

    @Test func replaceNamesTheChangedFields() throws {
        var d = desired(digest: "d2")
        d.canonical = "{\"operation\":{\"storageClass\":\"GLACIER\"}}"
        var r = recorded()
        r.canonical = "{\"operation\":{\"storageClass\":\"STANDARD\"}}"
        let plan = Planner.plan(
            desired: [d], recorded: state(r), observed: ["job": .job(ObservedJob(status: .active))])
        #expect(plan.actions.first?.changes == ["operation.storageClass: \"STANDARD\" -> \"GLACIER\""])
    }

    @Test func completeWithFailedTasksIsShownAsSuch() {
        let plan = Planner.plan(
            desired: [desired()], recorded: state(recorded(status: .complete)),
            observed: [
                "job": .job(
                    ObservedJob(status: .complete, progress: Progress(total: 10, succeeded: 7, failed: 3)))
            ])
        #expect(plan.actions.first?.reason.contains("3 of 10 tasks failed") == true)
    }

    @Test func planIsBoundToItsState() {
        let s = state(recorded())
        let plan = Planner.plan(desired: [desired()], recorded: s, observed: [:])
        #expect(Reconciler.isFresh(plan, for: s))
        var later = s
        later.serial += 1
        #expect(!Reconciler.isFresh(plan, for: later))
        var other = s
        other.lineage = "M"
        #expect(!Reconciler.isFresh(plan, for: other))
    }
}
