import BopsEmulator
import BopsJobs
import Foundation
import Testing

/// One operation as a user of the AWS CLI runs it: how the object `o` is put (`aws s3api
/// put-object` arguments), the job's `Operation` JSON, and the check of the effect with `aws s3api`.
struct CLICase: Sendable, CustomStringConvertible {
    var description: String
    var objectLock = false
    var put: [String] = []
    var operation: @Sendable () -> Any
    var failedTasks = 0
    var check: @Sendable (AWSCLI, String, [String: Any]) async throws -> Void
}

let cliKMSKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

@Suite(
    .serialized, .enabled(if: AWSCLI.available, "the AWS CLI is not installed: pip install awscli"),
    .tags(.process))
struct AWSCLIOperationTests {
    static let cases: [CLICase] = [
        CLICase(
            description: "S3PutObjectTagging replaces the tag set", put: ["--tagging", "a=1&b=2"],
            operation: { ["S3PutObjectTagging": ["TagSet": [["Key": "tier", "Value": "cold"]]]] }
        ) { cli, bucket, _ in
            let tags = try await cli.json(["s3api", "get-object-tagging", "--bucket", bucket, "--key", "o"])
            #expect(tags["TagSet"] as? [[String: String]] == [["Key": "tier", "Value": "cold"]])
            try await cli.json([
                "s3api", "put-object-tagging", "--bucket", bucket, "--key", "o", "--tagging",
                "TagSet=[{Key=x,Value=1},{Key=y,Value=2}]",
            ])
            let again = try await cli.json(["s3api", "get-object-tagging", "--bucket", bucket, "--key", "o"])
            #expect(
                again["TagSet"] as? [[String: String]] == [
                    ["Key": "x", "Value": "1"], ["Key": "y", "Value": "2"],
                ])
        },
        CLICase(
            description: "S3DeleteObjectTagging removes it", put: ["--tagging", "a=1"],
            operation: { ["S3DeleteObjectTagging": [String: String]()] }
        ) { cli, bucket, _ in
            let tags = try await cli.json(["s3api", "get-object-tagging", "--bucket", bucket, "--key", "o"])
            #expect((tags["TagSet"] as? [Any])?.isEmpty == true, "\(tags)")
        },
        CLICase(
            description: "S3PutObjectAcl canned",
            operation: {
                ["S3PutObjectAcl": ["AccessControlPolicy": ["CannedAccessControlList": "public-read"]]]
            }
        ) { cli, bucket, _ in
            let acl = try await cli.json(["s3api", "get-object-acl", "--bucket", bucket, "--key", "o"])
            let grants = acl["Grants"] as? [[String: Any]] ?? []
            let groups = grants.compactMap { ($0["Grantee"] as? [String: String])?["URI"] }
            #expect(groups == ["http://acs.amazonaws.com/groups/global/AllUsers"], "\(acl)")
            #expect(grants.map { $0["Permission"] as? String } == ["FULL_CONTROL", "READ"])
        },
        CLICase(
            description: "S3PutObjectAcl grants",
            operation: {
                [
                    "S3PutObjectAcl": [
                        "AccessControlPolicy": [
                            "AccessControlList": [
                                "Owner": ["ID": "owner-1"],
                                "Grants": [
                                    [
                                        "Grantee": ["TypeIdentifier": "id", "Identifier": "reader-9"],
                                        "Permission": "READ",
                                    ]
                                ],
                            ]
                        ]
                    ]
                ]
            }
        ) { cli, bucket, _ in
            let acl = try await cli.json(["s3api", "get-object-acl", "--bucket", bucket, "--key", "o"])
            #expect((acl["Owner"] as? [String: String])?["ID"] == "owner-1")
            let grants = acl["Grants"] as? [[String: Any]] ?? []
            #expect(grants.count == 1)
            let grantee = grants.first?["Grantee"] as? [String: String]
            #expect(grantee?["ID"] == "reader-9" && grantee?["Type"] == "CanonicalUser", "\(acl)")
        },
        CLICase(
            description: "S3PutObjectLegalHold", objectLock: true,
            operation: { ["S3PutObjectLegalHold": ["LegalHold": ["Status": "ON"]]] }
        ) { cli, bucket, _ in
            let hold = try await cli.json([
                "s3api", "get-object-legal-hold", "--bucket", bucket, "--key", "o",
            ])
            #expect((hold["LegalHold"] as? [String: String])?["Status"] == "ON")
        },
        CLICase(
            description: "S3PutObjectLegalHold without Object Lock fails the task",
            operation: { ["S3PutObjectLegalHold": ["LegalHold": ["Status": "ON"]]] }, failedTasks: 1
        ) { cli, bucket, job in
            let rows = try await cli.reportRows(jobId: job["JobId"] as? String ?? "")
            #expect(rows["failed"]?.first?.contains(",failed,400,InvalidRequest,") == true, "\(rows)")
            let error = try await cli.failure([
                "s3api", "get-object-legal-hold", "--bucket", bucket, "--key", "o",
            ])
            #expect(error.contains("InvalidRequest"), "\(error)")
        },
        CLICase(
            description: "S3PutObjectRetention", objectLock: true,
            operation: {
                [
                    "S3PutObjectRetention": [
                        "Retention": ["RetainUntilDate": "2030-01-01T00:00:00Z", "Mode": "GOVERNANCE"]
                    ]
                ]
            }
        ) { cli, bucket, _ in
            let r = try await cli.json(["s3api", "get-object-retention", "--bucket", bucket, "--key", "o"])
            let retention = r["Retention"] as? [String: String]
            #expect(retention?["Mode"] == "GOVERNANCE")
            #expect(retention?["RetainUntilDate"]?.hasPrefix("2030-01-01T00:00:00") == true, "\(r)")
        },
        CLICase(
            description: "S3PutObjectRetention cannot shorten COMPLIANCE", objectLock: true,
            put: [
                "--object-lock-mode", "COMPLIANCE", "--object-lock-retain-until-date", "2031-01-01T00:00:00Z",
            ],
            operation: {
                [
                    "S3PutObjectRetention": [
                        "BypassGovernanceRetention": true,
                        "Retention": ["RetainUntilDate": "2030-01-01T00:00:00Z", "Mode": "COMPLIANCE"],
                    ]
                ]
            }, failedTasks: 1
        ) { cli, bucket, job in
            let rows = try await cli.reportRows(jobId: job["JobId"] as? String ?? "")
            #expect(rows["failed"]?.first?.contains(",failed,403,AccessDenied,") == true, "\(rows)")
            let r = try await cli.json(["s3api", "get-object-retention", "--bucket", bucket, "--key", "o"])
            #expect((r["Retention"] as? [String: String])?["RetainUntilDate"]?.hasPrefix("2031") == true)
        },
        CLICase(
            description: "S3InitiateRestoreObject", put: ["--storage-class", "GLACIER"],
            operation: { ["S3InitiateRestoreObject": ["ExpirationInDays": 2, "GlacierJobTier": "BULK"]] }
        ) { cli, bucket, _ in
            let ongoing = try await cli.json(["s3api", "head-object", "--bucket", bucket, "--key", "o"])
            #expect(ongoing["Restore"] as? String == "ongoing-request=\"true\"", "\(ongoing)")
            #expect(ongoing["StorageClass"] as? String == "GLACIER")
            let path = cli.files.file("object")
            let refused = try await cli.failure([
                "s3api", "get-object", "--bucket", bucket, "--key", "o", path,
            ])
            #expect(refused.contains("InvalidObjectState"), "\(refused)")
            try await Task.sleep(for: .seconds(AWSCLIOperationTests.restoreDelay + 0.5))
            let done = try await cli.json(["s3api", "head-object", "--bucket", bucket, "--key", "o"])
            let restore = done["Restore"] as? String ?? ""
            #expect(restore.hasPrefix("ongoing-request=\"false\", expiry-date=\""), "\(done)")
            #expect(restore.hasSuffix(" 00:00:00 GMT\""), "\(restore)")
            try await cli.json(["s3api", "get-object", "--bucket", bucket, "--key", "o", path])
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "8 bytes!")
        },
        CLICase(
            description: "S3InitiateRestoreObject of a STANDARD object fails the task",
            operation: { ["S3InitiateRestoreObject": ["ExpirationInDays": 2, "GlacierJobTier": "BULK"]] },
            failedTasks: 1
        ) { cli, _, job in
            let rows = try await cli.reportRows(jobId: job["JobId"] as? String ?? "")
            #expect(rows["failed"]?.first?.contains(",failed,403,InvalidObjectState,") == true, "\(rows)")
        },
        CLICase(
            description: "S3ComputeObjectChecksum",
            operation: {
                [
                    "S3ComputeObjectChecksum": ["ChecksumAlgorithm": "SHA256", "ChecksumType": "FULL_OBJECT"]
                ]
            }
        ) { cli, _, job in
            let rows = try await cli.reportRows(jobId: job["JobId"] as? String ?? "")
            // SHA-256 of "8 bytes!", base64 (hashlib gives the same).
            let expected = "checksum_base64\"\":\"\"" + sha256Base64OfBody
            #expect(rows["succeeded"]?.first?.contains(expected) == true, "\(rows)")
        },
        CLICase(
            description: "S3UpdateObjectEncryption",
            operation: {
                [
                    "S3UpdateObjectEncryption": [
                        "ObjectEncryption": ["SSEKMS": ["KMSKeyArn": cliKMSKey, "BucketKeyEnabled": true]]
                    ]
                ]
            }
        ) { cli, bucket, _ in
            let head = try await cli.json(["s3api", "head-object", "--bucket", bucket, "--key", "o"])
            #expect(head["ServerSideEncryption"] as? String == "aws:kms")
            #expect(head["SSEKMSKeyId"] as? String == cliKMSKey)
            #expect(head["BucketKeyEnabled"] as? Bool == true)
            #expect(head["ETag"] as? String == "\"\(md5OfBody)\"")
        },
        CLICase(
            description: "S3UpdateObjectEncryption moves SSE-KMS to another key",
            put: [
                "--server-side-encryption", "aws:kms", "--ssekms-key-id",
                "arn:aws:kms:us-east-1:123456789012:key/old", "--bucket-key-enabled", "--storage-class",
                "STANDARD_IA",
            ],
            operation: {
                ["S3UpdateObjectEncryption": ["ObjectEncryption": ["SSEKMS": ["KMSKeyArn": cliKMSKey]]]]
            }
        ) { cli, bucket, _ in
            let head = try await cli.json(["s3api", "head-object", "--bucket", bucket, "--key", "o"])
            #expect(head["SSEKMSKeyId"] as? String == cliKMSKey, "\(head)")
            #expect(head["StorageClass"] as? String == "STANDARD_IA")
            #expect(head["ETag"] as? String == "\"\(md5OfBody)\"")
        },
        CLICase(
            description: "S3UpdateObjectEncryption refuses SSE-C",
            put: [
                "--sse-customer-algorithm", "AES256", "--sse-customer-key",
                "0123456789abcdef0123456789abcdef",
            ],
            operation: {
                [
                    "S3UpdateObjectEncryption": ["ObjectEncryption": ["SSEKMS": ["KMSKeyArn": cliKMSKey]]]
                ]
            },
            failedTasks: 1
        ) { cli, _, job in
            let rows = try await cli.reportRows(jobId: job["JobId"] as? String ?? "")
            #expect(rows["failed"]?.first?.contains(",failed,400,InvalidRequest,") == true, "\(rows)")
        },
        CLICase(
            description: "S3PutObjectCopy with XXHASH128",
            operation: {
                [
                    "S3PutObjectCopy": [
                        "TargetResource": "arn:aws:s3:::cli-dest", "ChecksumAlgorithm": "XXHASH128",
                    ]
                ]
            }
        ) { cli, bucket, _ in
            let head = try await cli.json(["s3api", "head-object", "--bucket", "cli-dest", "--key", "o"])
            #expect(head["ContentLength"] as? Int == 8)
        },
        CLICase(
            description: "S3PutObjectCopy of a GLACIER object fails the task",
            put: ["--storage-class", "GLACIER"],
            operation: { ["S3PutObjectCopy": ["TargetResource": "arn:aws:s3:::cli-dest"]] }, failedTasks: 1
        ) { cli, _, job in
            let rows = try await cli.reportRows(jobId: job["JobId"] as? String ?? "")
            #expect(rows["failed"]?.first?.contains(",failed,403,InvalidObjectState,") == true, "\(rows)")
        },
    ]

    /// Long enough that the restore is still ongoing when the case looks, on a loaded machine too
    /// (the job's run and two AWS CLI calls come between the task and the look).
    static let restoreDelay = 8.0
    static let counter = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1; return value
            }
        }
    }

    @Test(.timeLimit(.minutes(3)), arguments: cases)
    func operationThroughTheCLI(_ c: CLICase) async throws {
        try await withEmulator({ $0.restoreDelay = .seconds(Self.restoreDelay) }) { _, running in
            do {
                let cli = try AWSCLI(endpoint: running.endpoint.url)
                for bucket in ["manifests", "reports", "cli-dest"] {
                    try await cli.json(["s3api", "create-bucket", "--bucket", bucket])
                }
                let bucket = "cli-src-\(Self.counter.next())"
                try await cli.json(
                    ["s3api", "create-bucket", "--bucket", bucket]
                        + (c.objectLock ? ["--object-lock-enabled-for-bucket"] : []))
                let body = try cli.file("8 bytes!")
                try await cli.json(
                    ["s3api", "put-object", "--bucket", bucket, "--key", "o", "--body", body] + c.put)
                let job = try await cli.runJob(bucket: bucket, keys: ["o"], operation: c.operation())
                #expect(job["Status"] as? String == "Complete", "\(job)")
                let progress = job["ProgressSummary"] as? [String: Any]
                #expect(progress?["NumberOfTasksFailed"] as? Int == c.failedTasks, "\(job)")
                #expect(progress?["NumberOfTasksSucceeded"] as? Int == 1 - c.failedTasks, "\(job)")
                try await c.check(cli, bucket, job)
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func replicationThroughTheCLI() async throws {
        try await withEmulator { _, running in
            do {
                let cli = try AWSCLI(endpoint: running.endpoint.url)
                for bucket in ["manifests", "reports", "rsrc", "rdst"] {
                    try await cli.json(["s3api", "create-bucket", "--bucket", bucket])
                }
                for bucket in ["rsrc", "rdst"] {
                    try await cli.json([
                        "s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration",
                        "Status=Enabled",
                    ])
                }
                let config = try cli.file(
                    #"{"Role":"arn:aws:iam::123456789012:role/r","Rules":[{"ID":"all","Priority":1,"Status":"Enabled","Filter":{"Prefix":""},"DeleteMarkerReplication":{"Status":"Disabled"},"Destination":{"Bucket":"arn:aws:s3:::rdst"}}]}"#
                )
                try await cli.json([
                    "s3api", "put-bucket-replication", "--bucket", "rsrc", "--replication-configuration",
                    "file://" + config,
                ])
                let body = try cli.file("8 bytes!")
                let put = try await cli.json([
                    "s3api", "put-object", "--bucket", "rsrc", "--key", "o", "--body", body,
                ])
                let version = put["VersionId"] as? String ?? ""
                let manifestKey = "m.csv"
                let manifest = try cli.file("rsrc,o,\(version)\n")
                let m = try await cli.json([
                    "s3api", "put-object", "--bucket", "manifests", "--key", manifestKey, "--body", manifest,
                ])
                let input: [String: Any] = [
                    "AccountId": "123456789012", "ConfirmationRequired": false,
                    "Operation": ["S3ReplicateObject": [String: String]()],
                    "Report": ["Enabled": false], "ClientRequestToken": UUID().uuidString,
                    "Manifest": [
                        "Spec": [
                            "Format": "S3BatchOperations_CSV_20180820",
                            "Fields": ["Bucket", "Key", "VersionId"],
                        ],
                        "Location": ["ObjectArn": "arn:aws:s3:::manifests/m.csv", "ETag": m["ETag"] ?? ""],
                    ],
                    "Priority": 1, "RoleArn": "arn:aws:iam::123456789012:role/batch",
                ]
                let file = try cli.file(
                    String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self))
                let created = try await cli.json([
                    "s3control", "create-job", "--cli-input-json", "file://" + file,
                ])
                let id = created["JobId"] as? String ?? ""
                var status = ""
                for _ in 0..<100 where status != "Complete" {
                    let job = try await cli.json([
                        "s3control", "describe-job", "--account-id", "123456789012", "--job-id", id,
                    ])
                    status = (job["Job"] as? [String: Any])?["Status"] as? String ?? ""
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(status == "Complete")
                let replica = try await cli.json(["s3api", "head-object", "--bucket", "rdst", "--key", "o"])
                #expect(replica["ReplicationStatus"] as? String == "REPLICA")
                #expect(replica["VersionId"] as? String == version)
                let source = try await cli.json(["s3api", "head-object", "--bucket", "rsrc", "--key", "o"])
                #expect(source["ReplicationStatus"] as? String == "COMPLETED")
            }
        }
    }

    /// CreateJob whose operation AWS refuses: 400 BadRequestException, never a 500.
    @Test(.timeLimit(.minutes(2)))
    func invalidOperationBodyIsA400() async throws {
        try await withEmulator { _, running in
            do {
                let cli = try AWSCLI(endpoint: running.endpoint.url)
                try await cli.json(["s3api", "create-bucket", "--bucket", "manifests"])
                let body = try cli.file("manifests,x\n")
                let m = try await cli.json([
                    "s3api", "put-object", "--bucket", "manifests", "--key", "m.csv", "--body", body,
                ])
                for operation: [String: Any] in [
                    ["S3PutObjectRetention": ["Retention": ["Mode": "GOVERNANCE"]]],
                    ["S3InitiateRestoreObject": ["ExpirationInDays": 0]],
                    [
                        "S3ComputeObjectChecksum": [
                            "ChecksumAlgorithm": "CRC64NVME", "ChecksumType": "COMPOSITE",
                        ]
                    ],
                    ["S3PutObjectAcl": ["AccessControlPolicy": [String: String]()]],
                ] {
                    let input: [String: Any] = [
                        "AccountId": "123456789012", "ConfirmationRequired": false, "Operation": operation,
                        "Report": ["Enabled": false], "ClientRequestToken": UUID().uuidString,
                        "Manifest": [
                            "Spec": [
                                "Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"],
                            ],
                            "Location": [
                                "ObjectArn": "arn:aws:s3:::manifests/m.csv", "ETag": m["ETag"] ?? "",
                            ],
                        ],
                        "Priority": 1, "RoleArn": "arn:aws:iam::123456789012:role/batch",
                    ]
                    let file = try cli.file(
                        String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self))
                    let error = try await cli.failure([
                        "s3control", "create-job", "--cli-input-json", "file://" + file,
                    ])
                    #expect(error.contains("(BadRequestException)"), "\(operation): \(error)")
                }
            }
        }
    }
}

/// MD5 and SHA-256 of the objects' body "8 bytes!", from hashlib: independent of the engine.
let md5OfBody = pythonDigest("md5", hex: true)
let sha256Base64OfBody = pythonDigest("sha256", hex: false)

func pythonDigest(_ name: String, hex: Bool) -> String {
    let code =
        "import hashlib, base64; d = hashlib.\(name)(b'8 bytes!'); "
        + (hex ? "print(d.hexdigest())" : "print(base64.b64encode(d.digest()).decode())")
    let run = try? Python.run("/usr/bin/env", ["python3", "-c", code], environment: [:])
    return run?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? "python3 failed"
}
