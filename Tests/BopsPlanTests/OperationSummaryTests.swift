import BopsJobs
import BopsPlan
import Foundation
import Testing

/// The sentence a plan says about each operation, with and without a task count.
@Suite struct OperationSummaryTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var operation: JobOperation
        var tasks: Int?
        var storageClasses: [S3StorageClass] = []
        var sentence: String
        var testDescription: String { sentence }
    }

    static let kms = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let day = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z

    static let rows: [Row] = [
        Row(
            operation: .s3PutObjectTagging(
                S3SetObjectTaggingOperation(tagSet: [S3Tag(key: "tier", value: "cold")])), tasks: 1204,
            sentence: "Tag 1,204 objects: tier=cold (replaces each object's tag set)"),
        Row(
            operation: .s3PutObjectTagging(
                S3SetObjectTaggingOperation(tagSet: [S3Tag(key: "a", value: "1"), S3Tag(key: "b", value: "")])
            ),
            tasks: nil, sentence: "Tag every object: a=1, b= (replaces each object's tag set)"),
        Row(
            operation: .s3InitiateRestoreObject(
                S3InitiateRestoreObjectOperation(expirationInDays: 7, glacierJobTier: .bulk)), tasks: 52,
            storageClasses: [.glacier], sentence: "Restore 52 objects from GLACIER for 7 days (BULK tier)"),
        Row(
            operation: .s3InitiateRestoreObject(
                S3InitiateRestoreObjectOperation(expirationInDays: 1, glacierJobTier: .standard)), tasks: 1,
            sentence: "Restore 1 object for 1 day (STANDARD tier)"),
        Row(
            operation: .s3InitiateRestoreObject(S3InitiateRestoreObjectOperation()), tasks: nil,
            sentence: "Restore every object"),
        Row(
            operation: .s3PutObjectLegalHold(S3SetObjectLegalHoldOperation(legalHold: .init(status: .on))),
            tasks: 3,
            sentence: "Legal hold ON for 3 objects"),
        Row(
            operation: .s3DeleteObjectTagging, tasks: 1_000_000,
            sentence: "Delete all tags of 1,000,000 objects"),
        Row(
            operation: .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(
                        cannedAccessControlList: .bucketOwnerFullControl))),
            tasks: 12, sentence: "Set canned ACL bucket-owner-full-control on 12 objects"),
        Row(
            operation: .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(
                        accessControlList: S3AccessControlList(
                            owner: S3ObjectOwner(id: "own"),
                            grants: [
                                S3Grant(
                                    grantee: S3Grantee(typeIdentifier: .id, identifier: "abc"),
                                    permission: .read)
                            ])))), tasks: nil,
            sentence: "Replace the ACL of every object with 1 grant: READ to id abc, owner own"),
        Row(
            operation: .s3PutObjectRetention(
                S3SetObjectRetentionOperation(retention: S3Retention(retainUntilDate: day, mode: .governance))
            ),
            tasks: 9, sentence: "Retain 9 objects in GOVERNANCE mode until 2027-01-01"),
        Row(
            operation: .s3PutObjectRetention(
                S3SetObjectRetentionOperation(
                    bypassGovernanceRetention: true,
                    retention: S3Retention(retainUntilDate: day.addingTimeInterval(90), mode: .compliance))),
            tasks: nil,
            sentence:
                "Retain every object in COMPLIANCE mode until 2027-01-01T00:01:30Z, bypassing GOVERNANCE retention"
        ),
        Row(
            operation: .s3PutObjectRetention(
                S3SetObjectRetentionOperation(bypassGovernanceRetention: true, retention: S3Retention())),
            tasks: 2,
            sentence: "Remove the retention of 2 objects, bypassing GOVERNANCE retention"),
        Row(
            operation: .s3ComputeObjectChecksum(
                S3ComputeObjectChecksumOperation(checksumAlgorithm: .sha256, checksumType: .fullObject)),
            tasks: 5,
            sentence: "Compute SHA256 (FULL_OBJECT) checksums of 5 objects"),
        Row(
            operation: .s3UpdateObjectEncryption(
                S3UpdateObjectEncryptionOperation(
                    objectEncryption: S3UpdateObjectEncryption(
                        sseKMS: .init(kmsKeyArn: kms, bucketKeyEnabled: true)))),
            tasks: 7, sentence: "Re-encrypt 7 objects with SSE-KMS key \(kms) and an S3 Bucket Key"),
        Row(
            operation: .s3PutObjectCopy(
                S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst", storageClass: .glacierIR)),
            tasks: nil, sentence: "Copy to arn:aws:s3:::dst as GLACIER_IR"),
        Row(
            operation: .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst")), tasks: 2,
            sentence: "Copy 2 objects to arn:aws:s3:::dst"),
        Row(
            operation: .s3ReplicateObject, tasks: nil,
            sentence: "Replicate every object under the source bucket's replication configuration"),
        Row(
            operation: .unsupported("S3FutureOperation"), tasks: 4,
            sentence: "Run S3FutureOperation on 4 objects"),
    ]

    @Test(arguments: rows)
    func everyOperationHasItsSentence(_ row: Row) {
        #expect(
            OperationSummary.sentence(
                for: row.operation, tasks: row.tasks, storageClasses: row.storageClasses)
                == row.sentence)
    }

    @Test func theRequestsGeneratorFilterNamesTheStorageClasses() {
        let request = CreateJobRequest(
            accountId: "111122223333", confirmationRequired: true,
            operation: .s3InitiateRestoreObject(S3InitiateRestoreObjectOperation(expirationInDays: 3)),
            report: .disabled, clientRequestToken: "t", priority: 1,
            roleArn: "arn:aws:iam::111122223333:role/r",
            manifestGenerator: JobManifestGenerator(
                s3JobManifestGenerator: S3JobManifestGenerator(
                    sourceBucket: "arn:aws:s3:::a",
                    filter: JobManifestGeneratorFilter(matchAnyStorageClass: [.glacier, .deepArchive]),
                    enableManifestOutput: false)))
        #expect(
            OperationSummary.sentence(for: request)
                == "Restore every object from GLACIER or DEEP_ARCHIVE for 3 days")
    }
}
