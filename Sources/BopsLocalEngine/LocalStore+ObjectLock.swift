public import BopsJobs
public import FoundationEssentials

/// PutObjectLegalHold, PutObjectRetention, PutObjectAcl and RestoreObject on one stored version, with
/// the rules the jobs enforce (the same executors run here): an Object Lock bucket for the first two, and a
/// retention in force that is COMPLIANCE never weakened, GOVERNANCE only with the bypass.
extension LocalStore {
    /// Sets the legal hold of a version (the latest when `versionId` is `nil`). 400
    /// `InvalidRequest` without Object Lock on the bucket.
    public func putObjectLegalHold(
        bucket: String, key: String, versionId: String?, status: S3ObjectLockLegalHoldStatus
    ) throws {
        try applyChange(LegalHoldExecutor(store: self, status: status), bucket, key, versionId)
    }

    /// Sets (or with no date, removes) the retention of a version: 400 `InvalidArgument` for a date
    /// in the past, 403 `AccessDenied` for weakening a retention in force (see `RetentionExecutor`).
    public func putObjectRetention(
        bucket: String, key: String, versionId: String?, retention: S3Retention, bypassGovernance: Bool,
        now: Date = Date()
    ) throws {
        let op = S3SetObjectRetentionOperation(
            bypassGovernanceRetention: bypassGovernance, retention: retention)
        try applyChange(RetentionExecutor(store: self, op: op, now: now), bucket, key, versionId)
    }

    /// Replaces the ACL of a version: a canned ACL or the grants of an access control list.
    public func putObjectAcl(
        bucket: String, key: String, versionId: String?, policy: S3AccessControlPolicy
    ) throws {
        try applyChange(AclExecutor(store: self, policy: policy), bucket, key, versionId)
    }

    /// RestoreObject: starts a restore of an archived version that completes after `delay` (see
    /// `RestoreExecutor` for S3's rules: 403 `InvalidObjectState`, 400 `InvalidArgument`, 409
    /// `RestoreAlreadyInProgress`). Returns whether a restored copy was already readable (S3 then
    /// answers 200 and moves the expiry, else 202).
    @discardableResult
    public func restoreObject(
        bucket: String, key: String, versionId: String?, days: Int?, tier: S3GlacierJobTier?, delay: Duration,
        now: Date = Date()
    ) throws -> Bool {
        let before = try lookup(bucket: bucket, key: key, versionId: versionId, refresh: true).info
        let op = S3InitiateRestoreObjectOperation(expirationInDays: days, glacierJobTier: tier)
        try applyChange(RestoreExecutor(store: self, op: op, now: now, delay: delay), bucket, key, versionId)
        return before.restore != nil && before.isReadable(at: now)
    }

    private func applyChange(
        _ executor: some VersionChangeExecutor, _ bucket: String, _ key: String, _ versionId: String?
    ) throws {
        _ = try refreshed(bucket)
        let result = executor.execute(TaskRow(bucket: bucket, key: key, versionId: versionId))
        guard result.succeeded else {
            throw EngineError(code: result.errorCode, message: result.message, httpStatus: result.httpStatus)
        }
        try commit(result.records)
    }
}
