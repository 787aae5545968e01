import BopsAWSModel
import BopsEmulator
import BopsJobs
import BopsLocalEngine
import Foundation
import Testing

@testable import BopsAWS

/// The emulator's KMS API driven by boto3 and the aws engine over real HTTP with SigV4 verified,
/// and the key policies it holds enforced in jobs created through S3 Control.
@Suite(.tags(.process)) struct KMSEmulatorTests {
    static let batchOnly = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "Batch", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::123456789012:role/batch"},
          "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": "*"}]}
        """
    static let adminsOnly = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "Admins", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::123456789012:role/admin"}, "Action": "kms:*", "Resource": "*"}]}
        """

    static let boto3Script = #"""
        import json, os
        import boto3
        from botocore.exceptions import ClientError

        kms = boto3.client("kms", endpoint_url=os.environ["BOPS_EMULATOR_URL"], region_name="us-east-1")
        policy = os.environ["POLICY"]

        def code(call):
            try:
                call()
            except ClientError as e:
                return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
            raise SystemExit("expected an error")

        made = kms.create_key(Policy=policy, Description="batch ünï")["KeyMetadata"]
        key_id, arn = made["KeyId"], made["Arn"]
        assert arn == "arn:aws:kms:us-east-1:123456789012:key/" + key_id, made
        assert made["Enabled"] is True and made["KeyState"] == "Enabled", made
        assert made["Description"] == "batch ünï" and made["KeyUsage"] == "ENCRYPT_DECRYPT", made
        assert made["CreationDate"].year >= 2024, made
        described = kms.describe_key(KeyId=arn)["KeyMetadata"]
        assert described["KeyId"] == key_id and described["AWSAccountId"] == "123456789012", described
        got = kms.get_key_policy(KeyId=key_id, PolicyName="default")
        assert json.loads(got["Policy"]) == json.loads(policy) and got["PolicyName"] == "default", got
        default = kms.create_key()["KeyMetadata"]
        statement = json.loads(kms.get_key_policy(KeyId=default["KeyId"])["Policy"])["Statement"][0]
        assert statement["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}, statement
        kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}]}))
        assert "kms:Decrypt" in kms.get_key_policy(KeyId=key_id)["Policy"]
        kms.disable_key(KeyId=key_id)
        assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"] == "Disabled"
        assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["Enabled"] is False
        kms.enable_key(KeyId=arn)
        assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"] == "Enabled"
        assert code(lambda: kms.describe_key(KeyId="1234abcd-12ab-34cd-56ef-000000000000")) == ("NotFoundException", 400)
        assert code(lambda: kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy="{")) == ("MalformedPolicyDocumentException", 400)
        assert code(lambda: kms.get_key_policy(KeyId=key_id, PolicyName="other")) == ("NotFoundException", 400)
        try:
            kms.describe_key(KeyId="nope")
        except kms.exceptions.NotFoundException as e:
            assert "does not exist" in e.response["Error"]["Message"], e.response
        print("OK: kms")
        """#

    @Test(.enabled(if: Python.hasBoto3, "boto3 is not installed: pip install boto3"), .timeLimit(.minutes(2)))
    func boto3ManagesKeys() async throws {
        try await withEmulator { _, running in
            let result = try await Python.script(
                Self.boto3Script, against: running, ["POLICY": Self.batchOnly])
            #expect(result.status == 0, "boto3 KMS script failed (exit \(result.status)):\n\(result.output)")
            #expect(result.output.contains("OK: kms"), "\(result.output)")
        }
    }

    @Test(
        .enabled(if: AWSCLI.available, "the AWS CLI is not installed: pip install awscli"),
        .timeLimit(.minutes(2)))
    func theAWSCLIManagesKeys() async throws {
        try await withEmulator { _, running in
            let cli = try AWSCLI(endpoint: running.endpoint.url)
            let policyFile = try cli.file(Self.adminsOnly)
            let made = try await cli.json(["kms", "create-key", "--policy", "file://" + policyFile])
            let metadata = try #require(made["KeyMetadata"] as? [String: Any])
            let id = try #require(metadata["KeyId"] as? String)
            #expect(metadata["Arn"] as? String == "arn:aws:kms:us-east-1:123456789012:key/\(id)")
            let policy = try await cli.json([
                "kms", "get-key-policy", "--key-id", id, "--policy-name", "default",
            ])
            #expect((policy["Policy"] as? String)?.contains("role/admin") == true, "\(policy)")
            let batchFile = try cli.file(Self.batchOnly)
            try await cli.json([
                "kms", "put-key-policy", "--key-id", id, "--policy-name", "default", "--policy",
                "file://" + batchFile,
            ])
            try await cli.json(["kms", "disable-key", "--key-id", id])
            let described = try await cli.json(["kms", "describe-key", "--key-id", id])
            #expect((described["KeyMetadata"] as? [String: Any])?["KeyState"] as? String == "Disabled")
            let missing = try await cli.failure(["kms", "describe-key", "--key-id", "1234abcd-0000"])
            #expect(missing.contains("NotFoundException"), "\(missing)")
        }
    }

    /// The aws engine's KeyChecking reads what the emulator holds; `AWS_ENDPOINT_URL_KMS` alone
    /// reaches it.
    @Test(.timeLimit(.minutes(1))) func theAWSEngineReadsKeysFromTheEmulator() async throws {
        try await withEmulator { server, running in
            let key = try server.engine.createKey(
                policy: Self.batchOnly, enabled: false, accountId: "123456789012")
            let engine = try AWSEngine(
                AWSEngineConfiguration(
                    region: "us-east-1",
                    environment: AWSEnvironment([
                        "AWS_ENDPOINT_URL_KMS": running.endpoint.url, "AWS_ACCESS_KEY_ID": EmulatorTestKey.id,
                        "AWS_SECRET_ACCESS_KEY": EmulatorTestKey.secret, "AWS_CONFIG_FILE": "/nonexistent/c",
                        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/s", "AWS_EC2_METADATA_DISABLED": "true",
                    ])))
            defer { Task { try? await engine.shutdown() } }
            #expect(engine.endpoints.custom[.kms]?.description == running.endpoint.url)
            let described = try #require(try await engine.describeKey(key.arn))
            #expect(
                described
                    == KMSKeyDescription(
                        keyId: key.keyId, arn: key.arn, account: "123456789012", keyState: "Disabled"))
            #expect(!described.enabled)
            #expect(try await engine.keyPolicy(key.arn) == Self.batchOnly)
            #expect(try await engine.describeKey("arn:aws:kms:us-east-1:123456789012:key/missing") == nil)
            await #expect(throws: EngineError.self) { try await engine.keyPolicy("missing") }
        }
    }

    /// A Copy with SSE-KMS to a key whose policy does not name the role fails its tasks with KMS's
    /// AccessDeniedException; with the role named, they succeed.
    @Test(.timeLimit(.minutes(1))) func aKeyPolicyRefusingTheRoleFailsTheTasks() async throws {
        try await withEmulator { server, running in
            let store = server.engine.store
            for bucket in ["src", "dst", "manifests", "reports"] { try store.createBucket(bucket) }
            _ = try store.putObject(
                bucket: "src", key: "a", body: Array("a".utf8), attributes: ObjectAttributes())
            let manifest = try store.putObject(
                bucket: "manifests", key: "m.csv", body: Array("src,a\n".utf8), attributes: ObjectAttributes()
            )
            let key = try server.engine.createKey(policy: Self.adminsOnly, accountId: "123456789012")
            let engine = try awsEngine(for: running)
            defer { Task { try? await engine.shutdown() } }
            let copy = JobOperation.s3PutObjectCopy(
                S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst", sseAwsKmsKeyId: key.arn))
            let report = JobReport(
                bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true, prefix: "r",
                reportScope: .allTasks)
            let refused = try await runJob(engine, copy, report: report, manifestETag: manifest.eTag)
            #expect(refused.progressSummary?.numberOfTasksFailed == 1)
            let rows = try Self.reportRows(store, refused.jobId)
            #expect(
                rows.contains {
                    $0.contains(",failed,400,AccessDeniedException,")
                        && $0.contains(
                            "not authorized to perform: kms:GenerateDataKey on resource: \(key.arn)")
                }, "\(rows)")
            try server.engine.putKeyPolicy(key.arn, policy: Self.batchOnly)
            let allowed = try await runJob(engine, copy, report: report, manifestETag: manifest.eTag)
            #expect(
                allowed.progressSummary?.numberOfTasksSucceeded == 1,
                "\((try? Self.reportRows(store, allowed.jobId)) ?? [])")
        }
    }

    static func reportRows(_ store: LocalStore, _ jobId: String) throws -> [String] {
        var rows: [String] = []
        for object in try store.listObjectVersions(bucket: "reports", prefix: "r/job-\(jobId)/results/") {
            let body = try store.readObject(bucket: "reports", key: object.key, versionId: nil).body
            rows += String(decoding: body, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        return rows
    }
}
