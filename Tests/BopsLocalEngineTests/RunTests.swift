import BopsJobs
import Foundation
import Testing

@testable import BopsLocalEngine

@Suite struct RunTests {
    static let report = JobReport(
        bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true, prefix: "r",
        reportScope: .allTasks)

    @Test(arguments: [JobReportScope.allTasks, .failedTasksOnly])
    func missingObjectsAreFailedTasksAndTheReportParsesBack(_ scope: JobReportScope) async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.putObjects("src", count: 3)
        let m = try await f.csvManifest([
            "src,key-0000", "src,missing-1", "src,key-0001", "nobucket,x", "src,key-0002",
        ])
        var report = Self.report
        report.reportScope = scope
        let job = try await f.run(f.request(copyOp(), manifest: m, report: report))
        #expect(job.status == .complete)
        #expect(job.progressSummary?.totalNumberOfTasks == 5)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 3)
        #expect(job.progressSummary?.numberOfTasksFailed == 2)
        let (manifest, rows) = try f.report(jobId: job.jobId)
        #expect(manifest["Format"] as? String == "Report_CSV_20180820")
        #expect(
            manifest["ReportSchema"] as? String
                == "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage")
        #expect(manifest["ReportCreationDate"] is String)
        let failed = rows["failed"] ?? []
        #expect(
            failed.map { [$0[0], $0[1], $0[3], $0[4], $0[5]] } == [
                ["src", "missing-1", "failed", "404", "NoSuchKey"],
                ["nobucket", "x", "failed", "404", "NoSuchBucket"],
            ])
        if scope == .allTasks {
            #expect(rows["succeeded"]?.map { $0[1] } == ["key-0000", "key-0001", "key-0002"])
            #expect(
                rows["succeeded"]?.allSatisfy { $0.count == 7 && $0[3] == "succeeded" && $0[4] == "200" }
                    == true)
        } else {
            #expect(rows["succeeded"] == nil)
        }
        for entry in manifest["Results"] as? [[String: String]] ?? [] {
            let body = try f.store.readObject(bucket: "reports", key: entry["Key"] ?? "").body
            #expect(LocalStore.eTag(body) == "\"\(entry["MD5Checksum"] ?? "")\"")
        }
    }

    @Test func disabledReportWritesNothing() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.putObjects("src", count: 1)
        let m = try await f.csvManifest(["src,key-0000"])
        _ = try await f.run(f.request(copyOp(), manifest: m))
        #expect(try f.store.listObjectVersions(bucket: "reports").isEmpty)
    }

    @Test(arguments: [
        (999, 999, Optional<JobStatus>.some(.complete)), (1200, 601, .failed), (1200, 600, .complete),
    ])
    func moreThanHalfOfAtLeast1000FailsTheJob(total: Int, missing: Int, expected: JobStatus?) async throws {
        let f = try Fixture(options: LocalEngine.Options(batchSize: 100))
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        try f.putObjects("src", count: total - missing)
        let lines = (0..<total).map { i in
            i < total - missing ? "src,key-" + String(format: "%04d", i) : "src,gone-\(i)"
        }
        let m = try await f.csvManifest(lines)
        let job = try await f.run(f.request(copyOp(), manifest: m, report: Self.report))
        #expect(job.status == expected)
        if expected == .failed {
            #expect(job.failureReasons?.first?.failureCode == "TaskFailureThresholdExceeded")
            let executed =
                (job.progressSummary?.numberOfTasksSucceeded ?? 0)
                + (job.progressSummary?.numberOfTasksFailed ?? 0)
            #expect(executed >= 1000)
            #expect((job.progressSummary?.numberOfTasksFailed ?? 0) * 2 > executed)
            #expect(job.terminationDate != nil)
        } else {
            #expect(job.progressSummary?.numberOfTasksFailed == Int64(missing))
        }
    }

    @Test func cancelMidRun() async throws {
        let f = try Fixture(
            options: LocalEngine.Options(concurrency: 2, batchSize: 10, pace: .milliseconds(30)))
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        let keys = try f.putObjects("src", count: 400)
        let m = try await f.csvManifest(keys.map { "src,\($0)" })
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m, report: Self.report))
        let engine = f.engine
        let worker = Task { try await engine.work() }
        var status = try await f.describe(id).status
        while status != .active {
            try await Task.sleep(for: .milliseconds(10))
            status = try await f.describe(id).status
        }
        let answer = try await f.engine.updateJobStatus(
            accountId: account, jobId: id, to: .cancelled, reason: "stop")
        #expect(answer.status == .cancelling)
        _ = try await worker.value
        let job = try await f.describe(id)
        #expect(job.status == .cancelled)
        #expect(job.terminationDate != nil)
        let done =
            (job.progressSummary?.numberOfTasksSucceeded ?? 0)
            + (job.progressSummary?.numberOfTasksFailed ?? 0)
        #expect(done < 400)
        #expect(try f.store.listObjectVersions(bucket: "dest").count == Int(done))
        #expect(try f.report(jobId: id).rows["succeeded"]?.count == Int(done))
    }

    @Test func resumeAfterAnInterruptedWork() async throws {
        let f = try Fixture(
            options: LocalEngine.Options(concurrency: 2, batchSize: 10, pace: .milliseconds(20)))
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        let keys = try f.putObjects("src", count: 300)
        let m = try await f.csvManifest(keys.map { "src,\($0)" })
        let id = try await f.engine.createJob(f.request(copyOp(), manifest: m))
        let engine = f.engine
        let worker = Task { try await engine.work() }
        var progress: Int64 = 0
        while progress < 50 {
            try await Task.sleep(for: .milliseconds(10))
            progress = try await f.describe(id).progressSummary?.numberOfTasksSucceeded ?? 0
        }
        worker.cancel()
        _ = try? await worker.value
        let interrupted = try await f.describe(id)
        #expect(interrupted.status == .active)
        // A new engine over the same folder, as a new process would open it.
        let again = try LocalEngine(root: f.root, options: LocalEngine.Options(batchSize: 50))
        let finished = try await again.work()
        #expect(finished.map(\.jobId) == [id])
        let job = try await again.describeJob(accountId: account, jobId: id)
        #expect(job.status == .complete)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 300)
        #expect(job.progressSummary?.numberOfTasksFailed == 0)
        #expect(Set(try f.store.listObjectVersions(bucket: "dest").map(\.key)) == Set(keys))
    }
}
