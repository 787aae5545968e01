import BopsJobs
import FoundationEssentials

/// An executor that changes one stored version in place (tags, ACL, Object Lock, restore,
/// encryption): the data, ETag, version id and last-modified time stay as they are. A failure of
/// `precondition` or `change` fails the task with its error and leaves the version unchanged.
protocol VersionChangeExecutor: TaskExecutor {
    var store: LocalStore { get }
    /// What must hold in the task's bucket before any change (none by default).
    func precondition(bucket: String) throws
    func change(_ info: inout ObjectInfo) throws
}

extension VersionChangeExecutor {
    func precondition(bucket: String) throws {}

    func execute(_ row: TaskRow) -> TaskResult {
        do {
            try precondition(bucket: row.bucket)
            var version = try store.lookup(
                bucket: row.bucket, key: row.key, versionId: row.versionId, refresh: false)
            try change(&version.info)
            return .success([(row.bucket, LogRecord(op: .meta, object: version))])
        } catch {
            return .failure(error)
        }
    }
}

/// `S3PutObjectTagging` (PutObjectTagging: `tags` replaces the whole tag set) and
/// `S3DeleteObjectTagging` (`tags` empty: the object has no tags afterwards).
struct TaggingExecutor: VersionChangeExecutor {
    let store: LocalStore
    let tags: [S3Tag]

    func change(_ info: inout ObjectInfo) { info.tags = tags }
}

/// `S3PutObjectAcl` (PutObjectAcl): a canned ACL, or the grants of an access control list with its
/// owner; either replaces the object's whole ACL.
struct AclExecutor: VersionChangeExecutor {
    let store: LocalStore
    let policy: S3AccessControlPolicy

    func change(_ info: inout ObjectInfo) { info.acl = acl }

    var acl: ObjectACL {
        if let list = policy.accessControlList {
            return ObjectACL(grants: list.grants ?? [], owner: list.owner)
        }
        return ObjectACL(canned: policy.cannedAccessControlList ?? .private)
    }
}
