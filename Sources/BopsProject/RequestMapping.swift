public import BopsJobs
public import BopsSpec

/// The S3 Control shapes of a spec's parts: the one place that knows how spec keys map to the API.
public enum RequestMapping {
    public static func operation(_ operation: JobSpec.Operation) -> JobOperation {
        switch operation {
        case .replicate:
            return .s3ReplicateObject
        case .copy(let c):
            var op = S3CopyObjectOperation(targetResource: c.destination)
            op.targetKeyPrefix = c.keyPrefix
            op.storageClass = c.storageClass.flatMap { S3StorageClass(rawValue: $0.rawValue) }
            op.checksumAlgorithm = c.checksumAlgorithm.flatMap { S3ChecksumAlgorithm(rawValue: $0.rawValue) }
            op.modifiedSinceConstraint = c.modifiedSince?.date
            op.unModifiedSinceConstraint = c.unmodifiedSince?.date
            op.redirectLocation = c.redirectLocation
            op.requesterPays = c.requesterPays ? true : nil
            switch c.tags.mode {
            case .copy: op.newObjectTagging = nil
            case .remove: op.newObjectTagging = []
            case .replace:
                op.newObjectTagging = c.tags.set.sorted { $0.key < $1.key }.map { S3Tag(key: $0.key, value: $0.value) }
            }
            var metadata = S3ObjectMetadata()
            var hasMetadata = false
            if c.metadata.mode == .replace {
                op.metadataDirective = .replace
                metadata.cacheControl = c.metadata.cacheControl
                metadata.contentDisposition = c.metadata.contentDisposition
                metadata.contentEncoding = c.metadata.contentEncoding
                metadata.contentLanguage = c.metadata.contentLanguage
                metadata.contentType = c.metadata.contentType
                metadata.httpExpiresDate = c.metadata.expires?.date
                metadata.userMetadata = c.metadata.user.isEmpty ? nil : c.metadata.user
                hasMetadata = true
            } else {
                op.metadataDirective = .copy
            }
            if let e = c.encryption {
                metadata.sseAlgorithm = S3SSEAlgorithm(rawValue: e.type.awsValue)
                hasMetadata = true
                if e.type == .sseKMS {
                    op.sseAwsKmsKeyId = e.kmsKeyArn
                    op.bucketKeyEnabled = e.bucketKeyEnabled
                }
            }
            if hasMetadata { op.newObjectMetadata = metadata }
            switch c.acl {
            case .canned(let canned)?:
                op.cannedAccessControlList = S3CannedAccessControlList(rawValue: canned.rawValue)
            case .grants(let grants)?:
                op.accessControlGrants = grants.map {
                    S3Grant(
                        grantee: S3Grantee(
                            typeIdentifier: S3GranteeTypeIdentifier(rawValue: $0.grantee.type.awsValue),
                            identifier: $0.grantee.identifier, displayName: $0.grantee.displayName),
                        permission: S3Permission(rawValue: $0.permission.rawValue))
                }
            case nil:
                break
            }
            if let lock = c.objectLock {
                op.objectLockLegalHoldStatus = lock.legalHold.flatMap { S3ObjectLockLegalHoldStatus(rawValue: $0.rawValue) }
                op.objectLockMode = lock.retention.flatMap { S3ObjectLockMode(rawValue: $0.mode.rawValue) }
                op.objectLockRetainUntilDate = lock.retention?.retainUntil.date
            }
            return .s3PutObjectCopy(op)
        }
    }

    public static func report(_ report: JobSpec.Report) -> JobReport {
        guard report.scope != .disabled, let bucket = report.bucket else { return .disabled }
        return JobReport(
            bucket: bucket, format: .csv20180820, enabled: true, prefix: report.prefix,
            reportScope: report.scope == .all ? .allTasks : .failedTasksOnly,
            expectedBucketOwner: report.expectedBucketOwner)
    }

    public static func generator(_ g: JobSpec.ManifestGenerator) -> S3JobManifestGenerator {
        var filter: JobManifestGeneratorFilter?
        if let f = g.filter {
            var out = JobManifestGeneratorFilter()
            out.eligibleForReplication = f.eligibleForReplication
            out.createdAfter = f.createdAfter?.date
            out.createdBefore = f.createdBefore?.date
            out.objectReplicationStatuses = f.objectReplicationStatuses.isEmpty
                ? nil : f.objectReplicationStatuses.compactMap { ReplicationStatus(rawValue: $0.rawValue) }
            if !f.matchAnyPrefix.isEmpty || !f.matchAnySuffix.isEmpty || !f.matchAnySubstring.isEmpty {
                out.keyNameConstraint = KeyNameConstraint(
                    matchAnyPrefix: f.matchAnyPrefix.isEmpty ? nil : f.matchAnyPrefix,
                    matchAnySuffix: f.matchAnySuffix.isEmpty ? nil : f.matchAnySuffix,
                    matchAnySubstring: f.matchAnySubstring.isEmpty ? nil : f.matchAnySubstring)
            }
            out.objectSizeGreaterThanBytes = f.objectSizeGreaterThanBytes.map { Int64($0) }
            out.objectSizeLessThanBytes = f.objectSizeLessThanBytes.map { Int64($0) }
            out.matchAnyStorageClass = f.matchAnyStorageClass.isEmpty
                ? nil : f.matchAnyStorageClass.compactMap { S3StorageClass(rawValue: $0.rawValue) }
            filter = out
        }
        var output: S3ManifestOutputLocation?
        if let o = g.manifestOutput {
            var encryption: GeneratedManifestEncryption?
            switch o.encryption {
            case .sseS3?: encryption = GeneratedManifestEncryption(sses3: SSES3Encryption())
            case .sseKMS(let keyId)?: encryption = GeneratedManifestEncryption(ssekms: SSEKMSEncryption(keyId: keyId))
            case nil: break
            }
            output = S3ManifestOutputLocation(
                expectedManifestBucketOwner: o.expectedBucketOwner, bucket: o.bucket, manifestPrefix: o.prefix,
                manifestEncryption: encryption)
        }
        return S3JobManifestGenerator(
            expectedBucketOwner: g.expectedBucketOwner, sourceBucket: g.sourceBucket, manifestOutputLocation: output,
            filter: filter, enableManifestOutput: output != nil)
    }
}
