import BopsIAM
import BopsJobs
import Foundation
import Testing

func csvJob(
    _ operation: JobOperation, fields: [JobManifestFieldName] = [.bucket, .key],
    report: JobReport = .disabled,
    tags: [S3Tag]? = nil
) -> CreateJobRequest {
    CreateJobRequest(
        accountId: "111122223333", confirmationRequired: false, operation: operation, report: report,
        clientRequestToken: "t",
        manifest: JobManifest(
            spec: JobManifestSpec(format: .csv, fields: fields),
            location: JobManifestLocation(objectArn: "arn:aws:s3:::manifests/m.csv", eTag: "e")),
        priority: 1, roleArn: "arn:aws:iam::111122223333:role/batch", tags: tags)
}

func pairs(_ list: [JobPermission]) -> [String] {
    list.map { "\($0.origin.rawValue) \($0.permission.action) \($0.permission.resource)" }
}

/// What a job needs of its role, after AWS's documented Batch Operations role policies.
struct JobPermissionsTests {
    @Test func copyReadsTheSourceWritesTheDestinationAndTheReport() {
        var copy = S3CopyObjectOperation(targetResource: "arn:aws:s3:::archive")
        copy.sseAwsKmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
        copy.targetKeyPrefix = "2024"
        let job = csvJob(
            .s3PutObjectCopy(copy),
            report: JobReport(bucket: "arn:aws:s3:::reports", enabled: true, prefix: "bops"))
        #expect(
            pairs(JobPermissions.needed(for: job, sourceBuckets: ["logs"], region: "eu-west-1")) == [
                "source s3:GetObject arn:aws:s3:::logs/*",
                "source s3:GetObjectAcl arn:aws:s3:::logs/*",
                "source s3:GetObjectTagging arn:aws:s3:::logs/*",
                "source s3:ListBucket arn:aws:s3:::logs",
                "destination s3:PutObject arn:aws:s3:::archive/2024/*",
                "destination s3:PutObjectAcl arn:aws:s3:::archive/2024/*",
                "destination s3:PutObjectTagging arn:aws:s3:::archive/2024/*",
                "kmsKey kms:GenerateDataKey arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "kmsKey kms:Decrypt arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "manifest s3:GetObject arn:aws:s3:::manifests/m.csv",
                "report s3:PutObject arn:aws:s3:::reports/bops/*",
            ])
    }

    @Test func versionedManifestsNeedTheVersionActions() {
        let needs = pairs(
            JobPermissions.needed(
                for: csvJob(
                    .s3PutObjectTagging(S3SetObjectTaggingOperation(tagSet: [])),
                    fields: [.bucket, .key, .versionId]),
                sourceBuckets: ["a", "b"]))
        #expect(
            needs == [
                "source s3:PutObjectTagging arn:aws:s3:::a/*",
                "source s3:PutObjectVersionTagging arn:aws:s3:::a/*",
                "source s3:PutObjectTagging arn:aws:s3:::b/*",
                "source s3:PutObjectVersionTagging arn:aws:s3:::b/*",
                "manifest s3:GetObject arn:aws:s3:::manifests/m.csv",
            ])
    }

    @Test func replicateWithAGeneratedManifest() {
        var job = csvJob(.s3ReplicateObject)
        job.manifest = nil
        job.manifestGenerator = JobManifestGenerator(
            s3JobManifestGenerator: S3JobManifestGenerator(
                sourceBucket: "arn:aws:s3:::photos",
                manifestOutputLocation: S3ManifestOutputLocation(
                    bucket: "arn:aws:s3:::manifests", manifestPrefix: "gen"),
                enableManifestOutput: true))
        #expect(
            pairs(JobPermissions.needed(for: job)) == [
                "source s3:InitiateReplication arn:aws:s3:::photos/*",
                "source s3:GetReplicationConfiguration arn:aws:s3:::photos",
                "source s3:PutInventoryConfiguration arn:aws:s3:::photos",
                "manifestOutput s3:PutObject arn:aws:s3:::manifests/gen/*",
            ])
    }

    @Test func retentionAsksForTheBypassOnlyWhenTheJobBypasses() {
        let plain = S3SetObjectRetentionOperation(retention: S3Retention(mode: .governance))
        var bypass = plain
        bypass.bypassGovernanceRetention = true
        let without = pairs(
            JobPermissions.needed(for: csvJob(.s3PutObjectRetention(plain)), sourceBuckets: ["vault"]))
        let with = pairs(
            JobPermissions.needed(for: csvJob(.s3PutObjectRetention(bypass)), sourceBuckets: ["vault"]))
        #expect(without.contains("source s3:GetBucketObjectLockConfiguration arn:aws:s3:::vault"))
        #expect(!without.contains { $0.contains("BypassGovernanceRetention") })
        #expect(with.contains("source s3:BypassGovernanceRetention arn:aws:s3:::vault/*"))
    }

    @Test(arguments: [
        (
            JobOperation.s3InitiateRestoreObject(S3InitiateRestoreObjectOperation(expirationInDays: 1)),
            "s3:RestoreObject"
        ),
        (
            .s3PutObjectLegalHold(
                S3SetObjectLegalHoldOperation(legalHold: S3ObjectLockLegalHold(status: .on))),
            "s3:PutObjectLegalHold"
        ),
        (.s3DeleteObjectTagging, "s3:DeleteObjectTagging"),
        (.s3PutObjectAcl(S3SetObjectAclOperation()), "s3:PutObjectAcl"),
        (
            .s3ComputeObjectChecksum(S3ComputeObjectChecksumOperation(checksumAlgorithm: .crc32)),
            "s3:GetObject"
        ),
    ])
    func eachOperationItsAction(_ operation: JobOperation, _ action: String) {
        let needs = pairs(JobPermissions.needed(for: csvJob(operation), sourceBuckets: ["b"]))
        #expect(needs.contains("source \(action) arn:aws:s3:::b/*"), "\(needs)")
        #expect(ActionCatalog.exists(action))
    }

    @Test func lambdaInvokesItsFunction() {
        let fn = "arn:aws:lambda:us-east-1:111122223333:function:tidy"
        let needs = pairs(
            JobPermissions.needed(for: csvJob(.lambdaInvoke(LambdaInvokeOperation(functionArn: fn)))))
        #expect(needs.first == "function lambda:InvokeFunction \(fn)")
    }

    @Test func everyActionNeededIsARealOne() {
        var copy = S3CopyObjectOperation(targetResource: "arn:aws:s3:::d")
        copy.objectLockMode = .governance
        copy.objectLockLegalHoldStatus = .on
        let ops: [JobOperation] = [
            .s3PutObjectCopy(copy), .s3ReplicateObject, .s3DeleteObjectTagging,
            .s3UpdateObjectEncryption(
                S3UpdateObjectEncryptionOperation(
                    objectEncryption: S3UpdateObjectEncryption(
                        sseKMS: S3UpdateObjectEncryptionSSEKMS(kmsKeyArn: "k")))),
        ]
        for op in ops {
            for need in JobPermissions.needed(
                for: csvJob(op, fields: [.bucket, .key, .versionId]), sourceBuckets: ["s"])
            {
                #expect(ActionCatalog.exists(need.permission.action), "\(need.permission.action)")
            }
        }
    }

    @Test func theCallerPassesTheRole() {
        let needs = JobPermissions.callerNeeds(
            for: csvJob(.s3ReplicateObject, tags: [S3Tag(key: "a", value: "b")]))
        #expect(needs.map(\.action) == ["s3:CreateJob", "iam:PassRole", "s3:PutJobTagging"])
        #expect(needs[1].resource == "arn:aws:iam::111122223333:role/batch")
    }

    /// The written policy parses, groups per resource, and allows exactly what the job needs.
    @Test func theProposedPolicyAllowsWhatTheJobNeeds() throws {
        let job = csvJob(
            .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::archive")),
            report: JobReport(bucket: "arn:aws:s3:::reports", enabled: true))
        let needs = JobPermissions.needed(for: job, sourceBuckets: ["logs", "more"])
        let text = PolicyWriter.document(for: needs)
        let document = try PolicyParser.parse(text, file: "proposed.json", kind: .identity).document
        let resources = Set(needs.map(\.permission.resource))
        #expect(document.statements.count == resources.count)
        #expect(Set(document.statements.compactMap(\.sid)).count == document.statements.count)
        let policies = [NamedPolicy(name: "proposed", document: document)]
        for need in needs {
            #expect(decide(policies, need.permission.action, need.permission.resource) == .allowed)
        }
        #expect(decide(policies, "s3:DeleteObject", "arn:aws:s3:::logs/x") == .implicitDeny)
        #expect(text.contains(#""Sid": "SourceObjects2""#))
        _ = try PolicyParser.parse(BatchOperationsTrust.proposedDocument, file: "trust.json", kind: .trust)
    }
}
