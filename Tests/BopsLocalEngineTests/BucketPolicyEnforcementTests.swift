import BopsIAM
import BopsJobs
import BopsLocalEngine
import Foundation
import Testing

/// Bucket settings jobs obey on the local engine: a bucket policy is evaluated with the job's role in
/// every task (declared or not), and a report bucket with an Object Lock default retention gets no
/// report.
struct BucketPolicyEnforcementTests {
    let base: EnforcementTests

    init() throws { base = try EnforcementTests() }

    static func denyRole(_ action: String, _ resource: String) -> String {
        policy(
            #"{"Sid":"NoBatch","Effect":"Deny","Principal":{"AWS":"\#(roleArn)"},"Action":"\#(action)","Resource":"\#(resource)"}"#
        )
    }

    @Test func aBucketPolicyDenyFailsTheTasksItDenies() async throws {
        try base.engine.store.putBucketPolicy(
            "archive", Self.denyRole("s3:PutObject", "arn:aws:s3:::archive/k1"))
        let done = try await base.run(try await base.copyJob(keys: try await base.putObjects(3)))
        #expect(done.status == .complete)
        #expect(done.progressSummary?.numberOfTasksFailed == 1)
        let rows = try base.reportRows(done)
        let failed = try #require(rows.first { $0.hasPrefix("logs,k1,") })
        #expect(failed.contains(",failed,403,AccessDenied,"), "\(failed)")
        #expect(
            failed.contains(
                "s3:PutObject on resource: \"\"arn:aws:s3:::archive/k1\"\" with an explicit deny in a resource-based policy"
            ), "\(failed)")
        #expect(try await base.engine.store.headObject(bucket: "archive", key: "k1", versionId: nil) == nil)
    }

    @Test func aBucketPolicyForSomeoneElseChangesNothing() async throws {
        try base.engine.store.putBucketPolicy(
            "archive",
            policy(
                #"{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/other"},"Action":"s3:*","Resource":"arn:aws:s3:::archive/*"}"#
            ))
        let done = try await base.run(try await base.copyJob(keys: try await base.putObjects(2)))
        #expect(done.status == .complete)
        #expect(done.progressSummary?.numberOfTasksSucceeded == 2)
    }

    @Test func aBucketPolicyDenyOnTheManifestFailsPreparation() async throws {
        try base.engine.store.putBucketPolicy(
            "manifests", Self.denyRole("s3:GetObject", "arn:aws:s3:::manifests/*"))
        let done = try await base.run(try await base.copyJob(keys: try await base.putObjects(1)))
        #expect(done.status == .failed)
        #expect(
            done.failureReasons?.first?.failureReason == "Reading the manifest is forbidden: AccessDenied")
    }

    @Test func aBucketPolicyDenyOnTheReportLeavesTheJobWithoutOne() async throws {
        try base.engine.store.putBucketPolicy(
            "reports", Self.denyRole("s3:PutObject", "arn:aws:s3:::reports/*"))
        let done = try await base.run(try await base.copyJob(keys: try await base.putObjects(1)))
        #expect(done.status == .failed)
        #expect(
            done.failureReasons?.first?.failureReason?.contains(
                "The job report could not be written to your report bucket") == true)
        #expect(try await base.engine.store.listObjects(bucket: "reports", prefix: nil).isEmpty)
    }

    @Test func aReportBucketWithADefaultRetentionGetsNoReport() async throws {
        try base.engine.store.putBucketVersioning("reports", .enabled)
        try base.engine.store.putObjectLockConfiguration(
            "reports", defaultRetention: ObjectLockDefaultRetention(mode: .governance, days: 1))
        let done = try await base.run(try await base.copyJob(keys: try await base.putObjects(1)))
        #expect(done.status == .failed)
        #expect(done.failureReasons?.first?.failureReason?.contains("Object Lock default retention") == true)
        #expect(try await base.engine.store.listObjects(bucket: "reports", prefix: nil).isEmpty)
        try base.engine.store.putObjectLockConfiguration("reports", defaultRetention: nil)
        let again = try await base.run(try await base.copyJob(keys: try await base.putObjects(1)))
        #expect(again.status == .complete, "\(String(describing: again.failureReasons))")
    }

    @Test func aMalformedBucketPolicyIsRefused() throws {
        #expect {
            try base.engine.store.putBucketPolicy(
                "archive",
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#)
        } throws: { error in
            let e = error as? EngineError
            return e?.code == "MalformedPolicy" && e?.httpStatus == 400
                && e?.message.contains("Missing required field Principal (line 1, column") == true
        }
    }
}

extension BucketPolicyEnforcementTests {
    @Test func blockPublicAccessRefusesAPublicCopy() async throws {
        try base.engine.store.putPublicAccessBlock("archive", .all)
        var request = try await base.copyJob(keys: try await base.putObjects(1))
        request.operation = .s3PutObjectCopy(
            S3CopyObjectOperation(
                targetResource: "arn:aws:s3:::archive", cannedAccessControlList: .publicRead))
        let done = try await base.run(request)
        #expect(done.progressSummary?.numberOfTasksFailed == 1)
        let rows = try base.reportRows(done)
        #expect(
            rows.first?.contains(",failed,403,AccessDenied,Access Denied (Block Public Access on archive")
                == true, "\(rows)")
        try base.engine.store.putPublicAccessBlock("archive", nil)
        var again = try await base.copyJob(keys: try await base.putObjects(1))
        again.operation = request.operation
        #expect(try await base.run(again).progressSummary?.numberOfTasksSucceeded == 1)
    }
}
