import BopsAWSModel
import BopsJobs
import BopsTestSupport
import Foundation
import Testing

/// What a server reads from a request of an operation the emulator serves.
enum ServerRequest: Sendable, Hashable {
    case createJob(CreateJobRequest)
    case listJobs(statuses: [JobStatus], nextToken: String?, maxResults: Int?)
    case updateJobStatus(RequestedJobStatus, reason: String?)
    case updateJobPriority(Int)
    case putJobTagging([JobTag])
    case createBucket(objectLock: Bool)
    case putBucketVersioning(VersioningStatus)
    case putBucketReplication(ReplicationConfiguration)
    case listObjectsV2(ListObjectsV2Input)
    case putObject(PutObjectHeaders)
    case objectRead(ObjectReadInput)
    case copyObject(CopyObjectInput)
    case deleteObjects([DeletedObject], quiet: Bool)
    case completeMultipartUpload([MultipartPart])
    case objectListing(ObjectListingInput)
    case putBucketPolicy(String)
    case putPublicAccessBlock(PublicAccessBlock)
    case putObjectLockConfiguration(ObjectLockConfiguration)
    case putBucketLifecycleConfiguration([LifecycleRule])
    case putBucketInventoryConfiguration(InventoryConfiguration)
    case putBucketEncryption(BucketEncryption)

    /// Reads `request` as the server side of `operation`.
    static func read(_ operation: String, _ request: HTTPRequestParts) throws -> ServerRequest {
        switch operation {
        case "CreateJob":
            return .createJob(
                try S3ControlRequests.readCreateJob(
                    request, accountId: request.header("x-amz-account-id") ?? ""))
        case "ListJobs":
            let input = try S3ControlRequests.readListJobs(request)
            return .listJobs(
                statuses: input.statuses, nextToken: input.nextToken, maxResults: input.maxResults)
        case "UpdateJobStatus":
            let input = try S3ControlRequests.readUpdateJobStatus(request)
            return .updateJobStatus(input.status, reason: input.reason)
        case "UpdateJobPriority":
            return .updateJobPriority(try S3ControlRequests.readUpdateJobPriority(request))
        case "PutJobTagging": return .putJobTagging(try S3ControlRequests.readPutJobTagging(request))
        case "CreateBucket": return .createBucket(objectLock: S3Requests.readCreateBucketObjectLock(request))
        case "PutBucketVersioning":
            return .putBucketVersioning(try S3Requests.readPutBucketVersioning(request))
        case "PutBucketReplication":
            return .putBucketReplication(try S3Requests.readPutBucketReplication(request))
        case "ListObjectsV2": return .listObjectsV2(try S3Requests.readListObjectsV2(request))
        case "PutObject": return .putObject(try S3Requests.readPutObject(request))
        case "GetObject", "HeadObject": return .objectRead(try S3Requests.readObjectRead(request))
        case "CopyObject": return .copyObject(try S3Requests.readCopyObject(request))
        case "DeleteObjects":
            let (objects, quiet) = try S3Requests.readDeleteObjects(request)
            return .deleteObjects(objects, quiet: quiet)
        case "CompleteMultipartUpload": return .completeMultipartUpload(try S3Multipart.readComplete(request))
        case "ListObjects": return .objectListing(try S3Requests.readObjectListing(request, versions: false))
        case "ListObjectVersions":
            return .objectListing(try S3Requests.readObjectListing(request, versions: true))
        case "PutBucketPolicy": return .putBucketPolicy(try S3Requests.readPutBucketPolicy(request))
        case "PutPublicAccessBlock":
            return .putPublicAccessBlock(try S3Requests.readPutPublicAccessBlock(request))
        case "PutObjectLockConfiguration":
            return .putObjectLockConfiguration(try S3Requests.readPutObjectLockConfiguration(request))
        case "PutBucketLifecycleConfiguration":
            return .putBucketLifecycleConfiguration(
                try S3Requests.readPutBucketLifecycleConfiguration(request))
        case "PutBucketEncryption":
            return .putBucketEncryption(try S3Requests.readPutBucketEncryption(request))
        case "PutBucketInventoryConfiguration":
            return .putBucketInventoryConfiguration(
                try S3Requests.readPutBucketInventoryConfiguration(
                    request, id: request.query.first { $0.name == "id" }?.value ?? ""))
        default: throw BotocoreOracle.Failure("no server reader for \(operation)")
        }
    }
}

/// A request botocore builds for an operation the emulator serves, and what the server must read.
struct ServerCase: OracleCase, Sendable, CustomTestStringConvertible {
    var name: String
    var service: String
    var operation: String
    var paramsJSON: String
    var addressing: S3Addressing?
    var bodyText: String?
    var expected: ServerRequest
}

enum ServerCases {
    static let bucketPolicy =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::src/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#
    static let lifecycle = [
        LifecycleRule(
            id: "expire-logs", prefix: "logs/", expirationDays: 30,
            transitions: [LifecycleTransition(days: 7, storageClass: "GLACIER")], noncurrentExpirationDays: 5),
        LifecycleRule(
            id: "tagged", enabled: false, prefix: "tmp/", tags: [S3Tag(key: "tier", value: "scratch")],
            expirationDays: 1),
    ]
    static let inventory = InventoryConfiguration(
        id: "daily", includedObjectVersions: .current, destinationBucket: "arn:aws:s3:::inv",
        destinationPrefix: "inventory", destinationAccount: "210987654321", format: "CSV",
        frequency: "Weekly",
        prefix: "photos/", optionalFields: ["Size", "StorageClass"])
    static let inventoryAll = InventoryConfiguration(
        id: "all", enabled: false, includedObjectVersions: .all, destinationBucket: "arn:aws:s3:::inv")
    static let encryption = BucketEncryption(
        algorithm: "aws:kms", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", bucketKeyEnabled: true)
    static let replication = ReplicationConfiguration(
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [
            ReplicationRule(
                id: "logs", priority: 1, status: .enabled, filter: ReplicationRuleFilter(prefix: "logs/"),
                destination: ReplicationDestination(
                    bucket: "arn:aws:s3:::dr", storageClass: "STANDARD_IA", account: "210987654321"),
                deleteMarkerReplication: false),
            ReplicationRule(
                id: "tagged", priority: 2, status: .disabled,
                filter: ReplicationRuleFilter(tag: S3Tag(key: "tier", value: "hot & cold")),
                destination: ReplicationDestination(bucket: "arn:aws:s3:::dr2"), deleteMarkerReplication: true
            ),
            ReplicationRule(
                id: "both", priority: 3, status: .enabled,
                filter: ReplicationRuleFilter(
                    and: ReplicationRuleAndOperator(
                        prefix: "a/", tags: [S3Tag(key: "k1", value: "v1"), S3Tag(key: "k2", value: "")])),
                destination: ReplicationDestination(bucket: "arn:aws:s3:::dr3"),
                deleteMarkerReplication: false),
        ])

    static func s3(
        _ name: String, _ operation: String, _ params: [String: Any], body: String? = nil,
        _ expected: ServerRequest
    ) -> [ServerCase] {
        S3Addressing.allCases.map { a in
            ServerCase(
                name: "\(operation) \(name) (\(a.rawValue))", service: "s3", operation: operation,
                paramsJSON: GoldenCases.json(params), addressing: a, bodyText: body, expected: expected)
        }
    }

    static let everyPutObjectHeader = GoldenCases.putObjectHeaders { h in
        h.metadata = ObjectMetadata(
            contentType: "text/plain; charset=utf-8", cacheControl: "max-age=60",
            contentDisposition: "attachment; filename=\"r.csv\"", contentEncoding: "gzip",
            contentLanguage: "de",
            expires: GoldenCases.date("2031-06-30T12:00:00Z"), websiteRedirectLocation: "/elsewhere",
            userMetadata: ["source": "logs", "team": "data & ops"])
        h.storageClass = .glacierIR
        h.tags = [S3Tag(key: "tier", value: "cold"), S3Tag(key: "owner", value: "a+b c")]
        h.cannedACL = .bucketOwnerFullControl
        h.serverSideEncryption = ServerSideEncryption(
            algorithm: "aws:kms", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", bucketKeyEnabled: true
        )
        h.checksumAlgorithm = .sha256
        h.objectLockMode = .governance
        h.objectLockRetainUntilDate = GoldenCases.date("2030-01-01T00:00:00Z")
        h.objectLockLegalHoldStatus = .on
    }

    /// Operations the client never sends, but the emulator serves (for SDK users).
    static let serverOnly: [ServerCase] =
        s3("", "CreateBucket", ["Bucket": "plain"], .createBucket(objectLock: false))
        + s3(
            "object lock", "CreateBucket", ["Bucket": "locked", "ObjectLockEnabledForBucket": true],
            .createBucket(objectLock: true))
        + s3(
            "enable", "PutBucketVersioning",
            ["Bucket": "src", "VersioningConfiguration": ["Status": "Enabled"]],
            .putBucketVersioning(.enabled))
        + s3(
            "suspend", "PutBucketVersioning",
            ["Bucket": "src", "VersioningConfiguration": ["Status": "Suspended"]],
            .putBucketVersioning(.suspended))
        + s3(
            "", "PutBucketPolicy", ["Bucket": "src", "Policy": bucketPolicy], .putBucketPolicy(bucketPolicy))
        + s3(
            "", "PutPublicAccessBlock",
            [
                "Bucket": "src",
                "PublicAccessBlockConfiguration": [
                    "BlockPublicAcls": true, "IgnorePublicAcls": false, "BlockPublicPolicy": true,
                    "RestrictPublicBuckets": false,
                ],
            ],
            .putPublicAccessBlock(PublicAccessBlock(blockPublicAcls: true, blockPublicPolicy: true)))
        + s3(
            "default retention", "PutObjectLockConfiguration",
            [
                "Bucket": "reports",
                "ObjectLockConfiguration": [
                    "ObjectLockEnabled": "Enabled",
                    "Rule": ["DefaultRetention": ["Mode": "GOVERNANCE", "Days": 1]],
                ],
            ],
            .putObjectLockConfiguration(
                ObjectLockConfiguration(
                    defaultRetention: ObjectLockDefaultRetention(mode: .governance, days: 1))))
        + s3(
            "enable only", "PutObjectLockConfiguration",
            ["Bucket": "reports", "ObjectLockConfiguration": ["ObjectLockEnabled": "Enabled"]],
            .putObjectLockConfiguration(ObjectLockConfiguration()))
        + s3(
            "", "PutBucketLifecycleConfiguration",
            [
                "Bucket": "src",
                "LifecycleConfiguration": [
                    "Rules": [
                        [
                            "ID": "expire-logs", "Status": "Enabled", "Filter": ["Prefix": "logs/"],
                            "Expiration": ["Days": 30],
                            "Transitions": [["Days": 7, "StorageClass": "GLACIER"]],
                            "NoncurrentVersionExpiration": ["NoncurrentDays": 5],
                        ],
                        [
                            "ID": "tagged", "Status": "Disabled",
                            "Filter": [
                                "And": ["Prefix": "tmp/", "Tags": [["Key": "tier", "Value": "scratch"]]]
                            ],
                            "Expiration": ["Days": 1],
                        ],
                    ]
                ],
            ],
            .putBucketLifecycleConfiguration(lifecycle))
        + s3(
            "", "PutBucketInventoryConfiguration",
            [
                "Bucket": "src", "Id": "daily",
                "InventoryConfiguration": [
                    "Destination": [
                        "S3BucketDestination": [
                            "AccountId": "210987654321", "Bucket": "arn:aws:s3:::inv", "Format": "CSV",
                            "Prefix": "inventory",
                        ]
                    ],
                    "IsEnabled": true, "Filter": ["Prefix": "photos/"], "Id": "daily",
                    "IncludedObjectVersions": "Current", "OptionalFields": ["Size", "StorageClass"],
                    "Schedule": ["Frequency": "Weekly"],
                ],
            ],
            .putBucketInventoryConfiguration(inventory))
        + s3(
            "minimal", "PutBucketInventoryConfiguration",
            [
                "Bucket": "src", "Id": "all",
                "InventoryConfiguration": [
                    "Destination": ["S3BucketDestination": ["Bucket": "arn:aws:s3:::inv", "Format": "CSV"]],
                    "IsEnabled": false, "Id": "all", "IncludedObjectVersions": "All",
                    "Schedule": ["Frequency": "Daily"],
                ],
            ],
            .putBucketInventoryConfiguration(inventoryAll))
        + s3(
            "SSE-KMS", "PutBucketEncryption",
            [
                "Bucket": "src",
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
                ],
            ],
            .putBucketEncryption(encryption))
        + s3(
            "SSE-S3", "PutBucketEncryption",
            [
                "Bucket": "src",
                "ServerSideEncryptionConfiguration": [
                    "Rules": [["ApplyServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]]
                ],
            ],
            .putBucketEncryption(BucketEncryption(algorithm: "AES256")))
        + s3(
            "", "PutBucketReplication",
            [
                "Bucket": "src",
                "ReplicationConfiguration": ModelJSON(dates: .iso8601).replication(replication),
            ],
            .putBucketReplication(replication))
        + s3(
            "every header", "PutObject",
            [
                "Bucket": "staging", "Key": "a b/c.txt", "ContentType": "text/plain; charset=utf-8",
                "CacheControl": "max-age=60", "ContentDisposition": "attachment; filename=\"r.csv\"",
                "ContentEncoding": "gzip", "ContentLanguage": "de", "Expires": "2031-06-30T12:00:00Z",
                "WebsiteRedirectLocation": "/elsewhere",
                "Metadata": ["source": "logs", "team": "data & ops"],
                "StorageClass": "GLACIER_IR", "Tagging": "tier=cold&owner=a%2Bb%20c",
                "ACL": "bucket-owner-full-control", "ServerSideEncryption": "aws:kms",
                "SSEKMSKeyId": "arn:aws:kms:us-east-1:123456789012:key/k", "BucketKeyEnabled": true,
                "ChecksumAlgorithm": "SHA256", "ObjectLockMode": "GOVERNANCE",
                "ObjectLockRetainUntilDate": "2030-01-01T00:00:00Z", "ObjectLockLegalHoldStatus": "ON",
            ], body: "hello\n", .putObject(everyPutObjectHeader))

    static let everyReadParameter: ObjectReadInput = {
        var input = ObjectReadInput()
        input.range = "bytes=-500"
        input.ifMatch = "\"e1\""
        input.ifNoneMatch = "\"e2\""
        input.ifModifiedSince = GoldenCases.date("2024-01-02T03:04:05Z")
        input.ifUnmodifiedSince = GoldenCases.date("2030-01-02T03:04:05Z")
        input.checksumMode = true
        input.overrides = [
            HTTPField("Content-Type", "text/csv"),
            HTTPField("Content-Disposition", "attachment; filename=\"a b.csv\""),
        ]
        return input
    }()

    static let copyEveryHeader: CopyObjectInput = {
        var input = CopyObjectInput(sourceBucket: "src", sourceKey: "a b/c+d.txt", sourceVersionId: "v+1/2=")
        input.replaceMetadata = true
        input.replaceTagging = true
        input.sourceConditions.ifMatch = "\"e1\""
        input.sourceConditions.ifUnmodifiedSince = GoldenCases.date("2030-01-02T03:04:05Z")
        return input
    }()

    static let listing: ObjectListingInput = {
        var input = ObjectListingInput()
        input.prefix = "logs/"
        input.delimiter = "/"
        input.maxKeys = 7
        input.marker = "logs/a b"
        input.urlEncoded = true
        return input
    }()

    /// The requests of the calls SDK helpers make (reads, copies, batch deletes, multipart, listings).
    static let sdkCalls: [ServerCase] =
        s3(
            "every parameter", "GetObject",
            [
                "Bucket": "src", "Key": "a b", "Range": "bytes=-500", "IfMatch": "\"e1\"",
                "IfNoneMatch": "\"e2\"",
                "IfModifiedSince": "2024-01-02T03:04:05Z", "IfUnmodifiedSince": "2030-01-02T03:04:05Z",
                "ChecksumMode": "ENABLED", "ResponseContentType": "text/csv",
                "ResponseContentDisposition": "attachment; filename=\"a b.csv\"",
            ], .objectRead(everyReadParameter))
        + s3(
            "directives and conditions", "CopyObject",
            [
                "Bucket": "dst", "Key": "k",
                "CopySource": ["Bucket": "src", "Key": "a b/c+d.txt", "VersionId": "v+1/2="],
                "MetadataDirective": "REPLACE", "TaggingDirective": "REPLACE", "CopySourceIfMatch": "\"e1\"",
                "CopySourceIfUnmodifiedSince": "2030-01-02T03:04:05Z",
            ], .copyObject(copyEveryHeader))
        + s3(
            "quiet", "DeleteObjects",
            [
                "Bucket": "src",
                "Delete": ["Objects": [["Key": "a & b"], ["Key": "c", "VersionId": "v1"]], "Quiet": true],
            ],
            .deleteObjects(
                [DeletedObject(key: "a & b"), DeletedObject(key: "c", versionId: "v1")], quiet: true))
        + s3(
            "two parts", "CompleteMultipartUpload",
            [
                "Bucket": "src", "Key": "k", "UploadId": "u1",
                "MultipartUpload": [
                    "Parts": [["PartNumber": 1, "ETag": "\"e1\""], ["PartNumber": 2, "ETag": "\"e2\""]]
                ],
            ],
            .completeMultipartUpload([
                MultipartPart(partNumber: 1, eTag: "\"e1\""), MultipartPart(partNumber: 2, eTag: "\"e2\""),
            ]))
        + s3(
            "v1 with marker", "ListObjects",
            ["Bucket": "src", "Prefix": "logs/", "Delimiter": "/", "MaxKeys": 7, "Marker": "logs/a b"],
            .objectListing(listing))
        + s3(
            "with markers", "ListObjectVersions",
            [
                "Bucket": "src", "Prefix": "logs/", "Delimiter": "/", "MaxKeys": 7, "KeyMarker": "logs/a b",
                "VersionIdMarker": "v1",
            ],
            .objectListing(
                {
                    var input = listing
                    input.versionIdMarker = "v1"
                    return input
                }()))

    /// Every request the emulator reads something from: the client's own cases and the server-only ones.
    static let all: [ServerCase] =
        GoldenCases.all.compactMap { g in
            g.expected.map {
                ServerCase(
                    name: g.name, service: g.service, operation: g.operation, paramsJSON: g.paramsJSON,
                    addressing: g.addressing, bodyText: g.bodyText, expected: $0)
            }
        } + serverOnly + sdkCalls

    /// botocore's requests for the whole table, computed once per test run.
    static let sent = GoldenCases.sent(all)
}
