import BopsJobs
import FoundationEssentials

/// What one task did: its outcome for the report, and the store records to commit with its batch.
struct TaskResult: Sendable {
    var succeeded: Bool
    var httpStatus: Int
    var errorCode: String
    var message: String
    var records: [(bucket: String, record: LogRecord)] = []

    static func success(
        _ records: [(bucket: String, record: LogRecord)], message: String = "Successful"
    ) -> TaskResult {
        TaskResult(succeeded: true, httpStatus: 200, errorCode: "", message: message, records: records)
    }

    static func failure(_ e: any Error) -> TaskResult {
        if let e = e as? EngineError {
            return TaskResult(
                succeeded: false, httpStatus: e.httpStatus ?? 500, errorCode: e.code, message: e.message)
        }
        return TaskResult(succeeded: false, httpStatus: 500, errorCode: "InternalError", message: "\(e)")
    }
}

/// Runs one operation on one manifest row against the store.
protocol TaskExecutor: Sendable {
    func execute(_ row: TaskRow) -> TaskResult
}

func taskError(_ code: String, _ message: String, _ status: Int) -> EngineError {
    EngineError(code: code, message: message, httpStatus: status)
}

/// `S3PutObjectCopy`: the copy semantics documented on ``S3CopyObjectOperation``.
struct CopyExecutor: TaskExecutor {
    let store: LocalStore
    let op: S3CopyObjectOperation
    let target: String
    let now: Date

    func execute(_ row: TaskRow) -> TaskResult {
        do {
            return .success(try copy(row))
        } catch {
            return .failure(error)
        }
    }

    func destinationKey(_ key: String) -> String {
        guard let prefix = op.targetKeyPrefix, !prefix.isEmpty else { return key }
        return prefix.hasSuffix("/") ? prefix + key : prefix + "/" + key
    }

    func copy(_ row: TaskRow) throws -> [(bucket: String, record: LogRecord)] {
        let source = try store.lookup(
            bucket: row.bucket, key: row.key, versionId: row.versionId, refresh: false)
        let src = source.info
        if let since = op.modifiedSinceConstraint, src.lastModified <= since {
            throw taskError(
                "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold (not modified since "
                    + JobJSON.format(since) + ")", 412)
        }
        if let since = op.unModifiedSinceConstraint, src.lastModified > since {
            throw taskError(
                "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold (modified since "
                    + JobJSON.format(since) + ")", 412)
        }
        let destState = try store.refreshed(target)
        let destConfig = try store.config(target)
        let wantsLock =
            op.objectLockMode != nil || op.objectLockLegalHoldStatus != nil
            || op.objectLockRetainUntilDate != nil
        if wantsLock && !destConfig.objectLock {
            throw taskError("InvalidRequest", "Bucket is missing Object Lock Configuration", 400)
        }
        try LocalStore.checkReadable(src, now: now)
        try CopySourceLimit.check(size: src.size)
        let storageClass =
            LocalARN.isDirectoryBucket(op.targetResource ?? "")
            ? LocalARN.directoryBucketStorageClass : op.storageClass.map(ObjectStorageClass.init) ?? .standard
        var info = ObjectInfo(
            bucket: target, key: destinationKey(row.key), versionId: store.newVersionId(destState),
            eTag: src.eTag,
            size: src.size, lastModified: now, storageClass: storageClass,
            metadata: metadata(src), tags: tags(src), acl: acl(), serverSideEncryption: encryption(),
            checksum: src.checksum, objectLockMode: op.objectLockMode,
            objectLockRetainUntilDate: op.objectLockRetainUntilDate,
            objectLockLegalHoldStatus: op.objectLockLegalHoldStatus)
        info.partSizes = src.partSizes
        // A zero-filled source is copied without its bytes unless a checksum must be computed.
        let body =
            source.isZeroFilled && op.checksumAlgorithm == nil ? nil : try store.readBlob(row.bucket, source)
        if let algorithm = op.checksumAlgorithm, let body {
            info.checksum = Checksums.compute(algorithm, body)
        }
        if let redirect = op.redirectLocation { info.metadata.websiteRedirectLocation = redirect }
        return [(target, try store.stage(info, dataOf: source) { body ?? [] })]
    }

    /// `REPLACE` (or no directive with `NewObjectMetadata` given) takes the new metadata; `COPY`
    /// keeps the source's.
    func metadata(_ src: ObjectInfo) -> ObjectMetadata {
        let replace =
            op.metadataDirective == .replace || (op.metadataDirective == nil && op.newObjectMetadata != nil)
        guard replace else { return src.metadata }
        let m = op.newObjectMetadata ?? S3ObjectMetadata()
        return ObjectMetadata(
            contentType: m.contentType ?? "binary/octet-stream", cacheControl: m.cacheControl,
            contentDisposition: m.contentDisposition, contentEncoding: m.contentEncoding,
            contentLanguage: m.contentLanguage, expires: m.httpExpiresDate,
            userMetadata: m.userMetadata ?? [:])
    }

    /// `nil` copies the source tags, `[]` removes them, a list replaces them.
    func tags(_ src: ObjectInfo) -> [S3Tag] { op.newObjectTagging ?? src.tags ?? [] }

    /// A copy never inherits the source ACL: canned ACL or grants, else `private`.
    func acl() -> ObjectACL {
        if let grants = op.accessControlGrants, !grants.isEmpty { return ObjectACL(grants: grants) }
        return ObjectACL(canned: op.cannedAccessControlList ?? .private)
    }

    /// SSE-KMS when a key or `KMS` is asked for, else SSE-S3 (S3's default encryption).
    func encryption() -> ServerSideEncryption {
        if op.sseAwsKmsKeyId != nil || op.newObjectMetadata?.sseAlgorithm == .kms {
            return ServerSideEncryption(
                algorithm: "aws:kms", kmsKeyId: op.sseAwsKmsKeyId ?? "aws/s3",
                bucketKeyEnabled: op.bucketKeyEnabled)
        }
        return ServerSideEncryption(algorithm: "AES256", bucketKeyEnabled: op.bucketKeyEnabled)
    }
}

/// `S3ReplicateObject`: copies the version (same version id, metadata, tags, ACL, last-modified) to
/// the destination of every matching enabled rule of the source bucket (the highest-priority
/// rule per destination), marks the replica `REPLICA` and the source `COMPLETED`.
struct ReplicateExecutor: TaskExecutor {
    let store: LocalStore

    func execute(_ row: TaskRow) -> TaskResult {
        do {
            return .success(try replicate(row))
        } catch {
            return .failure(error)
        }
    }

    func replicate(_ row: TaskRow) throws -> [(bucket: String, record: LogRecord)] {
        let source = try store.lookup(
            bucket: row.bucket, key: row.key, versionId: row.versionId, refresh: false)
        guard let configuration = try store.config(row.bucket).replication else {
            throw taskError(
                "ReplicationConfigurationNotFoundError",
                "The replication configuration was not found for bucket \(row.bucket)", 404)
        }
        let rules = configuration.rules(matchingKey: row.key, tags: source.info.tags ?? [])
        guard !rules.isEmpty else {
            throw taskError(
                "InvalidRequest",
                "No enabled replication rule of bucket \(row.bucket) applies to this object", 400)
        }
        var destinations: [(String, ReplicationRule)] = []
        for rule in rules {
            guard let bucket = S3ARN.bucket(rule.destination.bucket) else {
                throw taskError(
                    "InvalidRequest", "Bad destination bucket ARN \(rule.destination.bucket)", 400)
            }
            if !destinations.contains(where: { $0.0 == bucket }) { destinations.append((bucket, rule)) }
        }
        var body: [UInt8]?
        let data = { () throws -> [UInt8] in
            if let body { return body }
            body = try store.readBlob(row.bucket, source)
            return body ?? []
        }
        var records: [(bucket: String, record: LogRecord)] = []
        for (bucket, rule) in destinations {
            let config = try store.config(bucket)
            guard config.versioning == .enabled else {
                throw taskError(
                    "InvalidRequest",
                    "Destination bucket \(bucket) must have versioning enabled for replication", 400)
            }
            var replica = source.info
            replica.bucket = bucket
            replica.storageClass =
                rule.destination.storageClass.map(ObjectStorageClass.init(rawValue:))
                ?? source.info.storageClass
            replica.replicationStatus = .replica
            records.append((bucket, try store.stage(replica, dataOf: source, body: data)))
        }
        var marked = source
        marked.info.replicationStatus = .completed
        records.append((row.bucket, LogRecord(op: .meta, object: marked)))
        return records
    }
}
