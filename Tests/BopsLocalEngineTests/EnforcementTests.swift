import BopsIAM
import BopsJobs
import BopsLocalEngine
import BopsTestSupport
import Foundation
import Testing

/// Jobs on the local engine run as their declared role and fail as on AWS.
struct EnforcementTests {
    let folder: TempFolder
    let engine: LocalEngine

    init() throws {
        folder = try TempFolder(prefix: "bops-enforce")
        engine = try LocalEngine(root: folder.path, options: LocalEngine.Options(batchSize: 256))
        for bucket in ["logs", "archive", "manifests", "reports"] { try engine.store.createBucket(bucket) }
    }

    static let reading = allow(
        ["s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectTagging"], ["arn:aws:s3:::logs/*"])
    static let listing = allow(["s3:ListBucket"], ["arn:aws:s3:::logs"])
    static let writing = allow(
        ["s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectTagging"], ["arn:aws:s3:::archive/*"])
    static let manifest = allow(["s3:GetObject"], ["arn:aws:s3:::manifests/*"])
    static let report = allow(["s3:PutObject"], ["arn:aws:s3:::reports/*"])

    func copyJob(keys: [String]) async throws -> CreateJobRequest {
        let body = Array((keys.map { "logs,\($0)" }.joined(separator: "\n") + "\n").utf8)
        let info = try await engine.putObject(
            bucket: "manifests", key: "m.csv", body: body, contentType: "text/csv")
        return CreateJobRequest(
            accountId: accountId, confirmationRequired: false,
            operation: .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::archive")),
            report: JobReport(
                bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true, prefix: "r",
                reportScope: .allTasks),
            clientRequestToken: UUID().uuidString,
            manifest: JobManifest(
                spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
                location: JobManifestLocation(objectArn: "arn:aws:s3:::manifests/m.csv", eTag: info.eTag)),
            priority: 1, roleArn: roleArn)
    }

    /// Declares the job's role, trusting Batch Operations, with one policy of `statements`.
    func declareRole(policy name: String = "p", _ statements: [String]) throws {
        try engine.putRole(
            name: "batch-ops", trustPolicy: trust,
            policies: [name: policy(statements.joined(separator: ","))],
            accountId: accountId)
    }

    func putObjects(_ count: Int) async throws -> [String] {
        var keys: [String] = []
        for i in 0..<count {
            let key = "k\(i)"
            _ = try await engine.putObject(
                bucket: "logs", key: key, body: Array("b\(i)".utf8), contentType: nil)
            keys.append(key)
        }
        return keys
    }

    func run(_ request: CreateJobRequest) async throws -> JobDescriptor {
        let id = try await engine.createJob(request)
        try await engine.work()
        return try await engine.describeJob(accountId: accountId, jobId: id)
    }

    func reportRows(_ job: JobDescriptor) throws -> [String] {
        let manifest = try engine.store.readObject(
            bucket: "reports", key: "r/job-\(job.jobId)/manifest.json", versionId: nil
        ).body
        let object = try #require(try JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any])
        var lines: [String] = []
        for entry in object["Results"] as? [[String: String]] ?? [] {
            let body = try engine.store.readObject(bucket: "reports", key: entry["Key"] ?? "", versionId: nil)
                .body
            lines += String(decoding: body, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        return lines.sorted()
    }

    @Test func anUndeclaredRoleAllowsEverything() async throws {
        let done = try await run(try await copyJob(keys: try await putObjects(3)))
        #expect(done.status == .complete)
        #expect(done.progressSummary?.numberOfTasksSucceeded == 3)
    }

    @Test func aRoleWithWhatTheJobNeedsRunsIt() async throws {
        try declareRole(
            policy: "copy", [Self.reading, Self.listing, Self.writing, Self.manifest, Self.report])
        let done = try await run(try await copyJob(keys: try await putObjects(3)))
        #expect(done.status == .complete, "\(String(describing: done.failureReasons))")
        #expect(done.progressSummary?.numberOfTasksSucceeded == 3)
    }

    @Test func aRoleThatCannotBeAssumedFailsAtPreparation() async throws {
        try engine.putRole(
            name: "batch-ops",
            trustPolicy: policy(
                #"{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}"#
            ),
            policies: ["all": policy(allow(["s3:*"], ["*"]))], accountId: accountId)
        let done = try await run(try await copyJob(keys: try await putObjects(2)))
        #expect(done.status == .failed)
        let failure = try #require(done.failureReasons?.first)
        #expect(failure.failureCode == "AccessDenied")
        #expect(failure.failureReason?.contains("Unable to assume role \(roleArn)") == true)
        #expect(done.progressSummary?.totalNumberOfTasks == 0)
    }

    @Test func aRoleThatCannotReadTheManifestFailsAtPreparation() async throws {
        try declareRole([Self.reading, Self.listing, Self.writing, Self.report])
        let done = try await run(try await copyJob(keys: try await putObjects(2)))
        #expect(done.status == .failed)
        #expect(
            done.failureReasons?.first?.failureReason == "Reading the manifest is forbidden: AccessDenied")
    }

    @Test func aTaskWhoseActionIsDeniedFailsWithAccessDenied() async throws {
        let denySome = #"{"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::archive/k1"}"#
        try declareRole([Self.reading, Self.listing, Self.writing, Self.manifest, Self.report, denySome])
        let done = try await run(try await copyJob(keys: try await putObjects(3)))
        #expect(done.status == .complete)
        #expect(done.progressSummary?.numberOfTasksFailed == 1)
        let rows = try reportRows(done)
        let failed = try #require(rows.first { $0.hasPrefix("logs,k1,") })
        #expect(failed.contains(",failed,403,AccessDenied,"), "\(failed)")
        #expect(
            failed.contains(
                "s3:PutObject on resource: \"\"arn:aws:s3:::archive/k1\"\" with an explicit deny"),
            "\(failed)")
        #expect(rows.filter { $0.contains(",succeeded,200,") }.count == 2)
        #expect(try await engine.store.headObject(bucket: "archive", key: "k1", versionId: nil) == nil)
    }

    @Test func aRoleWithoutTheReportPermissionGetsNoReport() async throws {
        try declareRole([Self.reading, Self.listing, Self.writing, Self.manifest])
        let done = try await run(try await copyJob(keys: try await putObjects(1)))
        #expect(done.status == .failed)
        #expect(
            done.failureReasons?.first?.failureReason?.contains(
                "The job report could not be written to your report bucket") == true)
        #expect(try await engine.store.listObjects(bucket: "reports", prefix: nil).isEmpty)
    }

    /// More than half of at least 1,000 tasks denied: the job ends Failed by the threshold rule.
    @Test func deniedTasksOverTheThresholdFailTheJob() async throws {
        try declareRole([Self.reading, Self.listing, Self.manifest, Self.report])
        let done = try await run(try await copyJob(keys: (0..<1200).map { "missing-\($0)" }))
        #expect(done.status == .failed)
        #expect(done.failureReasons?.contains { $0.failureCode == "TaskFailureThresholdExceeded" } == true)
        let failed = done.progressSummary?.numberOfTasksFailed ?? 0
        #expect(failed >= 1000 && failed <= 1200)
        #expect(done.progressSummary?.numberOfTasksSucceeded == 0)
        let rows = try reportRows(done)
        #expect(rows.allSatisfy { $0.contains(",403,AccessDenied,") }, "\(rows.prefix(2))")
    }
}
