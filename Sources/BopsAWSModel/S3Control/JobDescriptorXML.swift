import BopsJobs
import Foundation

/// Reads the S3 Control model's answer shapes (`JobDescriptor` and everything below it).
enum JobDescriptorXML {
    static func descriptor(_ job: ShapeReader) throws -> JobDescriptor {
        JobDescriptor(
            jobId: try job.required("JobId"),
            confirmationRequired: try job.bool("ConfirmationRequired"),
            description: job.string("Description"),
            jobArn: job.string("JobArn"),
            status: try job.enumValue(try job.required("Status"), JobStatus.self, member: "Status"),
            manifest: try job.child("Manifest").map(manifest),
            operation: try job.child("Operation").map(operation),
            priority: try job.int("Priority") ?? 0,
            progressSummary: try job.child("ProgressSummary").map(progress),
            statusUpdateReason: job.string("StatusUpdateReason"),
            failureReasons: job.list("FailureReasons").map { list in
                list.map {
                    JobFailure(
                        failureCode: $0.string("FailureCode"), failureReason: $0.string("FailureReason"))
                }
            },
            report: try job.child("Report").map(report),
            creationTime: try job.date("CreationTime"),
            terminationDate: try job.date("TerminationDate"),
            roleArn: job.string("RoleArn"),
            suspendedDate: try job.date("SuspendedDate"),
            suspendedCause: job.string("SuspendedCause"),
            manifestGenerator: try job.child("ManifestGenerator").map(manifestGenerator),
            generatedManifestDescriptor: try job.child("GeneratedManifestDescriptor").map { g in
                S3GeneratedManifestDescriptor(
                    format: try g.enumeration("Format", GeneratedManifestFormat.self),
                    location: try g.child("Location").map(location))
            })
    }

    static func progress(_ p: ShapeReader) throws -> JobProgressSummary {
        JobProgressSummary(
            totalNumberOfTasks: try p.int64("TotalNumberOfTasks"),
            numberOfTasksSucceeded: try p.int64("NumberOfTasksSucceeded"),
            numberOfTasksFailed: try p.int64("NumberOfTasksFailed"),
            timers: try p.child("Timers").map {
                JobTimers(elapsedTimeInActiveSeconds: try $0.int64("ElapsedTimeInActiveSeconds"))
            })
    }

    static func manifest(_ m: ShapeReader) throws -> JobManifest {
        guard let spec = m.child("Spec") else { throw m.error("Spec", "required member is missing") }
        guard let loc = m.child("Location") else { throw m.error("Location", "required member is missing") }
        let fields = try spec.list("Fields")?.map {
            try $0.enumValue($0.text, JobManifestFieldName.self, member: "Fields")
        }
        return JobManifest(
            spec: JobManifestSpec(
                format: try spec.enumValue(
                    try spec.required("Format"), JobManifestFormat.self, member: "Format"),
                fields: fields),
            location: try location(loc))
    }

    static func location(_ l: ShapeReader) throws -> JobManifestLocation {
        JobManifestLocation(
            objectArn: try l.required("ObjectArn"), objectVersionId: l.string("ObjectVersionId"),
            eTag: try l.required("ETag"))
    }

    static func report(_ r: ShapeReader) throws -> JobReport {
        JobReport(
            bucket: r.string("Bucket"), format: try r.enumeration("Format", JobReportFormat.self),
            enabled: try r.bool("Enabled") ?? false, prefix: r.string("Prefix"),
            reportScope: try r.enumeration("ReportScope", JobReportScope.self),
            expectedBucketOwner: r.string("ExpectedBucketOwner"))
    }

    static func tags(_ items: [ShapeReader]) throws -> [S3Tag] {
        try items.map { S3Tag(key: try $0.required("Key"), value: $0.string("Value") ?? "") }
    }

    /// The one member set decides the case; operations bops does not manage read as `.unsupported`.
    static func operation(_ o: ShapeReader) throws -> JobOperation {
        guard let member = o.element.children.first else {
            throw o.error("*", "an operation must have exactly one member")
        }
        switch member.localName {
        case "S3PutObjectCopy":
            return .s3PutObjectCopy(
                try copy(ShapeReader(member, operation: o.operation, path: o.path + "/S3PutObjectCopy")))
        case "S3ReplicateObject":
            return .s3ReplicateObject
        default:
            return .unsupported(member.localName)
        }
    }

    static func copy(_ c: ShapeReader) throws -> S3CopyObjectOperation {
        S3CopyObjectOperation(
            targetResource: c.string("TargetResource"),
            cannedAccessControlList: try c.enumeration(
                "CannedAccessControlList", S3CannedAccessControlList.self),
            accessControlGrants: try c.list("AccessControlGrants")?.map(grant),
            metadataDirective: try c.enumeration("MetadataDirective", S3MetadataDirective.self),
            modifiedSinceConstraint: try c.date("ModifiedSinceConstraint"),
            newObjectMetadata: try c.child("NewObjectMetadata").map(objectMetadata),
            newObjectTagging: try c.list("NewObjectTagging").map(tags),
            redirectLocation: c.string("RedirectLocation"),
            requesterPays: try c.bool("RequesterPays"),
            storageClass: try c.enumeration("StorageClass", S3StorageClass.self),
            unModifiedSinceConstraint: try c.date("UnModifiedSinceConstraint"),
            sseAwsKmsKeyId: c.string("SSEAwsKmsKeyId"),
            targetKeyPrefix: c.string("TargetKeyPrefix"),
            objectLockLegalHoldStatus: try c.enumeration(
                "ObjectLockLegalHoldStatus", S3ObjectLockLegalHoldStatus.self),
            objectLockMode: try c.enumeration("ObjectLockMode", S3ObjectLockMode.self),
            objectLockRetainUntilDate: try c.date("ObjectLockRetainUntilDate"),
            bucketKeyEnabled: try c.bool("BucketKeyEnabled"),
            checksumAlgorithm: try c.enumeration("ChecksumAlgorithm", S3ChecksumAlgorithm.self))
    }

    static func grant(_ g: ShapeReader) throws -> S3Grant {
        S3Grant(
            grantee: try g.child("Grantee").map { e in
                S3Grantee(
                    typeIdentifier: try e.enumeration("TypeIdentifier", S3GranteeTypeIdentifier.self),
                    identifier: e.string("Identifier"), displayName: e.string("DisplayName"))
            },
            permission: try g.enumeration("Permission", S3Permission.self))
    }

    static func objectMetadata(_ m: ShapeReader) throws -> S3ObjectMetadata {
        var user: [String: String]?
        if let entries = m.child("UserMetadata") {
            var map: [String: String] = [:]
            for entry in entries.element.children("entry") {
                guard let key = entry.childText("key") else {
                    throw entries.error("entry/key", "a map entry has no key")
                }
                map[key] = entry.childText("value") ?? ""
            }
            user = map
        }
        return S3ObjectMetadata(
            cacheControl: m.string("CacheControl"), contentDisposition: m.string("ContentDisposition"),
            contentEncoding: m.string("ContentEncoding"), contentLanguage: m.string("ContentLanguage"),
            userMetadata: user, contentLength: try m.int64("ContentLength"),
            contentMD5: m.string("ContentMD5"),
            contentType: m.string("ContentType"), httpExpiresDate: try m.date("HttpExpiresDate"),
            requesterCharged: try m.bool("RequesterCharged"),
            sseAlgorithm: try m.enumeration("SSEAlgorithm", S3SSEAlgorithm.self))
    }

    static func manifestGenerator(_ g: ShapeReader) throws -> JobManifestGenerator {
        JobManifestGenerator(
            s3JobManifestGenerator: try g.child("S3JobManifestGenerator").map { s in
                S3JobManifestGenerator(
                    expectedBucketOwner: s.string("ExpectedBucketOwner"),
                    sourceBucket: try s.required("SourceBucket"),
                    manifestOutputLocation: try s.child("ManifestOutputLocation").map(outputLocation),
                    filter: try s.child("Filter").map(filter),
                    enableManifestOutput: try s.bool("EnableManifestOutput") ?? false)
            })
    }

    static func outputLocation(_ o: ShapeReader) throws -> S3ManifestOutputLocation {
        S3ManifestOutputLocation(
            expectedManifestBucketOwner: o.string("ExpectedManifestBucketOwner"),
            bucket: try o.required("Bucket"), manifestPrefix: o.string("ManifestPrefix"),
            manifestEncryption: try o.child("ManifestEncryption").map { e in
                GeneratedManifestEncryption(
                    sses3: e.child("SSE-S3").map { _ in SSES3Encryption() },
                    ssekms: try e.child("SSE-KMS").map { SSEKMSEncryption(keyId: try $0.required("KeyId")) })
            },
            manifestFormat: try o.enumValue(
                try o.required("ManifestFormat"), GeneratedManifestFormat.self, member: "ManifestFormat"))
    }

    static func filter(_ f: ShapeReader) throws -> JobManifestGeneratorFilter {
        JobManifestGeneratorFilter(
            eligibleForReplication: try f.bool("EligibleForReplication"),
            createdAfter: try f.date("CreatedAfter"), createdBefore: try f.date("CreatedBefore"),
            objectReplicationStatuses: try f.list("ObjectReplicationStatuses")?.map {
                try $0.enumValue($0.text, ReplicationStatus.self, member: "ObjectReplicationStatuses")
            },
            keyNameConstraint: f.child("KeyNameConstraint").map { k in
                KeyNameConstraint(
                    matchAnyPrefix: k.list("MatchAnyPrefix")?.map(\.text),
                    matchAnySuffix: k.list("MatchAnySuffix")?.map(\.text),
                    matchAnySubstring: k.list("MatchAnySubstring")?.map(\.text))
            },
            objectSizeGreaterThanBytes: try f.int64("ObjectSizeGreaterThanBytes"),
            objectSizeLessThanBytes: try f.int64("ObjectSizeLessThanBytes"),
            matchAnyStorageClass: try f.list("MatchAnyStorageClass")?.map {
                try $0.enumValue($0.text, S3StorageClass.self, member: "MatchAnyStorageClass")
            },
            matchAnyObjectEncryption: try f.list("MatchAnyObjectEncryption", member: "ObjectEncryption")?.map
            { e in
                ObjectEncryptionFilter(
                    sses3: e.child("SSE-S3").map { _ in .init() },
                    ssekms: try e.child("SSE-KMS").map {
                        .init(
                            kmsKeyArn: $0.string("KmsKeyArn"),
                            bucketKeyEnabled: try $0.bool("BucketKeyEnabled"))
                    },
                    dssekms: e.child("DSSE-KMS").map { .init(kmsKeyArn: $0.string("KmsKeyArn")) },
                    ssec: e.child("SSE-C").map { _ in .init() },
                    notsse: e.child("NOT-SSE").map { _ in .init() })
            })
    }
}
