public import BopsJobs
public import FoundationEssentials

/// One entry of a key's version history: an object version or a delete marker.
public struct VersionEntry: Sendable, Hashable {
    /// The version (for a delete marker: its key, version id, date and `isLatest`; size 0).
    public var info: ObjectInfo
    public var isDeleteMarker: Bool
}

/// What a DeleteObject did: the version id it removed or the delete marker it added (`"null"` for
/// the null version; `nil` in a bucket that was never versioned), and whether that is a marker.
public struct DeleteOutcome: Sendable, Hashable {
    public var versionId: String?
    public var deleteMarker: Bool
}

/// S3's versioning on the local store: delete markers, deleting one version, version listings,
/// ranged reads and deleting a bucket.
extension LocalStore {
    /// Every version and delete marker under `prefix`, sorted by key then newest first.
    public func listVersionEntries(bucket: String, prefix: String? = nil) throws -> [VersionEntry] {
        let state = try refreshed(bucket)
        return mutex.withLock {
            state.objects.keys.filter { prefix == nil || $0.hasPrefix(prefix!) }.sorted().flatMap { key in
                let versions = state.objects[key] ?? []
                return versions.indices.reversed().map { i in
                    var info = versions[i].info
                    info.isLatest = i == versions.count - 1
                    return VersionEntry(info: info, isDeleteMarker: versions[i].isDeleteMarker)
                }
            }
        }
    }

    /// The entry `versionId` names (the latest when `nil`, `"null"` the null version), delete
    /// markers included; `nil` when there is none. Throws `NoSuchBucket`.
    public func versionEntry(bucket: String, key: String, versionId: String?) throws -> VersionEntry? {
        let state = try refreshed(bucket)
        return mutex.withLock {
            guard let found = state.entry(key: key, versionId: versionId) else { return nil }
            var info = found.info
            info.isLatest = state.objects[key]?.last?.info.versionId == found.info.versionId
            return VersionEntry(info: info, isDeleteMarker: found.isDeleteMarker)
        }
    }

    /// An object version and the bytes `first...last` of it (the whole object when `range` is
    /// `nil`), checked as ``readObject(bucket:key:versionId:now:)`` checks it.
    public func readObject(
        bucket: String, key: String, versionId: String?, range: ClosedRange<Int64>?, now: Date = Date()
    ) throws -> (info: ObjectInfo, body: [UInt8]) {
        let version = try lookup(bucket: bucket, key: key, versionId: versionId, refresh: true)
        try Self.checkReadable(version.info, now: now)
        guard let range else { return (version.info, try readBlob(bucket, version)) }
        if version.isZeroFilled {
            let count = max(0, min(version.info.size, range.upperBound + 1) - range.lowerBound)
            return (version.info, [UInt8](repeating: 0, count: Int(count)))
        }
        let body = try FileIO.read(
            blobPath(bucket, version.blob), offset: Int(range.lowerBound), count: Int(range.count))
        return (version.info, body)
    }

    /// DeleteObject as S3 does it. With `versionId`, that version (or delete marker) is removed for
    /// good (nothing to remove is not an error). Without, the latest version must match `ifMatch`
    /// when given, then: a versioned bucket gets a delete marker as its latest entry (a suspended
    /// one as its null version), an unversioned bucket loses the object.
    ///
    /// A version under Object Lock (legal hold, unexpired COMPLIANCE retention, or GOVERNANCE
    /// retention without `bypassGovernance`) is not removed: 403 `AccessDenied`.
    public func deleteObject(
        bucket: String, key: String, versionId: String?, ifMatch: String?, bypassGovernance: Bool = false,
        now: Date = Date()
    ) throws -> DeleteOutcome {
        try lock.withLock {
            let current = try catchUpLocked(bucket)
            if let versionId {
                let found = mutex.withLock { current.entry(key: key, versionId: versionId) }
                guard let found else { return DeleteOutcome(versionId: versionId, deleteMarker: false) }
                if !found.isDeleteMarker {
                    try Self.checkNotLocked(found.info, bypassGovernance: bypassGovernance, now: now)
                }
                try appendLocked(bucket, state: current, records: [LogRecord(op: .remove, object: found)])
                return DeleteOutcome(versionId: versionId, deleteMarker: found.isDeleteMarker)
            }
            let (latest, versioning) = mutex.withLock {
                (current.version(key: key, versionId: nil), current.config.versioning)
            }
            try Self.check(latest?.info, bucket: bucket, key: key, ifMatch: ifMatch, ifNoneMatch: nil)
            guard let versioning else {
                guard let latest else { return DeleteOutcome(versionId: nil, deleteMarker: false) }
                try appendLocked(bucket, state: current, records: [LogRecord(op: .delete, object: latest)])
                return DeleteOutcome(versionId: nil, deleteMarker: false)
            }
            let id = versioning == .enabled ? Self.randomId(alphabet: Self.base62, count: 32) : nil
            let marker = StoredVersion(
                info: ObjectInfo(
                    bucket: bucket, key: key, versionId: id, eTag: "", size: 0, lastModified: now),
                blob: "", deleteMarker: true)
            try appendLocked(bucket, state: current, records: [LogRecord(op: .put, object: marker)])
            return DeleteOutcome(versionId: id ?? "null", deleteMarker: true)
        }
    }

    /// 403 `AccessDenied` when Object Lock protects `info` from deletion at `now`.
    static func checkNotLocked(_ info: ObjectInfo, bypassGovernance: Bool, now: Date) throws {
        var locked = info.objectLockLegalHoldStatus == .on
        if let until = info.objectLockRetainUntilDate, until > now {
            locked = locked || info.objectLockMode == .compliance || !bypassGovernance
        }
        if locked {
            throw EngineError(
                code: EngineError.accessDenied,
                message: "Access Denied because object protected by object lock.",
                httpStatus: 403)
        }
    }

    /// Deletes an empty bucket (no versions, no delete markers). Throws `NoSuchBucket`, or 409
    /// `BucketNotEmpty`.
    public func deleteBucket(_ bucket: String) throws {
        try lock.withLock {
            let current = try catchUpLocked(bucket)
            let empty = mutex.withLock { current.objects.values.allSatisfy(\.isEmpty) }
            guard empty else {
                throw EngineError(
                    code: "BucketNotEmpty", message: "The bucket you tried to delete is not empty",
                    httpStatus: 409)
            }
            FileIO.remove(logPath(bucket))
            mutex.withLock { forget(bucket) }
            try? FileManager.default.removeItem(atPath: bucketPath(bucket))
        }
    }
}
