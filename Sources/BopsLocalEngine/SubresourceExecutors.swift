import BopsJobs
import Foundation

/// The changes of one stored version in place (tags, ACL, Object Lock, restore, encryption): the
/// data, ETag, version id and last-modified time stay as they are.
func updatedVersion(
    _ store: LocalStore, _ row: TaskRow, _ change: (inout ObjectInfo) throws -> Void
) throws -> [(bucket: String, record: LogRecord)] {
    var version = try store.lookup(bucket: row.bucket, key: row.key, versionId: row.versionId, refresh: false)
    try change(&version.info)
    return [(row.bucket, LogRecord(op: .meta, object: version))]
}

/// `S3PutObjectTagging` (PutObjectTagging: `tags` replaces the whole tag set) and
/// `S3DeleteObjectTagging` (`tags` empty: the object has no tags afterwards).
struct TaggingExecutor: TaskExecutor {
    let store: LocalStore
    let tags: [S3Tag]

    func execute(_ row: TaskRow) -> TaskResult {
        do {
            return .success(try updatedVersion(store, row) { $0.tags = tags })
        } catch {
            return .failure(error)
        }
    }
}

/// `S3PutObjectAcl` (PutObjectAcl): a canned ACL, or the grants of an access control list with its
/// owner; either replaces the object's whole ACL.
struct AclExecutor: TaskExecutor {
    let store: LocalStore
    let policy: S3AccessControlPolicy

    func execute(_ row: TaskRow) -> TaskResult {
        do {
            return .success(try updatedVersion(store, row) { $0.acl = acl })
        } catch {
            return .failure(error)
        }
    }

    var acl: ObjectACL {
        if let list = policy.accessControlList {
            return ObjectACL(grants: list.grants ?? [], owner: list.owner)
        }
        return ObjectACL(canned: policy.cannedAccessControlList ?? .private)
    }
}
