import BopsJobs
import FoundationEssentials
import Testing

/// The default encryption the emulator serves to the AWS CLI (PutBucketEncryption,
/// GetBucketEncryption, DeleteBucketEncryption), read back through the aws engine.
@Suite(.tags(.process)) struct BucketEncryptionTests {
    @Test(
        .enabled(if: AWSCLI.available, "the AWS CLI is not installed: pip install awscli"),
        .timeLimit(.minutes(2)))
    func theAWSCLISetsTheDefaultEncryptionTheAWSEngineReads() async throws {
        try await withEmulator { server, running in
            try server.engine.store.createBucket("src")
            let cli = try AWSCLI(endpoint: running.endpoint.url)
            let engine = try awsEngine(for: running)
            defer { Task { try? await engine.shutdown() } }
            #expect(try await engine.bucketEncryption(bucket: "src") == nil)
            let (absent, text) = try await cli.run(["s3api", "get-bucket-encryption", "--bucket", "src"])
            #expect(absent != 0 && text.contains("ServerSideEncryptionConfigurationNotFoundError"), "\(text)")

            let key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            try await cli.json([
                "s3api", "put-bucket-encryption", "--bucket", "src", "--server-side-encryption-configuration",
                #"{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "\#(key)"}, "BucketKeyEnabled": true}]}"#,
            ])
            let got = try await cli.json(["s3api", "get-bucket-encryption", "--bucket", "src"])
            let rules =
                (got["ServerSideEncryptionConfiguration"] as? [String: Any])?["Rules"] as? [[String: Any]]
            let apply = rules?.first?["ApplyServerSideEncryptionByDefault"] as? [String: Any]
            #expect(apply?["KMSMasterKeyID"] as? String == key, "\(got)")
            #expect(rules?.first?["BucketKeyEnabled"] as? Bool == true, "\(got)")
            #expect(
                try await engine.bucketEncryption(bucket: "src")
                    == BucketEncryption(algorithm: "aws:kms", kmsKeyId: key, bucketKeyEnabled: true))

            let (refused, why) = try await cli.run([
                "s3api", "put-bucket-encryption", "--bucket", "src", "--server-side-encryption-configuration",
                #"{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "DES"}}]}"#,
            ])
            #expect(refused != 0 && why.contains("InvalidArgument"), "\(why)")

            try await cli.json(["s3api", "delete-bucket-encryption", "--bucket", "src"])
            #expect(try await engine.bucketEncryption(bucket: "src") == nil)
        }
    }
}
