import BopsJobs
import BopsState
import Testing

@testable import BopsPlan

/// One recorded job against one observation, and the drift that must (or must not) be found.
struct DriftRow: CustomTestStringConvertible, Sendable {
    var label: String
    var record: JobRecord
    var observation: Observation
    var expected: [DriftChange.Kind]
    var texts: [String] = []
    var testDescription: String { label }
}

private func record(
    status: JobStatus, priority: Int = 10, tags: [String: String] = ["team": "data"], confirmed: Bool = false
) -> JobRecord {
    var r = recorded("alpha", digest: "d1", jobId: "J1", status: status)
    r.priority = priority
    r.tags = tags
    r.confirmed = confirmed
    return r
}

private func seen(
    _ status: JobStatus, priority: Int? = 10, tags: [String: String]? = nil, reason: String? = nil
) -> Observation {
    .job(ObservedJob(status: status, priority: priority, tags: tags, statusReason: reason))
}

private let identity = ["bops:spec": "alpha", "bops:digest": "d1"]

@Suite("drift: jobs changed outside bops")
struct DriftTests {
    static let rows: [DriftRow] = [
        DriftRow(
            label: "nothing changed", record: record(status: .suspended),
            observation: seen(.suspended, tags: identity.merging(["team": "data"]) { a, _ in a }),
            expected: []),
        DriftRow(
            label: "a job running to its end on its own is no drift", record: record(status: .active),
            observation: seen(.complete), expected: []),
        DriftRow(
            label: "a job bops confirmed runs", record: record(status: .suspended, confirmed: true),
            observation: seen(.active), expected: []),
        DriftRow(
            label: "a job bops cancelled ends cancelled", record: record(status: .cancelling),
            observation: seen(.cancelled), expected: []),
        DriftRow(
            label: "priority changed in the console", record: record(status: .suspended),
            observation: seen(.suspended, priority: 30), expected: [.priority],
            texts: ["priority: 10 -> 30"]),
        DriftRow(
            label: "tags added, changed and removed",
            record: record(status: .active, tags: ["team": "data", "gone": "x"]),
            observation: seen(.active, tags: identity.merging(["team": "ops", "new": "y"]) { a, _ in a }),
            expected: [.tag, .tag, .tag],
            texts: [
                #"tags.gone: "x" -> (removed)"#, #"tags.new: (none) -> "y""#, #"tags.team: "data" -> "ops""#,
            ]),
        DriftRow(
            label: "the identity tag was removed", record: record(status: .active),
            observation: seen(.active, tags: ["bops:digest": "d1", "team": "data"]), expected: [.identityTag]),
        DriftRow(
            label: "a job without bops tags (imported) has no identity drift",
            record: record(status: .active),
            observation: seen(.active, tags: ["team": "data"]), expected: []),
        DriftRow(
            label: "cancelled by someone", record: record(status: .suspended),
            observation: seen(.cancelled, reason: "no longer needed"), expected: [.cancelled],
            texts: ["cancelled outside bops (was Suspended): no longer needed"]),
        DriftRow(
            label: "confirmed by someone", record: record(status: .suspended),
            observation: seen(.active), expected: [.confirmed]),
        DriftRow(
            label: "cancelled and reprioritised", record: record(status: .active),
            observation: seen(.cancelling, priority: 5), expected: [.cancelled, .priority]),
        DriftRow(
            label: "expired after it ended", record: record(status: .complete), observation: .gone,
            expected: [.gone]),
        DriftRow(
            label: "gone although it was running", record: record(status: .active), observation: .gone,
            expected: [.gone]),
    ]

    @Test(arguments: rows)
    func finds(_ row: DriftRow) {
        let changes = Drift.changes(row.record, row.observation)
        #expect(changes.map(\.kind) == row.expected)
        if !row.texts.isEmpty { #expect(changes.map(\.text) == row.texts) }
    }

    @Test func detectOverStateSkipsUnobservedAndUnchangedJobs() {
        var moved = record(status: .suspended)
        moved.name = "moved"
        var quiet = record(status: .suspended)
        quiet.name = "quiet"
        var unseen = record(status: .suspended)
        unseen.name = "unseen"
        var pending = record(status: .suspended)
        pending.name = "pending"
        pending.jobId = nil
        let drift = Drift.detect(
            recorded: state(moved, quiet, unseen, pending),
            observed: [
                "moved": seen(.suspended, priority: 99), "quiet": seen(.suspended), "pending": .gone,
            ])
        #expect(drift.map(\.name) == ["moved"])
        #expect(drift.first?.jobId == "J1")
        #expect(drift.first?.changes.map(\.observed) == ["99"])
        #expect(Drift.detect(recorded: nil, observed: ["moved": .gone]).isEmpty)
    }

    @Test func goneTextSaysWhetherTheJobHadEnded() {
        let ended = Drift.changes(record(status: .complete), .gone)
        let running = Drift.changes(record(status: .active), .gone)
        #expect(ended.first?.text.contains("90 days") == true)
        #expect(running.first?.text.contains("had not ended (was Active)") == true)
        #expect(running.first?.recorded == "Active" && running.first?.observed == nil)
    }
}
