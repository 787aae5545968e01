import BopsJobs
import BopsState
import Testing

@testable import BopsPlan

/// The one view of a job: what was observed wins, what was not observed falls back to the record.
@Suite struct JobViewTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var label: String
        var observed: ObservedJob?
        var priority: Int
        var tags: [String: String]
        var status: JobStatus?
        var testDescription: String { label }
    }

    static let recordedTags = ["team": "data"]

    @Test(arguments: [
        Row(
            label: "not observed: the record", observed: nil, priority: 10, tags: recordedTags,
            status: .active),
        Row(
            label: "observed without priority and tags: the record's",
            observed: ObservedJob(status: .suspended), priority: 10, tags: recordedTags, status: .suspended),
        Row(
            label: "observed priority and tags win; bops's own tags are not the user's",
            observed: ObservedJob(
                status: .active, priority: 3,
                tags: ["team": "storage", JobIdentity.nameTag: "job", JobIdentity.digestTag: "d1"]),
            priority: 3, tags: ["team": "storage"], status: .active),
        Row(
            label: "observed with no tags at all: no user tags",
            observed: ObservedJob(status: .complete, priority: 10, tags: [:]), priority: 10, tags: [:],
            status: .complete),
    ])
    func theObservedValueWins(_ row: Row) {
        let view = JobView(record: taggedRecord(), observed: row.observed)
        #expect(view.priority == row.priority)
        #expect(view.userTags == row.tags)
        #expect(view.status == row.status)
        let refreshed = view.refreshedRecord
        #expect(refreshed.priority == row.priority)
        #expect(refreshed.tags == row.tags)
        #expect(refreshed.status == row.status)
        #expect(refreshed.digest == "d1" && refreshed.jobId == "J1", "identity is never refreshed")
    }
}

private func taggedRecord() -> JobRecord {
    var r = recorded()
    r.tags = JobViewTests.recordedTags
    return r
}
