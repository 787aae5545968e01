import BopsJobs
import FoundationEssentials

/// `S3InitiateRestoreObject` (RestoreObject), with S3's rules:
/// - only archived objects can be restored (403 `InvalidObjectState` for any other);
/// - GLACIER and DEEP_ARCHIVE objects need `ExpirationInDays` of at least 1; objects in an
///   Intelligent-Tiering archive tier must not have it (both 400 `InvalidArgument`);
/// - a restore still running cannot be asked for again (409 `RestoreAlreadyInProgress`); a
///   completed one gets its expiry moved (as S3 does).
///
/// The restore completes `delay` after the task ran. The temporary copy expires at midnight UTC
/// after completion + `ExpirationInDays` (S3 rounds up to the next day); an Intelligent-Tiering
/// object moves back to an access tier for good.
struct RestoreExecutor: VersionChangeExecutor {
    let store: LocalStore
    let op: S3InitiateRestoreObjectOperation
    let now: Date
    let delay: Duration

    func change(_ info: inout ObjectInfo) throws {
        guard info.isArchived else {
            throw taskError(
                "InvalidObjectState",
                "Restore is not allowed for the object's current storage class (\(info.storageClass))", 403)
        }
        let intelligentTiering = info.storageClass == .intelligentTiering
        if intelligentTiering && op.expirationInDays != nil {
            throw taskError(
                "InvalidArgument",
                "ExpirationInDays must not be set for objects in an Intelligent-Tiering archive tier", 400)
        }
        if !intelligentTiering && (op.expirationInDays ?? 0) < 1 {
            throw taskError(
                "InvalidArgument",
                "ExpirationInDays of at least 1 is required to restore a \(info.storageClass) object", 400)
        }
        if let restore = info.restore, restore.isOngoing(at: now) {
            throw taskError("RestoreAlreadyInProgress", "Object restore is already in progress", 409)
        }
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        let restored = info.restore.flatMap { info.isReadable(at: now) ? $0.completesAt : nil }
        let completes = restored ?? now.addingTimeInterval(seconds)
        let expiry = op.expirationInDays.map { Self.expiry(max(completes, now), days: $0) }
        info.restore = ObjectRestore(completesAt: completes, expiryDate: expiry, tier: op.glacierJobTier)
    }

    /// Midnight UTC after `date` + `days`.
    static func expiry(_ date: Date, days: Int) -> Date {
        let end = date.addingTimeInterval(Double(days) * 86_400).timeIntervalSince1970
        return Date(timeIntervalSince1970: (end / 86_400).rounded(.down) * 86_400 + 86_400)
    }
}
