import BopsAWSModel
import BopsJobs
import Foundation

/// BopsJobs values as botocore sees them: dictionaries keyed by the models' member names. Used
/// both as botocore's input parameters (timestamps as ISO 8601 strings) and to compare with what
/// botocore's parsers return (timestamps as seconds since 1970). Written from the botocore models,
/// independently of BopsAWSModel's tables, so each checks the other.
struct ModelJSON {
    enum Dates {
        /// Parameters for serialize.py.
        case iso8601
        /// parse.py's output.
        case seconds
    }

    var dates: Dates

    func date(_ d: Date) -> Any {
        switch dates {
        case .iso8601: AWSTimestamp.iso8601(d)
        case .seconds: d.timeIntervalSince1970
        }
    }

    typealias Object = [String: Any]

    private func set(_ o: inout Object, _ key: String, _ value: Any?) {
        if let value { o[key] = value }
    }

    func createJob(_ r: CreateJobRequest) -> Object {
        var o: Object = ["AccountId": r.accountId]
        set(&o, "ConfirmationRequired", r.confirmationRequired)
        o["Operation"] = operation(r.operation)
        o["Report"] = report(r.report)
        o["ClientRequestToken"] = r.clientRequestToken
        set(&o, "Manifest", r.manifest.map(manifest))
        set(&o, "Description", r.description)
        o["Priority"] = r.priority
        o["RoleArn"] = r.roleArn
        set(&o, "Tags", r.tags.map(tags))
        set(&o, "ManifestGenerator", r.manifestGenerator.map(generator))
        return o
    }

    func operation(_ op: JobOperation) -> Object {
        switch op {
        case .lambdaInvoke(let l): ["LambdaInvoke": lambda(l)]
        case .s3PutObjectCopy(let c): ["S3PutObjectCopy": copy(c)]
        case .s3PutObjectAcl(let a): ["S3PutObjectAcl": acl(a)]
        case .s3PutObjectTagging(let t):
            ["S3PutObjectTagging": t.tagSet.map { ["TagSet": tags($0)] as Object } ?? Object()]
        case .s3DeleteObjectTagging: ["S3DeleteObjectTagging": Object()]
        case .s3InitiateRestoreObject(let r): ["S3InitiateRestoreObject": restore(r)]
        case .s3PutObjectLegalHold(let h):
            [
                "S3PutObjectLegalHold": ["LegalHold": ["Status": h.legalHold.status.rawValue] as Object]
                    as Object
            ]
        case .s3PutObjectRetention(let r): ["S3PutObjectRetention": retention(r)]
        case .s3ReplicateObject: ["S3ReplicateObject": Object()]
        case .s3ComputeObjectChecksum(let c): ["S3ComputeObjectChecksum": checksum(c)]
        case .s3UpdateObjectEncryption(let u): ["S3UpdateObjectEncryption": updateEncryption(u)]
        case .unsupported(let name): [name: Object()]
        }
    }

    func lambda(_ l: LambdaInvokeOperation) -> Object {
        var o: Object = [:]
        set(&o, "FunctionArn", l.functionArn)
        set(&o, "InvocationSchemaVersion", l.invocationSchemaVersion)
        set(&o, "UserArguments", l.userArguments)
        return o
    }

    func acl(_ a: S3SetObjectAclOperation) -> Object {
        guard let p = a.accessControlPolicy else { return [:] }
        var policy: Object = [:]
        if let list = p.accessControlList {
            var owner: Object = [:]
            set(&owner, "ID", list.owner.id)
            set(&owner, "DisplayName", list.owner.displayName)
            var l: Object = ["Owner": owner]
            set(&l, "Grants", list.grants?.map(grant))
            policy["AccessControlList"] = l
        }
        set(&policy, "CannedAccessControlList", p.cannedAccessControlList?.rawValue)
        return ["AccessControlPolicy": policy]
    }

    func restore(_ r: S3InitiateRestoreObjectOperation) -> Object {
        var o: Object = [:]
        set(&o, "ExpirationInDays", r.expirationInDays)
        set(&o, "GlacierJobTier", r.glacierJobTier?.rawValue)
        return o
    }

    func retention(_ r: S3SetObjectRetentionOperation) -> Object {
        var retention: Object = [:]
        set(&retention, "RetainUntilDate", r.retention.retainUntilDate.map(date))
        set(&retention, "Mode", r.retention.mode?.rawValue)
        var o: Object = ["Retention": retention]
        set(&o, "BypassGovernanceRetention", r.bypassGovernanceRetention)
        return o
    }

    func checksum(_ c: S3ComputeObjectChecksumOperation) -> Object {
        var o: Object = [:]
        set(&o, "ChecksumAlgorithm", c.checksumAlgorithm?.rawValue)
        set(&o, "ChecksumType", c.checksumType?.rawValue)
        return o
    }

    func updateEncryption(_ u: S3UpdateObjectEncryptionOperation) -> Object {
        guard let e = u.objectEncryption else { return [:] }
        var encryption: Object = [:]
        if let kms = e.sseKMS {
            var k: Object = ["KMSKeyArn": kms.kmsKeyArn]
            set(&k, "BucketKeyEnabled", kms.bucketKeyEnabled)
            encryption["SSEKMS"] = k
        }
        return ["ObjectEncryption": encryption]
    }

    func copy(_ c: S3CopyObjectOperation) -> Object {
        var o: Object = [:]
        set(&o, "TargetResource", c.targetResource)
        set(&o, "CannedAccessControlList", c.cannedAccessControlList?.rawValue)
        set(&o, "AccessControlGrants", c.accessControlGrants?.map(grant))
        set(&o, "MetadataDirective", c.metadataDirective?.rawValue)
        set(&o, "ModifiedSinceConstraint", c.modifiedSinceConstraint.map(date))
        set(&o, "NewObjectMetadata", c.newObjectMetadata.map(metadata))
        set(&o, "NewObjectTagging", c.newObjectTagging.map(tags))
        set(&o, "RedirectLocation", c.redirectLocation)
        set(&o, "RequesterPays", c.requesterPays)
        set(&o, "StorageClass", c.storageClass?.rawValue)
        set(&o, "UnModifiedSinceConstraint", c.unModifiedSinceConstraint.map(date))
        set(&o, "SSEAwsKmsKeyId", c.sseAwsKmsKeyId)
        set(&o, "TargetKeyPrefix", c.targetKeyPrefix)
        set(&o, "ObjectLockLegalHoldStatus", c.objectLockLegalHoldStatus?.rawValue)
        set(&o, "ObjectLockMode", c.objectLockMode?.rawValue)
        set(&o, "ObjectLockRetainUntilDate", c.objectLockRetainUntilDate.map(date))
        set(&o, "BucketKeyEnabled", c.bucketKeyEnabled)
        set(&o, "ChecksumAlgorithm", c.checksumAlgorithm?.rawValue)
        return o
    }

    func grant(_ g: S3Grant) -> Object {
        var o: Object = [:]
        if let e = g.grantee {
            var grantee: Object = [:]
            set(&grantee, "TypeIdentifier", e.typeIdentifier?.rawValue)
            set(&grantee, "Identifier", e.identifier)
            set(&grantee, "DisplayName", e.displayName)
            o["Grantee"] = grantee
        }
        set(&o, "Permission", g.permission?.rawValue)
        return o
    }

    func metadata(_ m: S3ObjectMetadata) -> Object {
        var o: Object = [:]
        set(&o, "CacheControl", m.cacheControl)
        set(&o, "ContentDisposition", m.contentDisposition)
        set(&o, "ContentEncoding", m.contentEncoding)
        set(&o, "ContentLanguage", m.contentLanguage)
        set(&o, "UserMetadata", m.userMetadata)
        set(&o, "ContentLength", m.contentLength)
        set(&o, "ContentMD5", m.contentMD5)
        set(&o, "ContentType", m.contentType)
        set(&o, "HttpExpiresDate", m.httpExpiresDate.map(date))
        set(&o, "RequesterCharged", m.requesterCharged)
        set(&o, "SSEAlgorithm", m.sseAlgorithm?.rawValue)
        return o
    }

    func tags(_ t: [S3Tag]) -> [Object] { t.map { ["Key": $0.key, "Value": $0.value] } }

    func report(_ r: JobReport) -> Object {
        var o: Object = ["Enabled": r.enabled]
        set(&o, "Bucket", r.bucket)
        set(&o, "Format", r.format?.rawValue)
        set(&o, "Prefix", r.prefix)
        set(&o, "ReportScope", r.reportScope?.rawValue)
        set(&o, "ExpectedBucketOwner", r.expectedBucketOwner)
        return o
    }

    func manifest(_ m: JobManifest) -> Object {
        var spec: Object = ["Format": m.spec.format.rawValue]
        set(&spec, "Fields", m.spec.fields?.map(\.rawValue))
        return ["Spec": spec, "Location": location(m.location)]
    }

    func location(_ l: JobManifestLocation) -> Object {
        var o: Object = ["ObjectArn": l.objectArn, "ETag": l.eTag]
        set(&o, "ObjectVersionId", l.objectVersionId)
        return o
    }

    func generator(_ g: JobManifestGenerator) -> Object {
        guard let s = g.s3JobManifestGenerator else { return [:] }
        var o: Object = ["SourceBucket": s.sourceBucket, "EnableManifestOutput": s.enableManifestOutput]
        set(&o, "ExpectedBucketOwner", s.expectedBucketOwner)
        if let out = s.manifestOutputLocation {
            var l: Object = ["Bucket": out.bucket, "ManifestFormat": out.manifestFormat.rawValue]
            set(&l, "ExpectedManifestBucketOwner", out.expectedManifestBucketOwner)
            set(&l, "ManifestPrefix", out.manifestPrefix)
            if let e = out.manifestEncryption {
                var enc: Object = [:]
                if e.sses3 != nil { enc["SSES3"] = Object() }
                if let kms = e.ssekms { enc["SSEKMS"] = ["KeyId": kms.keyId] }
                l["ManifestEncryption"] = enc
            }
            o["ManifestOutputLocation"] = l
        }
        set(&o, "Filter", s.filter.map(filter))
        return ["S3JobManifestGenerator": o]
    }

    func filter(_ f: JobManifestGeneratorFilter) -> Object {
        var o: Object = [:]
        set(&o, "EligibleForReplication", f.eligibleForReplication)
        set(&o, "CreatedAfter", f.createdAfter.map(date))
        set(&o, "CreatedBefore", f.createdBefore.map(date))
        set(&o, "ObjectReplicationStatuses", f.objectReplicationStatuses?.map(\.rawValue))
        if let k = f.keyNameConstraint {
            var c: Object = [:]
            set(&c, "MatchAnyPrefix", k.matchAnyPrefix)
            set(&c, "MatchAnySuffix", k.matchAnySuffix)
            set(&c, "MatchAnySubstring", k.matchAnySubstring)
            o["KeyNameConstraint"] = c
        }
        set(&o, "ObjectSizeGreaterThanBytes", f.objectSizeGreaterThanBytes)
        set(&o, "ObjectSizeLessThanBytes", f.objectSizeLessThanBytes)
        set(&o, "MatchAnyStorageClass", f.matchAnyStorageClass?.map(\.rawValue))
        set(
            &o, "MatchAnyObjectEncryption",
            f.matchAnyObjectEncryption?.map { e -> Object in
                var x: Object = [:]
                if e.sses3 != nil { x["SSES3"] = Object() }
                if let k = e.ssekms {
                    var kms: Object = [:]
                    set(&kms, "KmsKeyArn", k.kmsKeyArn)
                    set(&kms, "BucketKeyEnabled", k.bucketKeyEnabled)
                    x["SSEKMS"] = kms
                }
                if let k = e.dssekms {
                    var kms: Object = [:]
                    set(&kms, "KmsKeyArn", k.kmsKeyArn)
                    x["DSSEKMS"] = kms
                }
                if e.ssec != nil { x["SSEC"] = Object() }
                if e.notsse != nil { x["NOTSSE"] = Object() }
                return x
            })
        return o
    }

    func progress(_ p: JobProgressSummary) -> Object {
        var o: Object = [:]
        set(&o, "TotalNumberOfTasks", p.totalNumberOfTasks)
        set(&o, "NumberOfTasksSucceeded", p.numberOfTasksSucceeded)
        set(&o, "NumberOfTasksFailed", p.numberOfTasksFailed)
        if let t = p.timers {
            var timers: Object = [:]
            set(&timers, "ElapsedTimeInActiveSeconds", t.elapsedTimeInActiveSeconds)
            o["Timers"] = timers
        }
        return o
    }

    func job(_ j: JobDescriptor) -> Object {
        var o: Object = ["JobId": j.jobId, "Status": j.status.rawValue, "Priority": j.priority]
        set(&o, "ConfirmationRequired", j.confirmationRequired)
        set(&o, "Description", j.description)
        set(&o, "JobArn", j.jobArn)
        set(&o, "Manifest", j.manifest.map(manifest))
        set(&o, "Operation", j.operation.map(operation))
        set(&o, "ProgressSummary", j.progressSummary.map(progress))
        set(&o, "StatusUpdateReason", j.statusUpdateReason)
        set(
            &o, "FailureReasons",
            j.failureReasons?.map { f -> Object in
                var x: Object = [:]
                set(&x, "FailureCode", f.failureCode)
                set(&x, "FailureReason", f.failureReason)
                return x
            })
        set(&o, "Report", j.report.map(report))
        set(&o, "CreationTime", j.creationTime.map(date))
        set(&o, "TerminationDate", j.terminationDate.map(date))
        set(&o, "RoleArn", j.roleArn)
        set(&o, "SuspendedDate", j.suspendedDate.map(date))
        set(&o, "SuspendedCause", j.suspendedCause)
        set(&o, "ManifestGenerator", j.manifestGenerator.map(generator))
        if let g = j.generatedManifestDescriptor {
            var x: Object = [:]
            set(&x, "Format", g.format?.rawValue)
            set(&x, "Location", g.location.map(location))
            o["GeneratedManifestDescriptor"] = x
        }
        return o
    }

    func row(_ j: JobListDescriptor) -> Object {
        var o: Object = ["JobId": j.jobId, "Status": j.status.rawValue, "Priority": j.priority]
        set(&o, "Description", j.description)
        set(&o, "Operation", j.operation)
        set(&o, "CreationTime", j.creationTime.map(date))
        set(&o, "TerminationDate", j.terminationDate.map(date))
        set(&o, "ProgressSummary", j.progressSummary.map(progress))
        return o
    }

    /// S3's `ReplicationConfiguration` (`Rules`, `Filter`, `And.Tags`, `DeleteMarkerReplication.Status`).
    func replication(_ c: ReplicationConfiguration) -> Object {
        let rules = c.rules.map { r -> Object in
            var o: Object = ["Status": r.status.rawValue]
            set(&o, "ID", r.id)
            set(&o, "Priority", r.priority)
            if let f = r.filter {
                var filter: Object = [:]
                set(&filter, "Prefix", f.prefix)
                set(&filter, "Tag", f.tag.map { ["Key": $0.key, "Value": $0.value] as Object })
                if let a = f.and {
                    var and: Object = ["Tags": tags(a.tags)]
                    set(&and, "Prefix", a.prefix)
                    filter["And"] = and
                }
                o["Filter"] = filter
            }
            var destination: Object = ["Bucket": r.destination.bucket]
            set(&destination, "Account", r.destination.account)
            set(&destination, "StorageClass", r.destination.storageClass)
            o["Destination"] = destination
            set(
                &o, "DeleteMarkerReplication",
                r.deleteMarkerReplication.map { ["Status": $0 ? "Enabled" : "Disabled"] as Object })
            return o
        }
        return ["Role": c.role, "Rules": rules]
    }
}
