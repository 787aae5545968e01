import BopsJobs
import BopsLocalEngine
import BopsPlan
import BopsState
import BopsTestSupport
import Foundation
import Testing

/// A ``JobsEngine`` that counts the job reads it passes on.
final class CountingEngine: JobsEngine, @unchecked Sendable {
    let inner: any JobsEngine
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    init(_ inner: any JobsEngine) { self.inner = inner }

    func calls(_ name: String) -> Int { lock.withLock { counts[name] ?? 0 } }
    private func count(_ name: String) { lock.withLock { counts[name, default: 0] += 1 } }

    func createJob(_ request: CreateJobRequest) async throws -> String { try await inner.createJob(request) }
    func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor {
        count("DescribeJob")
        return try await inner.describeJob(accountId: accountId, jobId: jobId)
    }
    func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) async throws -> (jobs: [JobListDescriptor], nextToken: String?) {
        count("ListJobs")
        return try await inner.listJobs(
            accountId: accountId, statuses: statuses, nextToken: nextToken, maxResults: maxResults)
    }
    func updateJobStatus(
        accountId: String, jobId: String, to: RequestedJobStatus, reason: String?
    ) async throws -> (status: JobStatus, reason: String?) {
        try await inner.updateJobStatus(accountId: accountId, jobId: jobId, to: to, reason: reason)
    }
    func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws {
        try await inner.updateJobPriority(accountId: accountId, jobId: jobId, priority: priority)
    }
    func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag] {
        count("GetJobTagging")
        return try await inner.getJobTagging(accountId: accountId, jobId: jobId)
    }
    func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) async throws {
        try await inner.putJobTagging(accountId: accountId, jobId: jobId, tags: tags)
    }
    func deleteJobTagging(accountId: String, jobId: String) async throws {
        try await inner.deleteJobTagging(accountId: accountId, jobId: jobId)
    }
}

/// The observation through ListJobs pages against the local engine: each kind of drift is found,
/// and unchanged jobs cost one ListJobs a page and no DescribeJob.
@Suite("observation through ListJobs on the local engine")
struct ObserverOverLocalEngineTests {
    let account = "111122223333"
    let folder: TempFolder
    let engine: LocalEngine
    let manifest: JobManifest

    init() async throws {
        folder = try TempFolder(prefix: "bops-observer")
        engine = try LocalEngine(root: folder.path)
        try engine.store.createBucket("src")
        _ = try await engine.putObject(bucket: "src", key: "a", body: Array("a".utf8), contentType: nil)
        let info = try await engine.putObject(
            bucket: "src", key: "m.csv", body: Array("src,a\n".utf8), contentType: "text/csv")
        manifest = JobManifest(
            spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
            location: JobManifestLocation(objectArn: "arn:aws:s3:::src/m.csv", eTag: info.eTag))
    }

    /// A job made for spec `name` (confirmation asked when `confirm`) and its record as bops keeps it.
    func job(_ name: String, confirm: Bool, into state: inout State) async throws {
        let tags = ["bops:spec": name, "bops:digest": "d-\(name)", "team": "data"]
        let request = CreateJobRequest(
            accountId: account, confirmationRequired: confirm, operation: .s3DeleteObjectTagging,
            report: .disabled, clientRequestToken: name, manifest: manifest, priority: 10,
            roleArn: "arn:aws:iam::\(account):role/batch",
            tags: tags.sorted { $0.key < $1.key }.map { S3Tag(key: $0.key, value: $0.value) })
        let id = try await engine.createJob(request)
        if !confirm { try await engine.work() }
        var r = JobRecord(
            name: name, digest: "d-\(name)", generation: 0, rerun: 0, accountId: account, region: nil,
            clientToken: name, priority: 10, tags: ["team": "data"])
        r.jobId = id
        r.pendingCreate = false
        r.observe(try await engine.describeJob(accountId: account, jobId: id), at: Date())
        state.jobs[name] = r
    }

    @Test func unchangedJobsCostOneListJobsAPageAndNoDescribeJob() async throws {
        var state = State()
        for i in 0..<5 { try await job("done\(i)", confirm: false, into: &state) }
        try await job("waiting", confirm: true, into: &state)
        let counting = CountingEngine(engine)
        let observed = try await Observer.observe(state, pageSize: 2, jobsIn: { _ in counting })
        #expect(counting.calls("ListJobs") == 3)
        #expect(counting.calls("DescribeJob") == 0)
        #expect(counting.calls("GetJobTagging") == 1)
        #expect(observed.count == 6)
        #expect(Drift.detect(recorded: state, observed: observed).isEmpty)
    }

    @Test func everyKindOfDriftIsStillFound() async throws {
        var state = State()
        for i in 0..<3 { try await job("done\(i)", confirm: false, into: &state) }
        for name in ["priority", "tags", "cancelled", "confirmed", "gone", "calm"] {
            try await job(name, confirm: true, into: &state)
        }
        try await job("expired", confirm: false, into: &state)
        func id(_ name: String) throws -> String { try #require(state.jobs[name]?.jobId) }
        try await engine.updateJobPriority(accountId: account, jobId: try id("priority"), priority: 30)
        try await engine.putJobTagging(
            accountId: account, jobId: try id("tags"),
            tags: [S3Tag(key: "bops:spec", value: "tags"), S3Tag(key: "bops:digest", value: "d-tags")])
        _ = try await engine.updateJobStatus(
            accountId: account, jobId: try id("cancelled"), to: .cancelled, reason: "no longer needed")
        _ = try await engine.updateJobStatus(
            accountId: account, jobId: try id("confirmed"), to: .ready, reason: nil)
        state.jobs["gone"]?.jobId = "deleted-outside"
        state.jobs["expired"]?.jobId = "past-ninety-days"

        let counting = CountingEngine(engine)
        let observed = try await Observer.observe(state, parallelism: 3, jobsIn: { _ in counting })
        #expect(counting.calls("ListJobs") == 1)
        #expect(
            counting.calls("DescribeJob") == 3,
            "the cancelled, gone and expired jobs; a changed priority and a confirmation are seen from the listing"
        )
        let drifted = Drift.detect(recorded: state, observed: observed)
        let kinds = Dictionary(uniqueKeysWithValues: drifted.map { ($0.name, $0.changes.map(\.kind)) })
        #expect(
            kinds == [
                "priority": [.priority], "tags": [.tag], "cancelled": [.cancelled], "confirmed": [.confirmed],
                "gone": [.gone], "expired": [.gone],
            ])
        let texts = drifted.flatMap(\.changes).map(\.text)
        #expect(texts.contains("cancelled outside bops (was Suspended): no longer needed"))
        #expect(texts.contains { $0.hasPrefix("no longer exists: AWS deletes jobs 90 days after they end") })
        // Every observation is the one DescribeJob and GetJobTagging alone give.
        let described = try await Observer.observe(state, pageSize: 1, jobsIn: { _ in DescribeOnly(engine) })
        #expect(observed == described)
    }
}

/// An engine whose ListJobs shows nothing: every recorded job is described.
struct DescribeOnly: JobsEngine {
    let inner: any JobsEngine
    init(_ inner: any JobsEngine) { self.inner = inner }

    func createJob(_ request: CreateJobRequest) async throws -> String { try await inner.createJob(request) }
    func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor {
        try await inner.describeJob(accountId: accountId, jobId: jobId)
    }
    func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) async throws -> (jobs: [JobListDescriptor], nextToken: String?) { ([], nil) }
    func updateJobStatus(
        accountId: String, jobId: String, to: RequestedJobStatus, reason: String?
    ) async throws -> (status: JobStatus, reason: String?) {
        try await inner.updateJobStatus(accountId: accountId, jobId: jobId, to: to, reason: reason)
    }
    func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws {
        try await inner.updateJobPriority(accountId: accountId, jobId: jobId, priority: priority)
    }
    func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag] {
        try await inner.getJobTagging(accountId: accountId, jobId: jobId)
    }
    func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) async throws {
        try await inner.putJobTagging(accountId: accountId, jobId: jobId, tags: tags)
    }
    func deleteJobTagging(accountId: String, jobId: String) async throws {
        try await inner.deleteJobTagging(accountId: accountId, jobId: jobId)
    }
}
