public import BopsJobs
public import Foundation

/// PutObjectLegalHold, PutObjectRetention and PutObjectAcl on one stored version, with the rules
/// the jobs enforce (the same executors run here): an Object Lock bucket for the first two, and a
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
