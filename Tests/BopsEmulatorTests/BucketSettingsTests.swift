import BopsAWS
import BopsJobs
import BopsLocalEngine
import Foundation
import Testing

/// The bucket settings the emulator serves to the AWS CLI (policy, Block Public Access, Object Lock
/// configuration, lifecycle), read back through the aws engine, and obeyed by jobs.
@Suite(.tags(.process)) struct BucketSettingsTests {
    static let denyPut = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "NoBatchPuts", "Effect": "Deny",
          "Principal": {"AWS": "arn:aws:iam::123456789012:role/batch"}, "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::dst/a.txt"}]}
        """

    @Test(
        .enabled(if: AWSCLI.available, "the AWS CLI is not installed: pip install awscli"),
        .timeLimit(.minutes(2)))
    func theAWSCLISetsWhatTheAWSEngineReads() async throws {
        try await withEmulator { server, running in
            let store = server.engine.store
            try store.createBucket("dst")
            try store.createBucket("reports", versioning: .enabled)
            let cli = try AWSCLI(endpoint: running.endpoint.url)
            let engine = try awsEngine(for: running)
            defer { Task { try? await engine.shutdown() } }
            #expect(try await engine.bucketPolicy(bucket: "dst") == nil)
            #expect(try await engine.publicAccessBlock(bucket: "dst") == nil)
            #expect(try await engine.objectLockConfiguration(bucket: "reports") == nil)
            #expect(try await engine.lifecycleRules(bucket: "dst") == nil)

            try await cli.json(["s3api", "put-bucket-policy", "--bucket", "dst", "--policy", Self.denyPut])
            let got = try await cli.json(["s3api", "get-bucket-policy", "--bucket", "dst"])
            #expect(got["Policy"] as? String == Self.denyPut)
            #expect(try await engine.bucketPolicy(bucket: "dst") == Self.denyPut)
            let (status, output) = try await cli.run([
                "s3api", "put-bucket-policy", "--bucket", "dst", "--policy",
                #"{"Statement": [{"Effect": "Deny"}]}"#,
            ])
            #expect(status != 0 && output.contains("MalformedPolicy"), "\(output)")

            try await cli.json([
                "s3api", "put-public-access-block", "--bucket", "dst", "--public-access-block-configuration",
                "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false",
            ])
            #expect(
                try await engine.publicAccessBlock(bucket: "dst")
                    == PublicAccessBlock(blockPublicAcls: true, ignorePublicAcls: true))

            try await cli.json([
                "s3api", "put-object-lock-configuration", "--bucket", "reports",
                "--object-lock-configuration",
                #"{"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}}"#,
            ])
            let lock = try await cli.json(["s3api", "get-object-lock-configuration", "--bucket", "reports"])
            let rule = (lock["ObjectLockConfiguration"] as? [String: Any])?["Rule"] as? [String: Any]
            #expect((rule?["DefaultRetention"] as? [String: Any])?["Days"] as? Int == 1, "\(lock)")
            #expect(
                try await engine.objectLockConfiguration(bucket: "reports")
                    == ObjectLockConfiguration(
                        defaultRetention: ObjectLockDefaultRetention(mode: .governance, days: 1)))

            try await cli.json([
                "s3api", "put-bucket-lifecycle-configuration", "--bucket", "dst", "--lifecycle-configuration",
                #"{"Rules": [{"ID": "expire-logs", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 30}}]}"#,
            ])
            #expect(
                try await engine.lifecycleRules(bucket: "dst")
                    == [LifecycleRule(id: "expire-logs", prefix: "logs/", expirationDays: 30)])

            try await cli.json(["s3api", "delete-bucket-policy", "--bucket", "dst"])
            try await cli.json(["s3api", "delete-public-access-block", "--bucket", "dst"])
            try await cli.json(["s3api", "delete-bucket-lifecycle", "--bucket", "dst"])
            #expect(try await engine.bucketPolicy(bucket: "dst") == nil)
            #expect(try await engine.publicAccessBlock(bucket: "dst") == nil)
            #expect(try await engine.lifecycleRules(bucket: "dst") == nil)
            let (missing, text) = try await cli.run(["s3api", "get-bucket-policy", "--bucket", "dst"])
            #expect(missing != 0 && text.contains("NoSuchBucketPolicy"), "\(text)")
        }
    }

    static let boto3Script = #"""
        import json, os
        import boto3
        from botocore.exceptions import ClientError

        s3 = boto3.client("s3", endpoint_url=os.environ["BOPS_EMULATOR_URL"], region_name="us-east-1")
        policy = os.environ["POLICY"]

        def code(call):
            try:
                call()
            except ClientError as e:
                return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
            raise SystemExit("expected an error")

        s3.create_bucket(Bucket="dst")
        assert code(lambda: s3.get_bucket_policy(Bucket="dst")) == ("NoSuchBucketPolicy", 404)
        s3.put_bucket_policy(Bucket="dst", Policy=policy)
        assert s3.get_bucket_policy(Bucket="dst")["Policy"] == policy
        assert code(lambda: s3.put_bucket_policy(Bucket="dst", Policy="{")) == ("MalformedPolicy", 400)
        s3.delete_bucket_policy(Bucket="dst")
        assert code(lambda: s3.get_bucket_policy(Bucket="dst")) == ("NoSuchBucketPolicy", 404)
        s3.put_public_access_block(Bucket="dst", PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
        got = s3.get_public_access_block(Bucket="dst")["PublicAccessBlockConfiguration"]
        assert all(got.values()) and len(got) == 4, got
        s3.delete_public_access_block(Bucket="dst")
        assert code(lambda: s3.get_public_access_block(Bucket="dst")) == ("NoSuchPublicAccessBlockConfiguration", 404)
        assert code(lambda: s3.put_object_lock_configuration(Bucket="dst", ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled"})) == ("InvalidBucketState", 409)
        s3.put_bucket_versioning(Bucket="dst", VersioningConfiguration={"Status": "Enabled"})
        s3.put_object_lock_configuration(Bucket="dst", ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Years": 2}}})
        lock = s3.get_object_lock_configuration(Bucket="dst")["ObjectLockConfiguration"]
        assert lock["Rule"]["DefaultRetention"] == {"Mode": "COMPLIANCE", "Years": 2}, lock
        s3.put_bucket_lifecycle_configuration(Bucket="dst", LifecycleConfiguration={"Rules": [
            {"ID": "tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 1}}]})
        rules = s3.get_bucket_lifecycle_configuration(Bucket="dst")["Rules"]
        assert rules[0]["ID"] == "tmp" and rules[0]["Expiration"] == {"Days": 1}, rules
        s3.delete_bucket_lifecycle(Bucket="dst")
        assert code(lambda: s3.get_bucket_lifecycle_configuration(Bucket="dst")) == ("NoSuchLifecycleConfiguration", 404)
        print("OK: bucket settings")
        """#

    @Test(.enabled(if: Python.hasBoto3, "boto3 is not installed: pip install boto3"), .timeLimit(.minutes(2)))
    func boto3SetsAndReadsTheBucketSettings() async throws {
        try await withEmulator { _, running in
            let result = try await Python.script(Self.boto3Script, against: running, ["POLICY": Self.denyPut])
            #expect(result.status == 0, "boto3 script failed (exit \(result.status)):\n\(result.output)")
            #expect(result.output.contains("OK: bucket settings"), "\(result.output)")
        }
    }

    /// A copy job through the aws engine: the destination's bucket policy denies the role one key,
    /// whose task fails with S3's 403 AccessDenied in the report.
    @Test(.timeLimit(.minutes(1)))
    func aBucketPolicyDenyFailsTheTaskOfAJobOnTheEmulator() async throws {
        try await withEmulator { server, running in
            let store = server.engine.store
            for bucket in ["src", "dst", "manifests", "reports"] { try store.createBucket(bucket) }
            for key in ["a.txt", "b.txt"] {
                _ = try store.putObject(
                    bucket: "src", key: key, body: Array(key.utf8), attributes: ObjectAttributes())
            }
            try store.putBucketPolicy("dst", Self.denyPut)
            let manifest = try store.putObject(
                bucket: "manifests", key: "m.csv", body: Array("src,a.txt\nsrc,b.txt\n".utf8),
                attributes: ObjectAttributes())
            let engine = try awsEngine(for: running)
            defer { Task { try? await engine.shutdown() } }
            let job = try await runJob(
                engine, .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst")),
                report: JobReport(
                    bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true, prefix: "r",
                    reportScope: .failedTasksOnly),
                manifestETag: manifest.eTag)
            #expect(job.status == .complete)
            #expect(job.progressSummary?.numberOfTasksFailed == 1)
            #expect(job.progressSummary?.numberOfTasksSucceeded == 1)
            let reports = try await store.listObjects(
                bucket: "reports", prefix: "r/job-\(job.jobId)/results/")
            let body = try store.readObject(
                bucket: "reports", key: try #require(reports.first).key, versionId: nil
            ).body
            let text = String(decoding: body, as: UTF8.self)
            #expect(text.contains("src,a.txt,"), "\(text)")
            #expect(text.contains(",failed,403,AccessDenied,"), "\(text)")
            #expect(text.contains("explicit deny in a resource-based policy"), "\(text)")
            #expect(try await store.headObject(bucket: "dst", key: "a.txt", versionId: nil) == nil)
            #expect(try await store.headObject(bucket: "dst", key: "b.txt", versionId: nil) != nil)
        }
    }
}
