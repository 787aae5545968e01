import BopsJobs
import FoundationEssentials

/// One stored object version: what S3 reports about it, and the name of its data file. A delete
/// marker (`deleteMarker`) has no data file (`blob` is empty) and a size of 0. A zero-filled
/// version (`zeroFilled`, made by `bops local put --size`) has no data file either: its
/// `info.size` bytes read back as zeros.
struct StoredVersion: Codable, Sendable {
    var info: ObjectInfo
    var blob: String
    var deleteMarker: Bool?
    var zeroFilled: Bool?

    init(info: ObjectInfo, blob: String, deleteMarker: Bool? = nil, zeroFilled: Bool? = nil) {
        self.info = info
        self.blob = blob
        self.deleteMarker = deleteMarker
        self.zeroFilled = zeroFilled
    }

    var isDeleteMarker: Bool { deleteMarker == true }
    var isZeroFilled: Bool { zeroFilled == true }

    enum CodingKeys: String, CodingKey {
        case info, blob
        case deleteMarker = "delete_marker"
        case zeroFilled = "zero_filled"
    }
}

/// A bucket's settings as recorded in its log.
struct BucketConfig: Codable, Sendable, Hashable {
    var creationDate: Date
    var versioning: VersioningStatus?
    var objectLock: Bool
    var replication: ReplicationConfiguration?
    /// The account that created the bucket; `nil`: the store's default account (stores written
    /// before buckets had owners, and every bucket `bops local` makes).
    var owner: String?
    /// The bucket policy's text as put (it parsed as a resource-based policy).
    var policy: String?
    /// The Object Lock default retention (Object Lock enabled).
    var defaultRetention: ObjectLockDefaultRetention?
    var publicAccessBlock: PublicAccessBlock?
    var lifecycle: [LifecycleRule]?
    /// The S3 Inventory configurations, by their order of creation.
    var inventory: [InventoryConfiguration]?
    /// The default encryption (stored and answered; writes without SSE headers get SSE-S3 as before).
    var encryption: BucketEncryption?

    enum CodingKeys: String, CodingKey {
        case versioning, replication, owner, policy, lifecycle, inventory, encryption
        case creationDate = "creation_date"
        case objectLock = "object_lock"
        case defaultRetention = "default_retention"
        case publicAccessBlock = "public_access_block"
    }
}

/// One line of a bucket's log (`buckets/<name>/log`, JSON lines, append-only).
///
/// `put` is a new write of a version: it becomes the latest, and replaces an existing version
/// with the same id (the `null` version of unversioned writes). `meta` replaces a version's record
/// in place (tags, replication status). `config` replaces the bucket settings. `delete` removes the
/// key with every version; `remove` removes the one version (or delete marker) it names.
struct LogRecord: Codable, Sendable {
    enum Op: String, Codable { case put, meta, config, delete, remove }
    var op: Op
    var object: StoredVersion?
    var config: BucketConfig?
}

/// A bucket as seen through its log: settings and every version of every key (oldest first).
final class BucketState: @unchecked Sendable {
    var config: BucketConfig
    var objects: [String: [StoredVersion]] = [:]
    var offset = 0

    init(config: BucketConfig) { self.config = config }

    /// Applies one record; returns data files no version uses any more.
    func apply(_ record: LogRecord) -> [String] {
        switch record.op {
        case .config:
            if let c = record.config { config = c }
            return []
        case .put:
            guard let v = record.object else { return [] }
            var versions = objects[v.info.key] ?? []
            var dropped: [String] = []
            if let i = versions.firstIndex(where: { $0.info.versionId == v.info.versionId }) {
                if versions[i].blob != v.blob && !versions[i].blob.isEmpty {
                    dropped.append(versions[i].blob)
                }
                versions.remove(at: i)
            }
            versions.append(v)
            objects[v.info.key] = versions
            return dropped
        case .delete:
            guard let v = record.object else { return [] }
            return (objects.removeValue(forKey: v.info.key) ?? []).map(\.blob).filter { !$0.isEmpty }
        case .remove:
            guard let v = record.object, var versions = objects[v.info.key],
                let i = versions.firstIndex(where: { $0.info.versionId == v.info.versionId })
            else { return [] }
            let gone = versions.remove(at: i)
            objects[v.info.key] = versions.isEmpty ? nil : versions
            return gone.blob.isEmpty ? [] : [gone.blob]
        case .meta:
            guard let v = record.object, var versions = objects[v.info.key],
                let i = versions.firstIndex(where: { $0.info.versionId == v.info.versionId })
            else { return [] }
            versions[i] = v
            objects[v.info.key] = versions
            return []
        }
    }

    /// The object version asked for (the latest when `versionId` is nil; `"null"` names the null
    /// version); `nil` when it is missing or a delete marker.
    func version(key: String, versionId: String?) -> StoredVersion? {
        guard let found = entry(key: key, versionId: versionId), !found.isDeleteMarker else { return nil }
        return found
    }

    /// Like ``version(key:versionId:)``, delete markers included.
    func entry(key: String, versionId: String?) -> StoredVersion? {
        guard let versions = objects[key], !versions.isEmpty else { return nil }
        guard let versionId else { return versions.last }
        let wanted: String? = versionId == "null" ? nil : versionId
        return versions.last { $0.info.versionId == wanted }
    }
}
