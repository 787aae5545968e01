import BopsJobs
import BopsLocalEngine
import BopsManifest
import FoundationEssentials
import Testing

/// A Replicate job over an S3 Inventory report, planned on the aws engine against the emulator: the
/// AWS CLI puts the inventory configuration (PutBucketInventoryConfiguration), the plan reads it
/// with GetBucketInventoryConfiguration, and a configuration of current versions only is an error
/// at the manifest's location until the CLI puts one of all versions.
@Suite(.tags(.process)) struct InventoryVersionsEmulatorTests {
    static let key = "inventory/photos/daily/2026-12-01T01-00Z/manifest.json"
    static let spec = """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: replicate-photos
        spec:
          roleArn: arn:aws:iam::123456789012:role/copy-job
          manifest:
            inventory:
              location: s3://inv/\(key)
          operation:
            replicate: {}
          report:
            bucket: arn:aws:s3:::reports
            scope: all

        """

    static func configuration(_ versions: String) -> String {
        #"{"Id": "daily", "IsEnabled": true, "IncludedObjectVersions": "\#(versions)", "#
            + #""Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::inv", "Format": "CSV", "#
            + #""Prefix": "inventory"}}, "Schedule": {"Frequency": "Daily"}, "OptionalFields": ["Size"]}"#
    }

    @Test(
        .enabled(if: IAMPlanTests.binary != nil, "the bops executable was not built"),
        .enabled(if: AWSCLI.available, "the AWS CLI is not installed: pip install awscli"),
        .timeLimit(.minutes(2)))
    func theInventoryConfigurationIsReadThroughTheAWSEngine() async throws {
        let project = try IAMPlanTests.project()
        try FileManager.default.removeItem(atPath: project.path + "/specs/copy-to-dst.yaml")
        try Data(Self.spec.utf8).write(
            to: URL(fileURLWithPath: project.path + "/specs/replicate-photos.yaml"))
        try await withEmulator { server, running in
            try await IAMPlanTests.seed(server, running, policy: IAMPlanTests.fullPolicy)
            let store = server.engine.store
            try store.createBucket("photos", versioning: .enabled)
            try store.createBucket("photos-dr", versioning: .enabled)
            try store.createBucket("inv")
            try store.putBucketReplication(
                "photos",
                ReplicationConfiguration(
                    role: "arn:aws:iam::123456789012:role/replication",
                    rules: [
                        ReplicationRule(
                            id: "to-dr", status: .enabled,
                            destination: ReplicationDestination(bucket: "arn:aws:s3:::photos-dr"))
                    ]))
            let version = try #require(
                try store.putObject(
                    bucket: "photos", key: "a.jpg", body: Array("jpeg".utf8), attributes: ObjectAttributes()
                ).versionId)
            for object in try InventoryDelivery.objects(
                rows: [ManifestRow(bucket: "photos", key: "a.jpg", versionId: version)],
                sourceBucket: "photos",
                destinationBucket: "inv", prefix: "inventory/photos/daily",
                date: Date(timeIntervalSince1970: 1_796_086_800))  // 2026-12-01T01:00:00Z
            {
                _ = try store.putObject(
                    bucket: "inv", key: object.key, body: object.body, attributes: ObjectAttributes())
            }
            let cli = try AWSCLI(endpoint: running.endpoint.url)
            let put = [
                "s3api", "put-bucket-inventory-configuration", "--bucket", "photos", "--id", "daily",
                "--inventory-configuration",
            ]
            try await cli.json(put + [Self.configuration("Current")])
            let got = try await cli.json([
                "s3api", "get-bucket-inventory-configuration", "--bucket", "photos", "--id", "daily",
            ])
            let read = got["InventoryConfiguration"] as? [String: Any]
            #expect(read?["IncludedObjectVersions"] as? String == "Current", "\(got)")
            #expect(read?["OptionalFields"] as? [String] == ["Size"], "\(got)")
            let listed = try await cli.json([
                "s3api", "list-bucket-inventory-configurations", "--bucket", "photos",
            ])
            #expect((listed["InventoryConfigurationList"] as? [Any])?.count == 1, "\(listed)")

            let (status, output) = try await IAMPlanTests.plan(project.path, running)
            #expect(status != 0, "\(output)")
            let error =
                output.split(separator: "\n").first { $0.contains("lists only current versions") }.map(
                    String.init) ?? ""
            #expect(error.contains("replicate-photos.yaml:9:17: error:"), "\(output)")
            #expect(
                output.contains(
                    "aws s3api put-bucket-inventory-configuration --bucket photos --id daily --inventory-configuration"
                ), "\(output)")

            try await cli.json(put + [Self.configuration("All")])
            let (fixed, again) = try await IAMPlanTests.plan(project.path, running)
            #expect(fixed == 0, "\(again)")
            #expect(!again.contains("versions"), "\(again)")

            try await cli.json([
                "s3api", "delete-bucket-inventory-configuration", "--bucket", "photos", "--id", "daily",
            ])
            let (missing, text) = try await cli.run([
                "s3api", "get-bucket-inventory-configuration", "--bucket", "photos", "--id", "daily",
            ])
            #expect(missing != 0 && text.contains("NoSuchConfiguration"), "\(text)")
            let (gone, warned) = try await IAMPlanTests.plan(project.path, running)
            #expect(gone == 0, "\(warned)")
            #expect(warned.contains("lists every version was not checked"), "\(warned)")
        }
    }
}
