import BopsAWSModel
import BopsJobs
import BopsTestSupport
import Foundation
import Testing

/// The emulator's side of the wire against botocore: every request botocore builds for an
/// operation the emulator serves reads back as the values it was built from, and every answer
/// body the emulator writes parses with botocore's own parser to the values it was written from.
@Suite(
    .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
    .tags(.process))
struct ServerSideBotocoreTests {
    static func parts(_ sent: BotocoreOracle.Sent) -> HTTPRequestParts {
        HTTPRequestParts(
            method: sent.method, path: sent.path,
            query: sent.pairs.map { QueryItem($0[0], $0.count > 1 ? $0[1] : "") },
            headers: sent.headers.map { HTTPField($0.key, $0.value) }, body: sent.body)
    }

    @Test(arguments: ServerCases.all)
    func readsBotocoresRequest(_ server: ServerCase) throws {
        let sent = try #require(try ServerCases.sent.get()[server.name]).get()
        let read = try ServerRequest.read(server.operation, Self.parts(sent))
        #expect(read == server.expected, "\(String(decoding: sent.body, as: UTF8.self))")
    }

    @Test(arguments: AnswerCases.all)
    func botocoreParsesOurAnswer(_ answer: AnswerCase) throws {
        let parsed = try BotocoreOracle.parse(
            service: answer.service, operation: answer.operation,
            body: String(decoding: answer.body, as: UTF8.self),
            status: answer.status, headers: answer.headers)
        let expected = answer.expected()
        let mismatches: [String]
        if answer.subset, let object = parsed as? [String: Any] {
            mismatches = BotocoreOracle.mismatches(
                expected: expected, parsed: object.filter { expected[$0.key] != nil })
        } else {
            mismatches = BotocoreOracle.mismatches(expected: expected, parsed: parsed)
        }
        #expect(mismatches.isEmpty, "\(mismatches)\n\(String(decoding: answer.body, as: UTF8.self))")
    }
}

/// The answers round-trip through our own parsers too (no botocore needed).
@Suite(.tags(.process)) struct AnswerRoundTripTests {
    @Test func describeJobReadsBackWhatWasWritten() throws {
        for job in AnswerCases.jobs {
            let read = try S3ControlResponses.describeJob(
                HTTPResponseParts(status: 200, body: S3ControlResponses.describeJobBody(job)))
            #expect(read == job)
        }
    }

    @Test func listJobsAndTagsReadBack() throws {
        let rows = AnswerCases.jobs.map(\.listDescriptor)
        let page = try S3ControlResponses.listJobs(
            HTTPResponseParts(status: 200, body: S3ControlResponses.listJobsBody(jobs: rows, nextToken: "n")))
        #expect(page.jobs == rows)
        #expect(page.nextToken == "n")
        let tags = [S3Tag(key: "a", value: "1 & 2"), S3Tag(key: "b", value: "")]
        #expect(
            try S3ControlResponses.getJobTagging(
                HTTPResponseParts(status: 200, body: S3ControlResponses.getJobTaggingBody(tags))) == tags)
    }

    @Test func bucketAnswersReadBack() throws {
        let replication = try S3Responses.bucketReplication(
            HTTPResponseParts(status: 200, body: S3Responses.bucketReplicationBody(ServerCases.replication)))
        #expect(replication == ServerCases.replication)
        for status in [VersioningStatus.enabled, .suspended, nil] {
            #expect(
                try S3Responses.bucketVersioning(
                    HTTPResponseParts(status: 200, body: S3Responses.bucketVersioningBody(status))) == status)
        }
        #expect(
            try S3Responses.objectLockEnabled(
                HTTPResponseParts(status: 200, body: S3Responses.objectLockConfigurationBody())))
        let retention = ObjectLockConfiguration(
            defaultRetention: ObjectLockDefaultRetention(mode: .compliance, years: 2))
        #expect(
            try S3Responses.objectLockConfiguration(
                HTTPResponseParts(status: 200, body: S3Responses.objectLockConfigurationBody(retention)))
                == retention)
        let blocked = PublicAccessBlock(ignorePublicAcls: true, restrictPublicBuckets: true)
        #expect(
            try S3Responses.publicAccessBlock(
                HTTPResponseParts(status: 200, body: S3Responses.publicAccessBlockBody(blocked))) == blocked)
        #expect(
            try S3Responses.lifecycleRules(
                HTTPResponseParts(
                    status: 200, body: S3Responses.lifecycleConfigurationBody(ServerCases.lifecycle)))
                == ServerCases.lifecycle)
        #expect(
            try S3Responses.bucketPolicy(
                HTTPResponseParts(status: 200, body: Array(ServerCases.bucketPolicy.utf8)))
                == ServerCases.bucketPolicy)
        for encryption in [ServerCases.encryption, BucketEncryption(algorithm: "AES256")] {
            #expect(
                try S3Responses.bucketEncryption(
                    HTTPResponseParts(status: 200, body: S3Responses.bucketEncryptionBody(encryption)))
                    == encryption)
        }
        for configuration in [ServerCases.inventory, ServerCases.inventoryAll] {
            #expect(
                try S3Responses.inventoryConfiguration(
                    HTTPResponseParts(
                        status: 200, body: S3Responses.inventoryConfigurationBody(configuration)))
                    == configuration)
        }
        let listed = try S3Responses.inventoryConfigurations(
            HTTPResponseParts(
                status: 200,
                body: S3Responses.inventoryConfigurationsBody([
                    ServerCases.inventory, ServerCases.inventoryAll,
                ])))
        #expect(listed.configurations == [ServerCases.inventory, ServerCases.inventoryAll])
        #expect(listed.nextToken == nil)
        for (code, read) in [
            ("NoSuchBucketPolicy", { try S3Responses.bucketPolicy($0) == nil }),
            ("NoSuchPublicAccessBlockConfiguration", { try S3Responses.publicAccessBlock($0) == nil }),
            ("ObjectLockConfigurationNotFoundError", { try S3Responses.objectLockConfiguration($0) == nil }),
            ("NoSuchLifecycleConfiguration", { try S3Responses.lifecycleRules($0) == nil }),
            ("NoSuchConfiguration", { try S3Responses.inventoryConfiguration($0) == nil }),
            (
                "ServerSideEncryptionConfigurationNotFoundError",
                { try S3Responses.bucketEncryption($0) == nil }
            ),
        ] as [(String, (HTTPResponseParts) throws -> Bool)] {
            let missing = HTTPResponseParts(
                status: 404,
                body: AWSErrors.body(.s3, code: code, message: "none", requestId: "R", hostId: "H"))
            #expect(try read(missing), "\(code) reads as none")
        }
        let page = try S3Responses.listObjectsV2(
            HTTPResponseParts(status: 200, body: AnswerCases.listBody(urlEncoded: true)), bucket: "src")
        #expect(page.objects.map(\.key) == AnswerCases.page.objects.map(\.key))
        #expect(page.commonPrefixes == AnswerCases.page.commonPrefixes)
        #expect(page.nextContinuationToken == AnswerCases.page.nextContinuationToken)
    }

    @Test func objectHeadersReadBack() throws {
        let info = AnswerCases.object
        let read = try #require(
            try S3Responses.headObject(
                HTTPResponseParts(status: 200, headers: S3Responses.objectHeaders(info)), bucket: info.bucket,
                key: info.key))
        var expected = info
        expected.tags = nil  // HeadObject carries only the tag count
        expected.size = 0  // no Content-Length header in this test
        #expect(read == expected)
    }

    @Test func errorBodiesReadBack() {
        let control = AWSErrors.engineError(
            HTTPResponseParts(
                status: 404,
                body: AWSErrors.body(
                    .s3Control, code: "NoSuchJob", message: "m <&>", requestId: "R1", hostId: "H")))
        #expect(control == EngineError(code: "NoSuchJob", message: "m <&>", requestId: "R1", httpStatus: 404))
        let s3 = AWSErrors.engineError(
            HTTPResponseParts(
                status: 404,
                body: AWSErrors.body(
                    .s3, code: "NoSuchBucket", message: "gone", requestId: "R2", hostId: "H2",
                    extra: [("BucketName", "b")])))
        #expect(s3 == EngineError(code: "NoSuchBucket", message: "gone", requestId: "R2", httpStatus: 404))
    }

    @Test func malformedRequestsNameTheElement() {
        let body = Array(
            "<CreateJobRequest><Operation><S3PutObjectCopy><StorageClass>COLD</StorageClass></S3PutObjectCopy></Operation></CreateJobRequest>"
                .utf8)
        #expect {
            try S3ControlRequests.readCreateJob(
                HTTPRequestParts(method: "POST", path: "/", body: body), accountId: "1")
        } throws: { error in
            let shape = error as? AWSShapeError
            return shape?.path == "CreateJobRequest/Operation/S3PutObjectCopy/StorageClass"
                && shape?.isRequest == true
                && shape?.message.contains("COLD") == true
        }
        #expect {
            try S3ControlRequests.readCreateJob(
                HTTPRequestParts(method: "POST", path: "/", body: Array("<CreateJobRequest>".utf8)),
                accountId: "1")
        } throws: { error in
            (error as? AWSShapeError)?.isMalformedXML == true
        }
        #expect {
            try S3ControlRequests.readListJobs(
                HTTPRequestParts(method: "GET", path: "/", query: [QueryItem("jobStatuses", "Exploded")]))
        } throws: { error in
            (error as? AWSShapeError)?.path == "jobStatuses"
        }
        // List items under another name than the model's would be dropped without a word.
        let strayItems = Array(
            "<PutJobTaggingRequest><Tags><S3Tag><Key>a</Key><Value>b</Value></S3Tag></Tags></PutJobTaggingRequest>"
                .utf8)
        let strayRequest = HTTPRequestParts(method: "PUT", path: "/", body: strayItems)
        #expect {
            try S3ControlRequests.readPutJobTagging(strayRequest)
        } throws: { error in
            (error as? AWSShapeError)?.path == "PutJobTaggingRequest/Tags/S3Tag"
        }
    }
}

/// One answer body (or header set) the emulator writes, and what botocore must read from it.
struct AnswerCase: Sendable, CustomTestStringConvertible {
    var name: String
    var service: String
    var operation: String
    var status = 200
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    /// Compare only the members `expected` names (header answers and errors, where botocore adds
    /// members of its own).
    var subset = false
    var expected: @Sendable () -> [String: Any]

    var testDescription: String { name }
}

enum AnswerCases {
    /// ``ServerCases/inventory`` as botocore parses it.
    static var inventoryJSON: [String: Any] {
        [
            "Destination": [
                "S3BucketDestination": [
                    "AccountId": "210987654321", "Bucket": "arn:aws:s3:::inv", "Format": "CSV",
                    "Prefix": "inventory",
                ]
            ],
            "IsEnabled": true, "Filter": ["Prefix": "photos/"], "Id": "daily",
            "IncludedObjectVersions": "Current", "OptionalFields": ["Size", "StorageClass"],
            "Schedule": ["Frequency": "Weekly"],
        ]
    }

    static let seconds = ModelJSON(dates: .seconds)
    static func date(_ text: String) -> Date { GoldenCases.date(text) }

    static let jobs: [JobDescriptor] =
        [
            JobDescriptor(
                jobId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", confirmationRequired: true,
                description: "Copy 2024 logs & <audit>", jobArn: "arn:aws:s3:us-east-1:123456789012:job/a1b2",
                status: .failed,
                manifest: GoldenCases.csvManifest, operation: .s3PutObjectCopy(GoldenCases.copyEveryOption),
                priority: 10,
                progressSummary: JobProgressSummary(
                    totalNumberOfTasks: 1000, numberOfTasksSucceeded: 990, numberOfTasksFailed: 10,
                    timers: JobTimers(elapsedTimeInActiveSeconds: 3600)),
                statusUpdateReason: "Task failure threshold exceeded",
                failureReasons: [
                    JobFailure(
                        failureCode: "TaskFailureThresholdExceeded", failureReason: "Too many tasks failed")
                ],
                report: GoldenCases.reportAll, creationTime: date("2024-05-01T10:00:00.123Z"),
                terminationDate: date("2024-05-01T11:00:00Z"), roleArn: GoldenCases.role,
                suspendedDate: date("2024-05-01T10:05:00Z"), suspendedCause: "AwaitingConfirmation",
                generatedManifestDescriptor: S3GeneratedManifestDescriptor(
                    format: .inventoryCSV20211130,
                    location: JobManifestLocation(objectArn: "arn:aws:s3:::m/generated.csv", eTag: "\"abc\""))
            ),
            JobDescriptor(
                jobId: "replicate-1", confirmationRequired: false, status: .suspended,
                operation: .s3ReplicateObject,
                priority: 0, report: .disabled, creationTime: date("2024-05-02T00:00:00.500Z"),
                manifestGenerator: JobManifestGenerator(
                    s3JobManifestGenerator: S3JobManifestGenerator(
                        expectedBucketOwner: GoldenCases.account, sourceBucket: "arn:aws:s3:::src",
                        manifestOutputLocation: S3ManifestOutputLocation(
                            bucket: "arn:aws:s3:::manifests", manifestPrefix: "generated",
                            manifestEncryption: GeneratedManifestEncryption(sses3: SSES3Encryption())),
                        filter: GoldenCases.fullFilter, enableManifestOutput: true))),
        ]
        + GoldenCases.everyOperation.enumerated().map { i, operation in
            JobDescriptor(
                jobId: "operation-\(i)", confirmationRequired: true, status: .active,
                manifest: GoldenCases.csvManifest, operation: operation, priority: i,
                progressSummary: JobProgressSummary(
                    totalNumberOfTasks: 52, numberOfTasksSucceeded: 50, numberOfTasksFailed: 2),
                report: .disabled, creationTime: date("2024-05-03T00:00:00Z"), roleArn: GoldenCases.role)
        }

    static let page = ListObjectsV2Page(
        objects: [
            ObjectInfo(
                bucket: "src", key: "logs/a b+c.txt", eTag: "\"e1\"", size: 12,
                lastModified: date("2024-01-02T03:04:05.678Z")),
            ObjectInfo(
                bucket: "src", key: "logs/z.txt", eTag: "\"e2\"", size: 0,
                lastModified: date("2024-01-02T03:04:05Z"),
                storageClass: "GLACIER_IR"),
        ],
        commonPrefixes: ["logs/sub/"], isTruncated: true, nextContinuationToken: "bmV4dA==")

    static func listBody(urlEncoded: Bool) -> [UInt8] {
        S3Responses.listObjectsV2Body(
            bucket: "src", prefix: "logs/", delimiter: "/", maxKeys: 3, continuationToken: "dG9rZW4=",
            startAfter: "logs/0", urlEncoded: urlEncoded, page: page)
    }

    static let object = ObjectInfo(
        bucket: "src", key: "k", versionId: "v1", eTag: "\"e\"", size: 5,
        lastModified: date("2024-01-02T03:04:05Z"),
        storageClass: "STANDARD_IA",
        metadata: ObjectMetadata(
            contentType: "text/plain", cacheControl: "no-cache", contentDisposition: "inline",
            contentEncoding: "gzip",
            contentLanguage: "en", expires: date("2031-06-30T12:00:00Z"), websiteRedirectLocation: "/r",
            userMetadata: ["source": "logs"]),
        tags: [S3Tag(key: "a", value: "b")],
        serverSideEncryption: ServerSideEncryption(
            algorithm: "aws:kms", kmsKeyId: "key", bucketKeyEnabled: true),
        checksum: ObjectChecksum(algorithm: .sha256, value: "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="),
        objectLockMode: .governance, objectLockRetainUntilDate: date("2030-01-01T00:00:00Z"),
        objectLockLegalHoldStatus: .on, replicationStatus: .completed)

    static func headers(_ fields: [HTTPField]) -> [String: String] {
        Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    static let all: [AnswerCase] =
        [
            AnswerCase(
                name: "CreateJob", service: "s3control", operation: "CreateJob",
                body: S3ControlResponses.createJobBody(jobId: "job-1"), expected: { ["JobId": "job-1"] })
        ]
        + jobs.map { job in
            AnswerCase(
                name: "DescribeJob \(job.jobId)", service: "s3control", operation: "DescribeJob",
                body: S3ControlResponses.describeJobBody(job), expected: { ["Job": seconds.job(job)] })
        } + [
            AnswerCase(
                name: "ListJobs with a next page", service: "s3control", operation: "ListJobs",
                body: S3ControlResponses.listJobsBody(
                    jobs: jobs.map(\.listDescriptor), nextToken: "eyJuIjoyfQ=="),
                expected: {
                    ["Jobs": jobs.map { seconds.row($0.listDescriptor) }, "NextToken": "eyJuIjoyfQ=="]
                }),
            AnswerCase(
                name: "ListJobs last empty page", service: "s3control", operation: "ListJobs",
                body: S3ControlResponses.listJobsBody(jobs: [], nextToken: nil),
                expected: { ["Jobs": [Any]()] }),
            AnswerCase(
                name: "UpdateJobStatus", service: "s3control", operation: "UpdateJobStatus",
                body: S3ControlResponses.updateJobStatusBody(
                    jobId: "j", status: .cancelling, reason: "pruned & gone"),
                expected: { ["JobId": "j", "Status": "Cancelling", "StatusUpdateReason": "pruned & gone"] }),
            AnswerCase(
                name: "UpdateJobPriority", service: "s3control", operation: "UpdateJobPriority",
                body: S3ControlResponses.updateJobPriorityBody(jobId: "j", priority: 2_147_483_647),
                expected: { ["JobId": "j", "Priority": 2_147_483_647] }),
            AnswerCase(
                name: "GetJobTagging", service: "s3control", operation: "GetJobTagging",
                body: S3ControlResponses.getJobTaggingBody([
                    S3Tag(key: "bops:spec", value: "a & b"), S3Tag(key: "empty", value: ""),
                ]),
                expected: {
                    ["Tags": [["Key": "bops:spec", "Value": "a & b"], ["Key": "empty", "Value": ""]]]
                }),
            AnswerCase(
                name: "GetJobTagging none", service: "s3control", operation: "GetJobTagging",
                body: S3ControlResponses.getJobTaggingBody([]), expected: { ["Tags": [Any]()] }),
            AnswerCase(
                name: "GetCallerIdentity", service: "sts", operation: "GetCallerIdentity",
                body: STSResponses.getCallerIdentityBody(
                    CallerIdentity(
                        account: "123456789012", arn: "arn:aws:iam::123456789012:user/emulator",
                        userId: "AKIDEXAMPLE"),
                    requestId: "R & 1"),
                subset: true,
                expected: {
                    [
                        "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/emulator",
                        "UserId": "AKIDEXAMPLE",
                    ]
                }),
            AnswerCase(
                name: "S3 Control error", service: "s3control", operation: "DescribeJob", status: 404,
                body: AWSErrors.body(
                    .s3Control, code: "NoSuchJob", message: "no <job> & more", requestId: "R", hostId: "H"),
                expected: { ["Error": ["Code": "NoSuchJob", "Message": "no <job> & more"]] }),
            AnswerCase(
                name: "GetBucketReplication", service: "s3", operation: "GetBucketReplication",
                body: S3Responses.bucketReplicationBody(ServerCases.replication),
                expected: { ["ReplicationConfiguration": seconds.replication(ServerCases.replication)] }),
            AnswerCase(
                name: "GetBucketVersioning enabled", service: "s3", operation: "GetBucketVersioning",
                body: S3Responses.bucketVersioningBody(.enabled), expected: { ["Status": "Enabled"] }),
            AnswerCase(
                name: "GetBucketVersioning never", service: "s3", operation: "GetBucketVersioning",
                body: S3Responses.bucketVersioningBody(nil), expected: { [:] }),
            AnswerCase(
                name: "GetObjectLockConfiguration", service: "s3", operation: "GetObjectLockConfiguration",
                body: S3Responses.objectLockConfigurationBody(),
                expected: { ["ObjectLockConfiguration": ["ObjectLockEnabled": "Enabled"]] }),
            AnswerCase(
                name: "GetObjectLockConfiguration with a default retention", service: "s3",
                operation: "GetObjectLockConfiguration",
                body: S3Responses.objectLockConfigurationBody(
                    ObjectLockConfiguration(
                        defaultRetention: ObjectLockDefaultRetention(mode: .governance, days: 1))),
                expected: {
                    [
                        "ObjectLockConfiguration": [
                            "ObjectLockEnabled": "Enabled",
                            "Rule": ["DefaultRetention": ["Mode": "GOVERNANCE", "Days": 1]],
                        ]
                    ]
                }),
            AnswerCase(
                name: "GetPublicAccessBlock", service: "s3", operation: "GetPublicAccessBlock",
                body: S3Responses.publicAccessBlockBody(PublicAccessBlock(blockPublicAcls: true)),
                expected: {
                    [
                        "PublicAccessBlockConfiguration": [
                            "BlockPublicAcls": true, "IgnorePublicAcls": false, "BlockPublicPolicy": false,
                            "RestrictPublicBuckets": false,
                        ]
                    ]
                }),
            AnswerCase(
                name: "GetBucketPolicy", service: "s3", operation: "GetBucketPolicy",
                body: Array(ServerCases.bucketPolicy.utf8), expected: { ["Policy": ServerCases.bucketPolicy] }
            ),
            AnswerCase(
                name: "GetBucketLifecycleConfiguration", service: "s3",
                operation: "GetBucketLifecycleConfiguration",
                body: S3Responses.lifecycleConfigurationBody(ServerCases.lifecycle),
                expected: {
                    [
                        "Rules": [
                            [
                                "ID": "expire-logs", "Filter": ["Prefix": "logs/"], "Status": "Enabled",
                                "Expiration": ["Days": 30],
                                "Transitions": [["Days": 7, "StorageClass": "GLACIER"]],
                                "NoncurrentVersionExpiration": ["NoncurrentDays": 5],
                            ],
                            [
                                "ID": "tagged",
                                "Filter": [
                                    "And": ["Prefix": "tmp/", "Tags": [["Key": "tier", "Value": "scratch"]]]
                                ],
                                "Status": "Disabled", "Expiration": ["Days": 1],
                            ],
                        ]
                    ]
                }),
            AnswerCase(
                name: "GetBucketEncryption", service: "s3", operation: "GetBucketEncryption",
                body: S3Responses.bucketEncryptionBody(ServerCases.encryption),
                expected: {
                    [
                        "ServerSideEncryptionConfiguration": [
                            "Rules": [
                                [
                                    "ApplyServerSideEncryptionByDefault": [
                                        "SSEAlgorithm": "aws:kms",
                                        "KMSMasterKeyID": "arn:aws:kms:us-east-1:123456789012:key/k",
                                    ],
                                    "BucketKeyEnabled": true,
                                ]
                            ]
                        ]
                    ]
                }),
            AnswerCase(
                name: "GetBucketInventoryConfiguration", service: "s3",
                operation: "GetBucketInventoryConfiguration",
                body: S3Responses.inventoryConfigurationBody(ServerCases.inventory),
                expected: { ["InventoryConfiguration": AnswerCases.inventoryJSON] }),
            AnswerCase(
                name: "ListBucketInventoryConfigurations", service: "s3",
                operation: "ListBucketInventoryConfigurations",
                body: S3Responses.inventoryConfigurationsBody([
                    ServerCases.inventory, ServerCases.inventoryAll,
                ]),
                expected: {
                    [
                        "IsTruncated": false,
                        "InventoryConfigurationList": [
                            AnswerCases.inventoryJSON,
                            [
                                "Destination": [
                                    "S3BucketDestination": ["Bucket": "arn:aws:s3:::inv", "Format": "CSV"]
                                ],
                                "IsEnabled": false, "Id": "all", "IncludedObjectVersions": "All",
                                "Schedule": ["Frequency": "Daily"],
                            ],
                        ],
                    ]
                }),
            AnswerCase(
                name: "ListBuckets", service: "s3", operation: "ListBuckets",
                body: S3Responses.listBucketsBody(
                    [("a", date("2024-01-01T00:00:00Z")), ("b-2", date("2024-02-03T04:05:06.789Z"))],
                    ownerId: "emulator"),
                expected: {
                    [
                        "Owner": ["ID": "emulator"],
                        "Buckets": [
                            [
                                "Name": "a",
                                "CreationDate": date("2024-01-01T00:00:00Z").timeIntervalSince1970,
                            ],
                            [
                                "Name": "b-2",
                                "CreationDate": date("2024-02-03T04:05:06.789Z").timeIntervalSince1970,
                            ],
                        ],
                    ]
                }),
            AnswerCase(
                name: "ListObjectsV2", service: "s3", operation: "ListObjectsV2",
                body: listBody(urlEncoded: false),
                expected: {
                    listExpected(key: "logs/a b+c.txt", prefix: "logs/", common: "logs/sub/", after: "logs/0")
                }),
            AnswerCase(
                name: "ListObjectsV2 url-encoded", service: "s3", operation: "ListObjectsV2",
                body: listBody(urlEncoded: true),
                expected: {
                    var expected = listExpected(
                        key: "logs/a%20b%2Bc.txt", prefix: "logs/", common: "logs/sub/", after: "logs/0")
                    expected["EncodingType"] = "url"
                    return expected
                }),
            AnswerCase(
                name: "S3 error", service: "s3", operation: "GetBucketReplication", status: 404,
                body: AWSErrors.body(
                    .s3, code: "ReplicationConfigurationNotFoundError", message: "none", requestId: "R",
                    hostId: "H",
                    extra: [("BucketName", "src")]),
                expected: {
                    [
                        "Error": [
                            "Code": "ReplicationConfigurationNotFoundError", "Message": "none",
                            "BucketName": "src",
                        ]
                    ]
                }),
            AnswerCase(
                name: "HeadObject headers", service: "s3", operation: "HeadObject",
                headers: headers(S3Responses.objectHeaders(object)), subset: true,
                expected: {
                    [
                        "ETag": "\"e\"", "LastModified": object.lastModified.timeIntervalSince1970,
                        "VersionId": "v1",
                        "StorageClass": "STANDARD_IA", "ContentType": "text/plain",
                        "CacheControl": "no-cache",
                        "ContentDisposition": "inline", "ContentEncoding": "gzip", "ContentLanguage": "en",
                        "Expires": date("2031-06-30T12:00:00Z").timeIntervalSince1970,
                        "WebsiteRedirectLocation": "/r",
                        "Metadata": ["source": "logs"], "ServerSideEncryption": "aws:kms",
                        "SSEKMSKeyId": "key",
                        "BucketKeyEnabled": true, "TagCount": 1, "ObjectLockMode": "GOVERNANCE",
                        "ObjectLockRetainUntilDate": date("2030-01-01T00:00:00Z").timeIntervalSince1970,
                        "ObjectLockLegalHoldStatus": "ON", "ReplicationStatus": "COMPLETED",
                        "ChecksumSHA256": "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
                    ]
                }),
            AnswerCase(
                name: "PutObject headers", service: "s3", operation: "PutObject",
                headers: headers(S3Responses.putObjectHeaders(object)), subset: true,
                expected: {
                    [
                        "ETag": "\"e\"", "VersionId": "v1", "ServerSideEncryption": "aws:kms",
                        "ChecksumSHA256": "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
                    ]
                }),
        ]

    static func listExpected(key: String, prefix: String, common: String, after: String) -> [String: Any] {
        [
            "Name": "src", "Prefix": prefix, "KeyCount": 3, "MaxKeys": 3, "Delimiter": "/",
            "IsTruncated": true,
            "Contents": [
                [
                    "Key": key, "LastModified": date("2024-01-02T03:04:05.678Z").timeIntervalSince1970,
                    "ETag": "\"e1\"", "Size": 12, "StorageClass": "STANDARD",
                ],
                [
                    "Key": "logs/z.txt", "LastModified": date("2024-01-02T03:04:05Z").timeIntervalSince1970,
                    "ETag": "\"e2\"", "Size": 0, "StorageClass": "GLACIER_IR",
                ],
            ],
            "CommonPrefixes": [["Prefix": common]], "ContinuationToken": "dG9rZW4=",
            "NextContinuationToken": "bmV4dA==", "StartAfter": after,
        ]
    }
}
