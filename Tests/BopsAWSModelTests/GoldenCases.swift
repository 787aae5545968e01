import BopsAWSModel
import BopsJobs
import BopsTestSupport
import Foundation
import Testing

/// A request described to botocore's serialize.py by its service, operation and parameters.
protocol OracleCase {
    var name: String { get }
    var service: String { get }
    var operation: String { get }
    var paramsJSON: String { get }
    var addressing: S3Addressing? { get }
    var bodyText: String? { get }
}

extension OracleCase {
    /// serialize.py's description of the case.
    var oracleCase: [String: Any] {
        var entry: [String: Any] = ["service": service, "operation": operation, "region": "us-east-1"]
        entry["params"] = (try? JSONSerialization.jsonObject(with: Data(paramsJSON.utf8))) ?? [:]
        if let addressing { entry["addressing"] = addressing == .path ? "path" : "virtual" }
        if let bodyText { entry["bodyText"] = bodyText }
        return entry
    }

    var testDescription: String { name }
}

/// One request built by our builders and described to botocore with the same parameters.
struct GoldenCase: OracleCase, Sendable, CustomTestStringConvertible {
    var name: String
    var service: String
    var operation: String
    var paramsJSON: String
    var addressing: S3Addressing?
    var bodyText: String?
    var ours: HTTPRequestParts
    /// What a server reading botocore's request must get, for operations the emulator serves.
    var expected: ServerRequest?
}

enum GoldenCases {
    static let account = "123456789012"
    static let role = "arn:aws:iam::123456789012:role/batch-ops"

    static func date(_ text: String) -> Date {
        AWSTimestamp.parseISO8601(text) ?? Date(timeIntervalSince1970: 0)
    }

    /// botocore's requests for `cases` by case name.
    static func sent(
        _ cases: [some OracleCase]
    ) -> Result<[String: Result<BotocoreOracle.Sent, BotocoreOracle.Failure>], BotocoreOracle.Failure> {
        guard BotocoreOracle.available else {
            return .failure(BotocoreOracle.Failure(BotocoreOracle.unavailableReason))
        }
        do {
            let results = try BotocoreOracle.serialise(cases.map(\.oracleCase))
            return .success(Dictionary(uniqueKeysWithValues: zip(cases.map(\.name), results)))
        } catch {
            return .failure(BotocoreOracle.Failure("\(error)"))
        }
    }

    /// botocore's requests for the whole table by case name, computed once per test run.
    static let golden = sent(all)

    static func json(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// botocore gets the request's members under the model's names (``ModelJSON``).
    static func createJob(_ name: String, _ request: CreateJobRequest) -> GoldenCase {
        GoldenCase(
            name: "CreateJob " + name, service: "s3control", operation: "CreateJob",
            paramsJSON: json(ModelJSON(dates: .iso8601).createJob(request)),
            ours: S3ControlRequests.createJob(request), expected: .createJob(request))
    }

    static let csvManifest = JobManifest(
        spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
        location: JobManifestLocation(
            objectArn: "arn:aws:s3:::staging/bops/manifests/ab12.csv",
            eTag: "\"9a0364b9e99bb480dd25e1f0284c8555\""))

    static let reportAll = JobReport(
        bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true, prefix: "bops/logs",
        reportScope: .allTasks, expectedBucketOwner: account)

    static let copyEveryOption = S3CopyObjectOperation(
        targetResource: "arn:aws:s3:::archive", cannedAccessControlList: .bucketOwnerFullControl,
        metadataDirective: .replace, modifiedSinceConstraint: date("2024-01-01T00:00:00Z"),
        newObjectMetadata: S3ObjectMetadata(
            cacheControl: "max-age=3600", contentDisposition: "attachment; filename=\"a b.csv\"",
            contentEncoding: "gzip", contentLanguage: "en-GB",
            userMetadata: ["source": "logs & <more>", "team": "data", "z-unicode": "café"],
            contentType: "text/plain", httpExpiresDate: date("2031-06-30T12:00:00Z"), requesterCharged: false,
            sseAlgorithm: .kms),
        newObjectTagging: [S3Tag(key: "tier", value: "cold"), S3Tag(key: "owner", value: "a+b=c@d")],
        redirectLocation: "/other/place", requesterPays: true, storageClass: .glacierIR,
        unModifiedSinceConstraint: date("2025-12-31T23:59:59Z"),
        sseAwsKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        targetKeyPrefix: "archive/2024/", objectLockLegalHoldStatus: .on, objectLockMode: .governance,
        objectLockRetainUntilDate: date("2030-01-01T00:00:00Z"), bucketKeyEnabled: true,
        checksumAlgorithm: .sha256)

    static let fullFilter = JobManifestGeneratorFilter(
        eligibleForReplication: true, createdAfter: date("2024-01-01T00:00:00.250Z"),
        createdBefore: date("2024-12-31T00:00:00Z"), objectReplicationStatuses: [.none, .failed],
        keyNameConstraint: KeyNameConstraint(
            matchAnyPrefix: ["logs/", "audit/"], matchAnySuffix: [".gz"], matchAnySubstring: ["2024"]),
        objectSizeGreaterThanBytes: 0, objectSizeLessThanBytes: 5_000_000_000_000,
        matchAnyStorageClass: [.standard, .intelligentTiering],
        matchAnyObjectEncryption: [
            ObjectEncryptionFilter(sses3: .init()),
            ObjectEncryptionFilter(
                ssekms: .init(
                    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abcd", bucketKeyEnabled: false)),
            ObjectEncryptionFilter(dssekms: .init(kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/ef01")),
            ObjectEncryptionFilter(ssec: .init()),
            ObjectEncryptionFilter(notsse: .init()),
        ])

    static let createJobs: [GoldenCase] = [
        createJob(
            "CSV copy with every copy option, report all, tags",
            CreateJobRequest(
                accountId: account, confirmationRequired: true, operation: .s3PutObjectCopy(copyEveryOption),
                report: reportAll, clientRequestToken: "bops-backfill-logs-2024-0123456789abcdef-0",
                manifest: csvManifest, description: "Copy 2024 logs & <audit> \"quoted\" 'x' é", priority: 10,
                roleArn: role,
                tags: [S3Tag(key: "bops:spec", value: "backfill-logs-2024"), S3Tag(key: "cost", value: "42")])
        ),
        createJob(
            "CSV copy with grants, tags removed, report failed only",
            CreateJobRequest(
                accountId: account, confirmationRequired: false,
                operation: .s3PutObjectCopy(
                    S3CopyObjectOperation(
                        targetResource: "arn:aws:s3:::archive",
                        accessControlGrants: [
                            S3Grant(
                                grantee: S3Grantee(
                                    typeIdentifier: .id, identifier: "79a59df900b949e55d96a1e698fbaced"),
                                permission: .fullControl),
                            S3Grant(
                                grantee: S3Grantee(
                                    typeIdentifier: .emailAddress, identifier: "ops@example.com",
                                    displayName: "Ops"),
                                permission: .read),
                            S3Grant(
                                grantee: S3Grantee(
                                    typeIdentifier: .uri,
                                    identifier: "http://acs.amazonaws.com/groups/global/AllUsers"),
                                permission: .readACP),
                        ], metadataDirective: .copy, newObjectTagging: [], storageClass: .deepArchive)),
                report: JobReport(
                    bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true,
                    reportScope: .failedTasksOnly),
                clientRequestToken: "token-2", manifest: csvManifest, priority: 0, roleArn: role)),
        createJob(
            "CSV copy minimal, report disabled, manifest version id",
            CreateJobRequest(
                accountId: account, confirmationRequired: false,
                operation: .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst")),
                report: .disabled, clientRequestToken: "t3",
                manifest: JobManifest(
                    spec: JobManifestSpec(format: .csv, fields: [.ignore, .bucket, .key]),
                    location: JobManifestLocation(
                        objectArn: "arn:aws:s3:::m/manifest with space.csv",
                        objectVersionId: "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY",
                        eTag: "abc")),
                priority: 2_147_483_647, roleArn: role)),
        createJob(
            "inventory manifest copy",
            CreateJobRequest(
                accountId: account, confirmationRequired: true,
                operation: .s3PutObjectCopy(
                    S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst", storageClass: .standardIA)),
                report: reportAll, clientRequestToken: "t4",
                manifest: JobManifest(
                    spec: JobManifestSpec(format: .inventory),
                    location: JobManifestLocation(
                        objectArn: "arn:aws:s3:::inv/src/daily/2024-01-01T01-00Z/manifest.json", eTag: "e1")),
                priority: 5, roleArn: role)),
        createJob(
            "replication-configuration manifest generator, every filter, SSE-KMS output",
            CreateJobRequest(
                accountId: account, confirmationRequired: true, operation: .s3ReplicateObject,
                report: reportAll, clientRequestToken: "t5", description: "Replicate existing objects",
                priority: 1,
                roleArn: role, tags: [S3Tag(key: "k", value: "")],
                manifestGenerator: JobManifestGenerator(
                    s3JobManifestGenerator: S3JobManifestGenerator(
                        expectedBucketOwner: account, sourceBucket: "arn:aws:s3:::src",
                        manifestOutputLocation: S3ManifestOutputLocation(
                            expectedManifestBucketOwner: account, bucket: "arn:aws:s3:::manifests",
                            manifestPrefix: "generated",
                            manifestEncryption: GeneratedManifestEncryption(
                                ssekms: SSEKMSEncryption(keyId: "arn:aws:kms:us-east-1:123456789012:key/out"))
                        ),
                        filter: fullFilter, enableManifestOutput: true)))),
        createJob(
            "manifest generator, SSE-S3 output, no filter",
            CreateJobRequest(
                accountId: account, confirmationRequired: false, operation: .s3ReplicateObject,
                report: .disabled, clientRequestToken: "t6", priority: 3, roleArn: role,
                manifestGenerator: JobManifestGenerator(
                    s3JobManifestGenerator: S3JobManifestGenerator(
                        sourceBucket: "arn:aws:s3:::src",
                        manifestOutputLocation: S3ManifestOutputLocation(
                            bucket: "arn:aws:s3:::manifests",
                            manifestEncryption: GeneratedManifestEncryption(sses3: SSES3Encryption())),
                        enableManifestOutput: true)))),
        createJob(
            "CSV replicate with VersionId field",
            CreateJobRequest(
                accountId: account, confirmationRequired: true, operation: .s3ReplicateObject,
                report: JobReport(
                    bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true,
                    reportScope: .failedTasksOnly),
                clientRequestToken: "t7",
                manifest: JobManifest(
                    spec: JobManifestSpec(format: .csv, fields: [.bucket, .key, .versionId]),
                    location: JobManifestLocation(objectArn: "arn:aws:s3:::m/versions.csv", eTag: "\"e\"")),
                priority: 10, roleArn: role)),
        createJob(
            "sub-second timestamps",
            CreateJobRequest(
                accountId: account, confirmationRequired: true,
                operation: .s3PutObjectCopy(
                    S3CopyObjectOperation(
                        targetResource: "arn:aws:s3:::dst",
                        modifiedSinceConstraint: date("2024-03-04T05:06:07.123456Z"),
                        objectLockMode: .compliance, objectLockRetainUntilDate: date("2029-02-28T23:59:59.5Z")
                    )),
                report: .disabled, clientRequestToken: "t8", manifest: csvManifest, priority: 0, roleArn: role
            )),
    ]

    static let kmsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    /// A CreateJob of `operation` over the CSV manifest, with a failed-tasks report.
    static func objectJob(_ name: String, _ operation: JobOperation, token: String) -> GoldenCase {
        createJob(
            name,
            CreateJobRequest(
                accountId: account, confirmationRequired: true, operation: operation,
                report: JobReport(
                    bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true,
                    reportScope: .failedTasksOnly),
                clientRequestToken: token, manifest: csvManifest, priority: 20, roleArn: role))
    }

    /// One CreateJob per object operation and per option of each, the generator with every filter
    /// under an operation other than Replicate, and Copy's new checksums and directory-bucket target.
    static let objectOperationJobs: [GoldenCase] =
        [
            objectJob(
                "tagging, two tags (one empty value)",
                .s3PutObjectTagging(
                    S3SetObjectTaggingOperation(tagSet: [
                        S3Tag(key: "project", value: "a+b=c@d: e/f"), S3Tag(key: "tier", value: ""),
                    ])), token: "op-tag"),
            objectJob(
                "tagging, empty tag set", .s3PutObjectTagging(S3SetObjectTaggingOperation(tagSet: [])),
                token: "op-tag0"),
            objectJob("delete tagging", .s3DeleteObjectTagging, token: "op-deltag"),
            objectJob(
                "canned ACL",
                .s3PutObjectAcl(
                    S3SetObjectAclOperation(
                        accessControlPolicy: S3AccessControlPolicy(
                            cannedAccessControlList: .bucketOwnerFullControl))),
                token: "op-acl1"),
            objectJob(
                "ACL grants with owner",
                .s3PutObjectAcl(
                    S3SetObjectAclOperation(
                        accessControlPolicy: S3AccessControlPolicy(
                            accessControlList: S3AccessControlList(
                                owner: S3ObjectOwner(
                                    id: "79a59df900b949e55d96a1e698fbaced", displayName: "Owner & co"),
                                grants: [
                                    S3Grant(
                                        grantee: S3Grantee(
                                            typeIdentifier: .id,
                                            identifier: "79a59df900b949e55d96a1e698fbaced"),
                                        permission: .fullControl),
                                    S3Grant(
                                        grantee: S3Grantee(
                                            typeIdentifier: .emailAddress, identifier: "ops@example.com",
                                            displayName: "Ops"),
                                        permission: .writeACP),
                                    S3Grant(
                                        grantee: S3Grantee(
                                            typeIdentifier: .uri,
                                            identifier: "http://acs.amazonaws.com/groups/s3/LogDelivery"),
                                        permission: .write),
                                ])))), token: "op-acl2"),
            objectJob(
                "restore for 7 days, BULK",
                .s3InitiateRestoreObject(
                    S3InitiateRestoreObjectOperation(expirationInDays: 7, glacierJobTier: .bulk)),
                token: "op-restore1"),
            objectJob(
                "restore without expiration, STANDARD",
                .s3InitiateRestoreObject(S3InitiateRestoreObjectOperation(glacierJobTier: .standard)),
                token: "op-restore2"),
            objectJob(
                "legal hold ON",
                .s3PutObjectLegalHold(S3SetObjectLegalHoldOperation(legalHold: .init(status: .on))),
                token: "op-hold1"),
            objectJob(
                "legal hold OFF",
                .s3PutObjectLegalHold(S3SetObjectLegalHoldOperation(legalHold: .init(status: .off))),
                token: "op-hold2"),
            objectJob(
                "retention COMPLIANCE, bypass governance",
                .s3PutObjectRetention(
                    S3SetObjectRetentionOperation(
                        bypassGovernanceRetention: true,
                        retention: S3Retention(
                            retainUntilDate: date("2031-01-01T00:00:00.5Z"), mode: .compliance))),
                token: "op-ret1"),
            objectJob(
                "retention removed, bypass false",
                .s3PutObjectRetention(
                    S3SetObjectRetentionOperation(bypassGovernanceRetention: false, retention: S3Retention())),
                token: "op-ret2"),
            objectJob(
                "compute checksum CRC64NVME FULL_OBJECT",
                .s3ComputeObjectChecksum(
                    S3ComputeObjectChecksumOperation(checksumAlgorithm: .crc64nvme, checksumType: .fullObject)
                ),
                token: "op-sum1"),
            objectJob(
                "compute checksum XXHASH128 COMPOSITE",
                .s3ComputeObjectChecksum(
                    S3ComputeObjectChecksumOperation(checksumAlgorithm: .xxhash128, checksumType: .composite)),
                token: "op-sum2"),
            objectJob(
                "update encryption to SSE-KMS with bucket key",
                .s3UpdateObjectEncryption(
                    S3UpdateObjectEncryptionOperation(
                        objectEncryption: S3UpdateObjectEncryption(
                            sseKMS: S3UpdateObjectEncryptionSSEKMS(kmsKeyArn: kmsKey, bucketKeyEnabled: true))
                    )),
                token: "op-enc1"),
            objectJob(
                "update encryption, key only",
                .s3UpdateObjectEncryption(
                    S3UpdateObjectEncryptionOperation(
                        objectEncryption: S3UpdateObjectEncryption(
                            sseKMS: S3UpdateObjectEncryptionSSEKMS(kmsKeyArn: kmsKey)))),
                token: "op-enc2"),
            objectJob(
                "lambda invoke with user arguments",
                .lambdaInvoke(
                    LambdaInvokeOperation(
                        functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",
                        invocationSchemaVersion: "2.0", userArguments: ["a": "1 & 2", "b": ""])),
                token: "op-lambda"),
            createJob(
                "generator with every filter and SSE-S3 output, restore",
                CreateJobRequest(
                    accountId: account, confirmationRequired: false,
                    operation: .s3InitiateRestoreObject(
                        S3InitiateRestoreObjectOperation(expirationInDays: 1)),
                    report: reportAll, clientRequestToken: "op-gen", priority: 4, roleArn: role,
                    manifestGenerator: JobManifestGenerator(
                        s3JobManifestGenerator: S3JobManifestGenerator(
                            expectedBucketOwner: account, sourceBucket: "arn:aws:s3:::archive",
                            manifestOutputLocation: S3ManifestOutputLocation(
                                expectedManifestBucketOwner: account, bucket: "arn:aws:s3:::manifests",
                                manifestPrefix: "restore/2019",
                                manifestEncryption: GeneratedManifestEncryption(sses3: SSES3Encryption())),
                            filter: JobManifestGeneratorFilter(
                                eligibleForReplication: false, createdAfter: date("2019-01-01T00:00:00Z"),
                                createdBefore: date("2020-01-01T00:00:00Z"),
                                objectReplicationStatuses: [.completed, .replica],
                                keyNameConstraint: KeyNameConstraint(
                                    matchAnyPrefix: ["2019/"], matchAnySuffix: [".tar"],
                                    matchAnySubstring: ["scan"]),
                                objectSizeGreaterThanBytes: 1, objectSizeLessThanBytes: 1_000_000,
                                matchAnyStorageClass: [.glacier, .deepArchive],
                                matchAnyObjectEncryption: [
                                    ObjectEncryptionFilter(
                                        ssekms: .init(kmsKeyArn: kmsKey, bucketKeyEnabled: true))
                                ]),
                            enableManifestOutput: true)))),
            createJob(
                "generator without output, tagging",
                CreateJobRequest(
                    accountId: account, confirmationRequired: true,
                    operation: .s3PutObjectTagging(
                        S3SetObjectTaggingOperation(tagSet: [S3Tag(key: "t", value: "v")])),
                    report: .disabled, clientRequestToken: "op-gen2", priority: 0, roleArn: role,
                    manifestGenerator: JobManifestGenerator(
                        s3JobManifestGenerator: S3JobManifestGenerator(
                            sourceBucket: "arn:aws:s3:::logs",
                            filter: JobManifestGeneratorFilter(
                                matchAnyObjectEncryption: [ObjectEncryptionFilter(notsse: .init())]),
                            enableManifestOutput: false)))),
        ]
        + S3ChecksumAlgorithm.allCases.map { algorithm in
            objectJob(
                "copy with checksum \(algorithm.rawValue)",
                .s3PutObjectCopy(
                    S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst", checksumAlgorithm: algorithm)),
                token: "op-copy-" + algorithm.rawValue)
        } + [
            objectJob(
                "copy to a directory bucket",
                .s3PutObjectCopy(
                    S3CopyObjectOperation(
                        targetResource: "arn:aws:s3express:us-east-1:123456789012:bucket/hot--use1-az4--x-s3",
                        targetKeyPrefix: "hot/", checksumAlgorithm: .crc32c)), token: "op-copy-express")
        ]

    /// The operations of ``objectOperationJobs``, one of each option set.
    static var everyOperation: [JobOperation] {
        objectOperationJobs.compactMap { golden -> JobOperation? in
            guard case .createJob(let request)? = golden.expected else { return nil }
            return request.operation
        }
    }

    static func control(
        _ name: String, _ operation: String, _ params: [String: Any], _ ours: HTTPRequestParts,
        expected: ServerRequest? = nil
    )
        -> GoldenCase
    {
        var all = params
        all["AccountId"] = account
        return GoldenCase(
            name: "\(operation) \(name)", service: "s3control", operation: operation, paramsJSON: json(all),
            ours: ours, expected: expected)
    }

    static let jobId = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"

    static let jobCalls: [GoldenCase] = [
        control(
            "", "DescribeJob", ["JobId": jobId],
            S3ControlRequests.describeJob(accountId: account, jobId: jobId)),
        control(
            "no filter", "ListJobs", [:], S3ControlRequests.listJobs(accountId: account),
            expected: .listJobs(statuses: [], nextToken: nil, maxResults: nil)),
        control(
            "statuses, token, max", "ListJobs",
            [
                "JobStatuses": ["Active", "Suspended", "Complete"], "NextToken": "eyJhIjoxfQ+/=",
                "MaxResults": 1000,
            ],
            S3ControlRequests.listJobs(
                accountId: account, statuses: [.active, .suspended, .complete], nextToken: "eyJhIjoxfQ+/=",
                maxResults: 1000),
            expected: .listJobs(
                statuses: [.active, .suspended, .complete], nextToken: "eyJhIjoxfQ+/=", maxResults: 1000)),
        control(
            "confirm", "UpdateJobStatus", ["JobId": jobId, "RequestedJobStatus": "Ready"],
            S3ControlRequests.updateJobStatus(accountId: account, jobId: jobId, to: .ready),
            expected: .updateJobStatus(.ready, reason: nil)),
        control(
            "cancel with reason", "UpdateJobStatus",
            [
                "JobId": jobId, "RequestedJobStatus": "Cancelled",
                "StatusUpdateReason": "spec removed & pruned: 100%",
            ],
            S3ControlRequests.updateJobStatus(
                accountId: account, jobId: jobId, to: .cancelled, reason: "spec removed & pruned: 100%"),
            expected: .updateJobStatus(.cancelled, reason: "spec removed & pruned: 100%")),
        control(
            "", "UpdateJobPriority", ["JobId": jobId, "Priority": 42],
            S3ControlRequests.updateJobPriority(accountId: account, jobId: jobId, priority: 42),
            expected: .updateJobPriority(42)),
        control(
            "", "GetJobTagging", ["JobId": jobId],
            S3ControlRequests.getJobTagging(accountId: account, jobId: jobId)),
        control(
            "tags", "PutJobTagging",
            [
                "JobId": jobId,
                "Tags": [["Key": "bops:spec", "Value": "a & b"], ["Key": "digest", "Value": "sha256:ab"]],
            ],
            S3ControlRequests.putJobTagging(
                accountId: account, jobId: jobId,
                tags: [S3Tag(key: "bops:spec", value: "a & b"), S3Tag(key: "digest", value: "sha256:ab")]),
            expected: .putJobTagging([
                S3Tag(key: "bops:spec", value: "a & b"), S3Tag(key: "digest", value: "sha256:ab"),
            ])),
        control(
            "no tags", "PutJobTagging", ["JobId": jobId, "Tags": [] as [Any]],
            S3ControlRequests.putJobTagging(accountId: account, jobId: jobId, tags: []),
            expected: .putJobTagging([])),
        control(
            "", "DeleteJobTagging", ["JobId": jobId],
            S3ControlRequests.deleteJobTagging(accountId: account, jobId: jobId)),
    ]

    static func s3(
        _ name: String, _ operation: String, _ params: [String: Any], _ addressing: S3Addressing,
        body: String? = nil, _ ours: HTTPRequestParts, expected: ServerRequest? = nil
    ) -> GoldenCase {
        GoldenCase(
            name: "\(operation) \(name) (\(addressing.rawValue))", service: "s3", operation: operation,
            paramsJSON: json(params), addressing: addressing, bodyText: body, ours: ours, expected: expected)
    }

    static func putObjectHeaders(_ configure: (inout PutObjectHeaders) -> Void) -> PutObjectHeaders {
        var headers = PutObjectHeaders()
        configure(&headers)
        return headers
    }

    static func listInput(_ configure: (inout ListObjectsV2Input) -> Void) -> ListObjectsV2Input {
        var input = ListObjectsV2Input()
        configure(&input)
        return input
    }

    static let oddKey = "bops/manifests/a b+c%d~e=f&g?h#i:j@k!l$m'n(o)p*q,r;s/ünï/"

    static var s3Calls: [GoldenCase] {
        S3Addressing.allCases.flatMap { a -> [GoldenCase] in
            [
                s3(
                    "", "PutObject",
                    [
                        "Bucket": "staging", "Key": oddKey + "m.csv", "ContentType": "text/csv",
                        "ContentMD5": "1B2M2Y8AsgTpgAmY7PhCfg==",
                    ], a, body: "staging,a.txt\n",
                    S3Requests.putObject(
                        bucket: "staging", key: oddKey + "m.csv", body: Array("staging,a.txt\n".utf8),
                        contentType: "text/csv", contentMD5: "1B2M2Y8AsgTpgAmY7PhCfg==", addressing: a),
                    expected: .putObject(putObjectHeaders { $0.metadata.contentType = "text/csv" })),
                s3(
                    "create only", "PutObject",
                    [
                        "Bucket": "team-state", "Key": "bops/prod/state.json.lock",
                        "ContentType": "application/json",
                        "IfNoneMatch": "*",
                    ], a, body: "{}",
                    ConditionalWrites.putObject(
                        bucket: "team-state", key: "bops/prod/state.json.lock", body: Array("{}".utf8),
                        condition: .absent, addressing: a)),
                s3(
                    "compare and swap, SSE-KMS", "PutObject",
                    [
                        "Bucket": "team-state", "Key": "bops/prod/state.json",
                        "ContentType": "application/json",
                        "IfMatch": "\"9a0364b9e99bb480dd25e1f0284c8555\"", "ServerSideEncryption": "aws:kms",
                        "SSEKMSKeyId":
                            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    ], a, body: "{\"version\":1}",
                    ConditionalWrites.putObject(
                        bucket: "team-state", key: "bops/prod/state.json",
                        body: Array("{\"version\":1}".utf8),
                        condition: .matches("\"9a0364b9e99bb480dd25e1f0284c8555\""),
                        kmsKeyId:
                            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        addressing: a)),
                s3(
                    "if match", "DeleteObject",
                    [
                        "Bucket": "team-state", "Key": "bops/prod/state.json.lock",
                        "IfMatch": "\"9a0364b9e99bb480dd25e1f0284c8555\"",
                    ], a,
                    ConditionalWrites.deleteObject(
                        bucket: "team-state", key: "bops/prod/state.json.lock",
                        ifMatch: "\"9a0364b9e99bb480dd25e1f0284c8555\"", addressing: a)),
                s3(
                    "", "HeadObject", ["Bucket": "staging", "Key": oddKey], a,
                    S3Requests.headObject(bucket: "staging", key: oddKey, addressing: a)),
                s3(
                    "version", "HeadObject", ["Bucket": "staging", "Key": "k", "VersionId": "v+1/2="], a,
                    S3Requests.headObject(bucket: "staging", key: "k", versionId: "v+1/2=", addressing: a)),
                s3(
                    "", "GetObject",
                    ["Bucket": "reports", "Key": "bops/job-1/manifest.json", "VersionId": "null"], a,
                    S3Requests.getObject(
                        bucket: "reports", key: "bops/job-1/manifest.json", versionId: "null", addressing: a)),
                s3(
                    "every parameter", "ListObjectsV2",
                    [
                        "Bucket": "src", "Prefix": "logs/2024 q1/", "Delimiter": "/",
                        "ContinuationToken": "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=",
                        "StartAfter": "logs/a", "MaxKeys": 1000,
                    ], a,
                    S3Requests.listObjectsV2(
                        bucket: "src", prefix: "logs/2024 q1/", delimiter: "/",
                        continuationToken: "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=",
                        startAfter: "logs/a",
                        maxKeys: 1000, addressing: a),
                    expected: .listObjectsV2(
                        listInput {
                            $0.prefix = "logs/2024 q1/"
                            $0.delimiter = "/"
                            $0.continuationToken = "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="
                            $0.startAfter = "logs/a"
                            $0.urlEncoded = true
                        })),
                s3(
                    "", "ListObjectsV2", ["Bucket": "src"], a,
                    S3Requests.listObjectsV2(bucket: "src", addressing: a),
                    expected: .listObjectsV2(listInput { $0.urlEncoded = true })),
                s3(
                    "", "GetBucketVersioning", ["Bucket": "src"], a,
                    S3Requests.getBucketVersioning(bucket: "src", addressing: a)),
                s3(
                    "", "GetBucketReplication", ["Bucket": "src"], a,
                    S3Requests.getBucketReplication(bucket: "src", addressing: a)),
                s3(
                    "", "GetObjectLockConfiguration", ["Bucket": "dst"], a,
                    S3Requests.getObjectLockConfiguration(bucket: "dst", addressing: a)),
                s3(
                    "", "GetBucketPolicy", ["Bucket": "src"], a,
                    S3Requests.getBucketPolicy(bucket: "src", addressing: a)),
                s3(
                    "", "GetPublicAccessBlock", ["Bucket": "dst"], a,
                    S3Requests.getPublicAccessBlock(bucket: "dst", addressing: a)),
                s3(
                    "", "GetBucketLifecycleConfiguration", ["Bucket": "src"], a,
                    S3Requests.getBucketLifecycleConfiguration(bucket: "src", addressing: a)),
                s3(
                    "", "GetBucketInventoryConfiguration", ["Bucket": "src", "Id": "daily all/versions"], a,
                    S3Requests.getBucketInventoryConfiguration(
                        bucket: "src", id: "daily all/versions", addressing: a)),
                s3(
                    "expected owner", "HeadBucket", ["Bucket": "src", "ExpectedBucketOwner": "111122223333"],
                    a,
                    S3Requests.headBucket(bucket: "src", expectedOwner: "111122223333", addressing: a)),
                s3(
                    "", "GetBucketEncryption", ["Bucket": "src"], a,
                    S3Requests.getBucketEncryption(bucket: "src", addressing: a)),
                s3(
                    "", "ListBucketInventoryConfigurations", ["Bucket": "src"], a,
                    S3Requests.listBucketInventoryConfigurations(bucket: "src", addressing: a)),
                s3(
                    "next page", "ListBucketInventoryConfigurations",
                    ["Bucket": "src", "ContinuationToken": "t/1+2=="], a,
                    S3Requests.listBucketInventoryConfigurations(
                        bucket: "src", continuationToken: "t/1+2==", addressing: a)),
            ]
        }
    }

    static func sts(
        _ name: String, _ operation: String, _ params: [String: Any], _ ours: HTTPRequestParts
    )
        -> GoldenCase
    {
        GoldenCase(
            name: "\(operation) \(name)", service: "sts", operation: operation, paramsJSON: json(params),
            ours: ours)
    }

    static let stsCalls: [GoldenCase] = [
        sts("", "GetCallerIdentity", [:], STSRequests.getCallerIdentity()),
        sts(
            "minimal", "AssumeRole", ["RoleArn": role, "RoleSessionName": "bops-session"],
            STSRequests.assumeRole(roleArn: role, sessionName: "bops-session")),
        sts(
            "every option", "AssumeRole",
            [
                "RoleArn": role, "RoleSessionName": "bops@ci+1", "DurationSeconds": 3600,
                "ExternalId": "ext/id=1",
                "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            ],
            STSRequests.assumeRole(
                roleArn: role, sessionName: "bops@ci+1", durationSeconds: 3600, externalId: "ext/id=1",
                policy: "{\"Version\":\"2012-10-17\",\"Statement\":[]}")),
        sts(
            "", "AssumeRoleWithWebIdentity",
            [
                "RoleArn": role, "RoleSessionName": "gha", "WebIdentityToken": "eyJhbGciOi.eyJzdWIiOi.sig-_",
                "DurationSeconds": 900,
            ],
            STSRequests.assumeRoleWithWebIdentity(
                roleArn: role, sessionName: "gha", webIdentityToken: "eyJhbGciOi.eyJzdWIiOi.sig-_",
                durationSeconds: 900)),
    ]

    static let all: [GoldenCase] = createJobs + objectOperationJobs + jobCalls + s3Calls + stsCalls
}
