import BopsJobs
import BopsLocalEngine
import Foundation
import Testing

/// `bops plan` on the aws engine against the emulator: the bucket settings are read with S3's Get
/// calls over HTTP (GetBucketPolicy, GetObjectLockConfiguration, GetBucketLifecycleConfiguration),
/// each finding at the key it concerns, and gone once the bucket is fixed.
@Suite(.tags(.process)) struct BucketSettingsPlanTests {
    static let denyCopyJob = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "NoBatchWrites", "Effect": "Deny",
          "Principal": {"AWS": "arn:aws:iam::123456789012:role/copy-job"}, "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::dst/*"}]}
        """

    static func line(of text: String) -> Int {
        (IAMPlanTests.spec.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains(text)
        } ?? -1) + 1
    }

    @Test(
        .enabled(if: IAMPlanTests.binary != nil, "the bops executable was not built"), .timeLimit(.minutes(2))
    )
    func bucketSettingsAreCheckedThroughTheAWSEngine() async throws {
        let project = try IAMPlanTests.project()
        try await withEmulator { server, running in
            try await IAMPlanTests.seed(server, running, policy: IAMPlanTests.fullPolicy)
            let store = server.engine.store
            try store.putBucketPolicy("dst", Self.denyCopyJob)
            try store.putBucketVersioning("reports", .enabled)
            try store.putObjectLockConfiguration(
                "reports", defaultRetention: ObjectLockDefaultRetention(mode: .compliance, years: 1))
            try store.putLifecycle(
                "src",
                [
                    LifecycleRule(
                        id: "archive", transitions: [LifecycleTransition(days: 1, storageClass: "GLACIER")])
                ])

            let (status, output) = try await IAMPlanTests.plan(project.path, running)
            #expect(status != 0, "\(output)")
            let lines = output.split(separator: "\n").map(String.init)
            let policy =
                lines.first { $0.contains("the bucket policy of dst denies role copy-job s3:PutObject") }
                ?? ""
            #expect(
                policy.contains("copy-to-dst.yaml:\(Self.line(of: "destination:")):20: error:"), "\(output)")
            #expect(
                output.contains("aws s3api put-bucket-policy --bucket dst --policy file://policy.json"),
                "\(output)")
            let report =
                lines.first { $0.contains("Object Lock default retention (COMPLIANCE for 1 year)") } ?? ""
            #expect(
                report.contains(
                    "copy-to-dst.yaml:\(Self.line(of: "bucket: arn:aws:s3:::reports")):13: error:"),
                "\(output)")
            let lifecycle = lines.first { $0.contains("lifecycle rule 'archive' of source bucket src") } ?? ""
            #expect(
                lifecycle.contains(
                    "copy-to-dst.yaml:\(Self.line(of: "file: manifests/objects.csv")):13: warning:"),
                "\(output)")
            #expect(lifecycle.contains("moves objects to GLACIER after 1 days"), "\(lifecycle)")
            #expect(!output.contains("was not checked"), "\(output)")

            try store.putBucketPolicy("dst", nil)
            try store.putObjectLockConfiguration("reports", defaultRetention: nil)
            try store.putLifecycle("src", nil)
            let (fixed, again) = try await IAMPlanTests.plan(project.path, running)
            #expect(fixed == 0, "\(again)")
            #expect(!again.contains("bucket policy") && !again.contains("lifecycle"), "\(again)")
        }
    }

    /// The emulator stands for eu-west-1 (HeadBucket answers it), the project's jobs run in
    /// us-east-1: the report bucket is a warning at its key.
    @Test(
        .enabled(if: IAMPlanTests.binary != nil, "the bops executable was not built"), .timeLimit(.minutes(2))
    )
    func aReportBucketInAnotherRegionIsAWarning() async throws {
        let project = try IAMPlanTests.project()
        try await withEmulator({ $0.region = "eu-west-1" }) { server, running in
            try await IAMPlanTests.seed(server, running, policy: IAMPlanTests.fullPolicy)
            let (status, output) = try await IAMPlanTests.plan(project.path, running)
            #expect(status == 0, "\(output)")
            let warning =
                output.split(separator: "\n").first { $0.contains("report bucket reports is in eu-west-1") }
                .map(String.init) ?? ""
            #expect(
                warning.contains(
                    "copy-to-dst.yaml:\(Self.line(of: "bucket: arn:aws:s3:::reports")):13: warning:"),
                "\(output)")
            #expect(warning.contains("the job runs in us-east-1"), "\(warning)")
        }
    }

    /// An acknowledged check is not made through the aws engine either: a note at its key.
    @Test(
        .enabled(if: IAMPlanTests.binary != nil, "the bops executable was not built"), .timeLimit(.minutes(2))
    )
    func anAcknowledgedReportRetentionIsANote() async throws {
        let project = try IAMPlanTests.project()
        let spec = IAMPlanTests.spec.replacingOccurrences(
            of: "  roleArn:",
            with: "  acknowledge:\n    reportRetention: \"reports are not read\"\n  roleArn:")
        try Data(spec.utf8).write(to: URL(fileURLWithPath: project.path + "/specs/copy-to-dst.yaml"))
        try await withEmulator { server, running in
            try await IAMPlanTests.seed(server, running, policy: IAMPlanTests.fullPolicy)
            try server.engine.store.putBucketVersioning("reports", .enabled)
            try server.engine.store.putObjectLockConfiguration(
                "reports", defaultRetention: ObjectLockDefaultRetention(mode: .governance, days: 1))
            let (status, output) = try await IAMPlanTests.plan(project.path, running)
            #expect(status == 0, "\(output)")
            #expect(!output.contains("Object Lock default retention"), "\(output)")
            #expect(
                output.contains(
                    "copy-to-dst.yaml:7:22: note: spec copy-to-dst: plan-time check reportRetention skipped: reports are not read"
                ), "\(output)")
        }
    }

    /// Block Public Access on the destination against a public canned ACL, and a Replicate rule into a
    /// bucket that does not exist, each at its key.
    @Test(
        .enabled(if: IAMPlanTests.binary != nil, "the bops executable was not built"), .timeLimit(.minutes(2))
    )
    func blockPublicAccessAndAReplicationDestination() async throws {
        let project = try IAMPlanTests.project()
        // The public ACL is acknowledged (else it is an error of its own): Block Public Access still refuses it.
        let copy = IAMPlanTests.spec.replacingOccurrences(
            of: "destination: arn:aws:s3:::dst\n",
            with: "destination: arn:aws:s3:::dst\n      acl: { canned: public-read }\n"
        ).replacingOccurrences(
            of: "spec:\n", with: "spec:\n  acknowledge: { publicAcl: \"the objects are a public dataset\" }\n"
        )
        try Data(copy.utf8).write(to: URL(fileURLWithPath: project.path + "/specs/copy-to-dst.yaml"))
        let replicate = """
            apiVersion: bops/v1
            kind: BatchJob
            metadata:
              name: replicate-src
            spec:
              roleArn: arn:aws:iam::123456789012:role/copy-job
              manifest:
                csv:
                  file: manifests/versions.csv
                  fields: [Bucket, Key, VersionId]
              operation:
                replicate: {}
              report:
                bucket: arn:aws:s3:::reports
                scope: all

            """
        try Data(replicate.utf8).write(to: URL(fileURLWithPath: project.path + "/specs/replicate-src.yaml"))
        try await withEmulator { server, running in
            try await IAMPlanTests.seed(server, running, policy: IAMPlanTests.fullPolicy)
            let store = server.engine.store
            try store.putBucketVersioning("src", .enabled)
            try store.putBucketReplication(
                "src",
                ReplicationConfiguration(
                    role: "arn:aws:iam::123456789012:role/replication",
                    rules: [
                        ReplicationRule(
                            id: "to-dr", status: .enabled,
                            destination: ReplicationDestination(bucket: "arn:aws:s3:::src-dr"))
                    ]))
            let version = try #require(
                try store.putObject(
                    bucket: "src", key: "a.txt", body: Array("v2".utf8), attributes: ObjectAttributes()
                )
                .versionId)
            try Data("src,a.txt,\(version)\n".utf8).write(
                to: URL(fileURLWithPath: project.path + "/specs/manifests/versions.csv"))
            try store.putPublicAccessBlock("dst", .all)

            let (status, output) = try await IAMPlanTests.plan(project.path, running)
            #expect(status != 0, "\(output)")
            let acl =
                (copy.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                    $0.contains("acl:")
                } ?? -1) + 1
            #expect(
                output.contains(
                    "copy-to-dst.yaml:\(acl):12: error: spec copy-to-dst: Block Public Access on bucket dst (BlockPublicAcls) "
                        + "refuses the canned ACL public-read"), "\(output)")
            #expect(
                output.contains(
                    "replicate-src.yaml:9:13: error: replication rule 'to-dr' of src sends objects to src-dr, which does not exist"
                ),
                "\(output)")

            try store.putPublicAccessBlock("dst", nil)
            try store.createBucket("src-dr", versioning: .enabled)
            let (fixed, again) = try await IAMPlanTests.plan(project.path, running)
            #expect(fixed == 0, "\(again)")
        }
    }
}
