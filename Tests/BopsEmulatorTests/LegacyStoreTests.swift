import BopsEmulator
import BopsJobs
import BopsLocalEngine
import BopsTestSupport
import Foundation
import Testing

/// A data folder written before bops's own JSON moved to snake_case keys (job files with AWS's
/// PascalCase keys, bucket logs with camelCase keys) still loads; an unreadable one fails with the
/// file's path and what to do.
@Suite(.tags(.process)) struct LegacyStoreTests {
    static let account = "123456789012"
    static let role = "arn:aws:iam::123456789012:role/r"

    static var request: CreateJobRequest {
        CreateJobRequest(
            accountId: account, confirmationRequired: true,
            operation: .s3PutObjectCopy(
                S3CopyObjectOperation(
                    targetResource: "arn:aws:s3:::dst", metadataDirective: .replace,
                    newObjectMetadata: S3ObjectMetadata(userMetadata: ["Team-Name": "data"]),
                    sseAwsKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k")),
            report: .disabled, clientRequestToken: "t1",
            manifest: JobManifest(
                spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
                location: JobManifestLocation(objectArn: "arn:aws:s3:::src/m.csv", eTag: "\"e\"")),
            description: "old", priority: 7, roleArn: role, tags: [S3Tag(key: "bops:spec", value: "old")])
    }

    static let oldFingerprint =
        #"{"AccountId":"123456789012","ClientRequestToken":"t1","ConfirmationRequired":true,"Description":"old","#
        + #""Manifest":{"Location":{"ETag":"\"e\"","ObjectArn":"arn:aws:s3:::src/m.csv"},"#
        + #""Spec":{"Fields":["Bucket","Key"],"Format":"S3BatchOperations_CSV_20180820"}},"#
        + #""Operation":{"S3PutObjectCopy":{"MetadataDirective":"REPLACE","NewObjectMetadata":{"UserMetadata":"#
        + #"{"Team-Name":"data"}},"SSEAwsKmsKeyId":"arn:aws:kms:us-east-1:123456789012:key/k","#
        + #""TargetResource":"arn:aws:s3:::dst"}},"Priority":7,"Report":{"Enabled":false},"#
        + #""RoleArn":"arn:aws:iam::123456789012:role/r","Tags":[{"Key":"bops:spec","Value":"old"}]}"#

    static func oldJobFile(id: String) throws -> Data {
        let job: [String: Any] = [
            "JobId": id, "ConfirmationRequired": true, "Description": "old",
            "JobArn": "arn:aws:s3:us-east-1:123456789012:job/\(id)", "Status": "Complete",
            "Manifest": [
                "Spec": ["Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"]],
                "Location": ["ObjectArn": "arn:aws:s3:::src/m.csv", "ETag": "\"e\""],
            ],
            "Operation": [
                "S3PutObjectCopy": [
                    "TargetResource": "arn:aws:s3:::dst", "MetadataDirective": "REPLACE",
                    "NewObjectMetadata": ["UserMetadata": ["Team-Name": "data"]],
                    "SSEAwsKmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k",
                ]
            ],
            "Priority": 7,
            "ProgressSummary": [
                "TotalNumberOfTasks": 2, "NumberOfTasksSucceeded": 2, "NumberOfTasksFailed": 0,
                "Timers": ["ElapsedTimeInActiveSeconds": 1],
            ],
            "Report": ["Enabled": false], "CreationTime": "2024-05-01T10:00:00.123Z",
            "TerminationDate": "2024-05-01T10:01:00.000Z", "RoleArn": role,
        ]
        let record: [String: Any] = [
            "accountId": account, "clientRequestToken": "t1", "requestFingerprint": oldFingerprint,
            "tags": [["Key": "bops:spec", "Value": "old"]], "job": job, "activeSeconds": 1,
        ]
        return try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
    }

    static func oldLog(blob: String) throws -> Data {
        let config: [String: Any] = [
            "op": "config", "config": ["creationDate": 1_700_000_000, "objectLock": false],
        ]
        let info: [String: Any] = [
            "bucket": "src", "key": "m.csv", "isLatest": true, "eTag": "\"e\"", "size": 5,
            "lastModified": 1_700_000_001, "storageClass": "STANDARD",
            "metadata": ["contentType": "text/csv", "userMetadata": ["Mixed-Case": "kept"]],
            "tags": [["Key": "tier", "Value": "cold"]],
            "serverSideEncryption": ["algorithm": "AES256", "bucketKeyEnabled": false],
        ]
        var out = Data()
        for line in [config, ["op": "put", "object": ["info": info, "blob": blob]]] {
            out += try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            out += Data("\n".utf8)
        }
        return out
    }

    @Test func oldFormatFilesLoadAndRetriesStayIdempotent() async throws {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        let jobId: String
        let blob: String
        do {
            let engine = try LocalEngine(root: dir.path)
            try engine.store.createBucket("src")
            try engine.store.createBucket("dst")
            _ = try await engine.putObject(
                bucket: "src", key: "m.csv", body: Array("src,a".utf8), contentType: nil)
            jobId = try await engine.createJob(Self.request)
            let log = try String(contentsOfFile: dir.path + "/buckets/src/log", encoding: .utf8)
            let line = try #require(log.split(separator: "\n").last)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            blob = try #require((object["object"] as? [String: Any])?["blob"] as? String)
        }
        try Self.oldJobFile(id: jobId).write(to: URL(fileURLWithPath: dir.path + "/jobs/\(jobId)/job.json"))
        try Self.oldLog(blob: blob).write(to: URL(fileURLWithPath: dir.path + "/buckets/src/log"))

        let server = try EmulatorServer(configuration: .init(dataDir: dir.path, verifySignatures: false))
        let job = try await server.engine.describeJob(accountId: Self.account, jobId: jobId)
        #expect(job.status == .complete)
        #expect(job.priority == 7)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 2)
        guard case .s3PutObjectCopy(let copy) = job.operation else {
            Issue.record("expected the copy operation, got \(String(describing: job.operation))")
            return
        }
        #expect(copy.newObjectMetadata?.userMetadata == ["Team-Name": "data"])
        #expect(copy.sseAwsKmsKeyId == "arn:aws:kms:us-east-1:123456789012:key/k")
        #expect(
            try await server.engine.getJobTagging(accountId: Self.account, jobId: jobId).map(\.key) == [
                "bops:spec"
            ])
        // The same token and request after the upgrade answer the same job.
        #expect(try await server.engine.createJob(Self.request) == jobId)
        let info = try #require(
            try await server.engine.headObject(bucket: "src", key: "m.csv", versionId: nil))
        #expect(info.metadata.userMetadata == ["Mixed-Case": "kept"])
        #expect(info.metadata.contentType == "text/csv")
    }

    @Test func unreadableFilesNameTheFileAndTheWayOut() async throws {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        let engine = try LocalEngine(root: dir.path)
        try engine.store.createBucket("src")
        _ = try await engine.putObject(
            bucket: "src", key: "m.csv", body: Array("src,a".utf8), contentType: nil)
        let jobId = try await engine.createJob(Self.request)
        let jobFile = dir.path + "/jobs/\(jobId)/job.json"
        try Data(#"{"accountId": 42}"#.utf8).write(to: URL(fileURLWithPath: jobFile))
        let reopened = try LocalEngine(root: dir.path)
        await #expect {
            try await reopened.describeJob(accountId: Self.account, jobId: jobId)
        } throws: { error in
            let text = "\(error)"
            return text.contains(jobFile) && text.contains("move the local engine folder aside")
        }
    }
}
