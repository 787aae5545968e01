import BopsJobs
import FoundationEssentials

/// 400 `InvalidRequest` unless the bucket has Object Lock, as PutObjectLegalHold and
/// PutObjectRetention answer.
func requireObjectLock(_ store: LocalStore, _ bucket: String) throws {
    guard try store.config(bucket).objectLock else {
        throw taskError("InvalidRequest", "Bucket is missing Object Lock Configuration", 400)
    }
}

/// `S3PutObjectLegalHold` (PutObjectLegalHold): sets the legal hold `ON` or `OFF`.
struct LegalHoldExecutor: VersionChangeExecutor {
    let store: LocalStore
    let status: S3ObjectLockLegalHoldStatus

    func precondition(bucket: String) throws { try requireObjectLock(store, bucket) }

    func change(_ info: inout ObjectInfo) { info.objectLockLegalHoldStatus = status }
}

/// `S3PutObjectRetention` (PutObjectRetention), with S3's rules:
/// - the new retain-until date must be in the future (400 `InvalidArgument`);
/// - a COMPLIANCE retention in force can be extended, never shortened, removed or turned into
///   GOVERNANCE (403 `AccessDenied`);
/// - a GOVERNANCE retention in force can be shortened or removed only with
///   `BypassGovernanceRetention` (403 `AccessDenied` otherwise); it can become COMPLIANCE.
///
/// A retention whose date has passed is no longer in force.
struct RetentionExecutor: VersionChangeExecutor {
    let store: LocalStore
    let op: S3SetObjectRetentionOperation
    let now: Date

    func precondition(bucket: String) throws { try requireObjectLock(store, bucket) }

    func change(_ info: inout ObjectInfo) throws {
        let mode = op.retention.mode
        let date = op.retention.retainUntilDate
        if let date, date <= now {
            throw taskError(
                "InvalidArgument", "The retain until date must be in the future: \(JobJSON.format(date))", 400
            )
        }
        if let current = info.objectLockMode, let until = info.objectLockRetainUntilDate, until > now {
            let weakens =
                date == nil || date! < until || (current == .compliance && mode == .governance)
            if weakens {
                switch current {
                case .compliance:
                    throw taskError(
                        "AccessDenied",
                        "Access Denied: COMPLIANCE retention until \(JobJSON.format(until)) cannot be "
                            + "shortened, removed or changed to GOVERNANCE", 403)
                case .governance where op.bypassGovernanceRetention != true:
                    throw taskError(
                        "AccessDenied",
                        "Access Denied: GOVERNANCE retention until \(JobJSON.format(until)) can be "
                            + "shortened or removed only with BypassGovernanceRetention", 403)
                case .governance:
                    break
                }
            }
        }
        info.objectLockMode = date == nil ? nil : mode
        info.objectLockRetainUntilDate = mode == nil ? nil : date
    }
}
