import BopsJobs
import Foundation
import Testing

@testable import BopsLocalEngine

@Suite struct LifecycleTests {
    @Test func sameTokenSameRequestIsSameJobDifferentRequestIsRefused() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.putObjects("src", count: 3)
        let m = try await f.csvManifest(["src,key-0000", "src,key-0001"])
        let r = f.request(copyOp(), manifest: m, token: "tok-1", confirm: true)
        let first = try await f.engine.createJob(r)
        let again = try await f.engine.createJob(r)
        #expect(first == again)
        var changed = r
        changed.priority = 99
        await expectEngineError(EngineError.idempotencyException) {
            _ = try await f.engine.createJob(changed)
        }
        var otherToken = r
        otherToken.clientRequestToken = "tok-2"
        #expect(try await f.engine.createJob(otherToken) != first)
        let listed = try await f.engine.listJobs(
            accountId: account, statuses: [], nextToken: nil, maxResults: nil)
        #expect(listed.jobs.count == 2)
    }

    static let invalid: [(String, @Sendable (inout CreateJobRequest) -> Void)] = [
        ("account", { $0.accountId = "12345" }),
        ("role", { $0.roleArn = "arn:aws:iam::123:role/x" }),
        ("role kind", { $0.roleArn = "arn:aws:iam::123456789012:user/x" }),
        ("priority", { $0.priority = -1 }),
        ("no manifest", { $0.manifest = nil }),
        (
            "both manifests",
            {
                $0.manifestGenerator = JobManifestGenerator(
                    s3JobManifestGenerator: S3JobManifestGenerator(
                        sourceBucket: "arn:aws:s3:::src", enableManifestOutput: false))
            }
        ),
        ("report bucket", { $0.report = JobReport(enabled: true) }),
        ("token", { $0.clientRequestToken = "" }),
        ("target", { $0.operation = .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "dest")) }),
        ("fields", { $0.manifest?.spec.fields = [.key] }),
        ("unsupported", { $0.operation = .unsupported("LambdaInvoke") }),
        (
            "lock mode without date",
            { $0.operation = copyOp { $0.objectLockMode = .governance } }
        ),
    ]

    @Test(arguments: invalid.map(\.0))
    func createJobRefusesInvalidRequests(_ name: String) async throws {
        let f = try Fixture()
        let m = try await f.csvManifest(["src,a"])
        var r = f.request(copyOp(), manifest: m)
        try #require(Self.invalid.first { $0.0 == name }).1(&r)
        await expectEngineError(EngineError.badRequestException) { _ = try await f.engine.createJob(r) }
    }

    @Test func missingManifestFailsTheJobWithReasons() async throws {
        let f = try Fixture()
        let m = JobManifest(
            spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
            location: JobManifestLocation(objectArn: "arn:aws:s3:::manifests/nope.csv", eTag: "\"abc\""))
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m))
        let job = try await f.describe(id)
        #expect(job.status == .failed)
        #expect(job.failureReasons?.first?.failureCode == "ManifestNotFound")
        #expect(job.terminationDate != nil)
    }

    @Test func wrongManifestETagFailsTheJob() async throws {
        let f = try Fixture()
        var m = try await f.csvManifest(["src,a"])
        m.location.eTag = "\"0000\""
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m))
        #expect(try await f.describe(id).failureReasons?.first?.failureCode == "ManifestETagMismatch")
    }

    @Test func confirmationFlowAndRefusedTransitions() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.putObjects("src", count: 2)
        let m = try await f.csvManifest(["src,key-0000", "src,key-0001"])
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m, confirm: true))
        var job = try await f.describe(id)
        #expect(job.status == .suspended)
        #expect(job.suspendedCause == "AwaitingConfirmation")
        #expect(job.suspendedDate != nil)
        #expect(job.progressSummary?.totalNumberOfTasks == 2)
        #expect(try await f.engine.work().isEmpty)
        let ready = try await f.engine.updateJobStatus(
            accountId: account, jobId: id, to: .ready, reason: "confirmed")
        #expect(ready.status == .ready)
        await expectEngineError(EngineError.jobStatusException) {
            _ = try await f.engine.updateJobStatus(accountId: account, jobId: id, to: .ready, reason: nil)
        }
        try await f.engine.work()
        job = try await f.describe(id)
        #expect(job.status == .complete)
        #expect(job.terminationDate != nil)
        #expect(job.statusUpdateReason == "confirmed")
        #expect(job.progressSummary?.numberOfTasksSucceeded == 2)
        for target in [RequestedJobStatus.ready, .cancelled] {
            await expectEngineError(EngineError.jobStatusException) {
                _ = try await f.engine.updateJobStatus(accountId: account, jobId: id, to: target, reason: nil)
            }
        }
        await expectEngineError(EngineError.jobStatusException) {
            try await f.engine.updateJobPriority(accountId: account, jobId: id, priority: 1)
        }
    }

    @Test(arguments: [true, false])
    func cancelBeforeRunning(_ confirm: Bool) async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.putObjects("src", count: 1)
        let m = try await f.csvManifest(["src,key-0000"])
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m, confirm: confirm))
        #expect(try await f.describe(id).status == (confirm ? .suspended : .ready))
        let answer = try await f.engine.updateJobStatus(
            accountId: account, jobId: id, to: .cancelled, reason: "no")
        #expect(answer.status == .cancelled)
        let job = try await f.describe(id)
        #expect(job.status == .cancelled)
        #expect(job.terminationDate != nil)
        #expect(try await f.engine.work().isEmpty)
    }

    @Test func unknownJobsAndOtherAccounts() async throws {
        let f = try Fixture()
        await expectEngineError(EngineError.noSuchJob) {
            _ = try await f.engine.describeJob(accountId: account, jobId: "nope-123")
        }
        let m = try await f.csvManifest(["src,a"])
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m, confirm: true))
        do {
            _ = try await f.engine.describeJob(accountId: "999999999999", jobId: id)
            Issue.record("another account saw the job")
        } catch let e as EngineError {
            #expect(e.isNoSuchJob)
        }
    }

    @Test func priorityAndTags() async throws {
        let f = try Fixture()
        let m = try await f.csvManifest(["src,a"])
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m, confirm: true))
        try await f.engine.updateJobPriority(accountId: account, jobId: id, priority: 42)
        #expect(try await f.describe(id).priority == 42)
        #expect(
            try await f.engine.getJobTagging(accountId: account, jobId: id) == [
                S3Tag(key: "spec", value: "t")
            ])
        try await f.engine.putJobTagging(accountId: account, jobId: id, tags: [S3Tag(key: "a", value: "b")])
        #expect(
            try await f.engine.getJobTagging(accountId: account, jobId: id) == [S3Tag(key: "a", value: "b")])
        try await f.engine.deleteJobTagging(accountId: account, jobId: id)
        #expect(try await f.engine.getJobTagging(accountId: account, jobId: id).isEmpty)
    }

    @Test func listJobsFiltersAndPages() async throws {
        let f = try Fixture()
        let m = try await f.csvManifest(["src,a"])
        var ids: [String] = []
        for i in 0..<5 {
            ids.append(try await f.engine.createJob(f.request(copyOp(), manifest: m, confirm: i % 2 == 0)))
        }
        let suspended = try await f.engine.listJobs(
            accountId: account, statuses: [.suspended], nextToken: nil, maxResults: nil)
        #expect(suspended.jobs.count == 3)
        var seen: [String] = []
        var token: String?
        repeat {
            let page = try await f.engine.listJobs(
                accountId: account, statuses: [], nextToken: token, maxResults: 2)
            #expect(page.jobs.count <= 2)
            seen += page.jobs.map(\.jobId)
            token = page.nextToken
        } while token != nil
        #expect(Set(seen) == Set(ids))
        #expect(seen.count == 5)
    }
}
