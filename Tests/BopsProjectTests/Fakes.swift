import BopsJobs
import Foundation

/// An object store in memory: buckets with versioning, replication and Object Lock settings, and
/// objects by key. Unknown buckets answer as S3 does (`NoSuchBucket`).
final class MemoryObjectStore: ObjectStore, @unchecked Sendable {
    struct Bucket {
        var versioning: VersioningStatus?
        var replication: ReplicationConfiguration?
        var objectLock = false
        var objects: [String: ObjectInfo] = [:]
        var policy: String?
        var defaultRetention: ObjectLockDefaultRetention?
        var publicAccessBlock: PublicAccessBlock?
        var lifecycle: [LifecycleRule]?
        var inventory: [InventoryConfiguration] = []
        var encryption: BucketEncryption?
        /// The owning account; `nil`: whoever asks.
        var owner: String?
        /// Whether the store can tell who owns the bucket.
        var ownerKnown = true
        /// Reads of the default encryption alone answer 403 AccessDenied.
        var encryptionDenied = false
        /// Reads of the policy, Block Public Access and lifecycle answer 403 AccessDenied.
        var settingsDenied = false
        var region: String?
    }

    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    func make(
        _ name: String, versioning: VersioningStatus? = nil, replication: Bool = false,
        objectLock: Bool = false
    ) {
        let configuration = ReplicationConfiguration(
            role: "arn:aws:iam::111122223333:role/r",
            rules: [
                ReplicationRule(
                    status: .enabled, destination: ReplicationDestination(bucket: "arn:aws:s3:::dr"))
            ])
        lock.withLock {
            buckets[name] = Bucket(
                versioning: versioning, replication: replication ? configuration : nil, objectLock: objectLock
            )
        }
    }

    /// Changes a bucket's settings (policy, retention, Block Public Access, lifecycle).
    func configure(_ name: String, _ change: (inout Bucket) -> Void) {
        lock.withLock {
            guard var b = buckets[name] else { return }
            change(&b)
            buckets[name] = b
        }
    }

    func put(bucket: String, key: String, eTag: String) {
        let info = ObjectInfo(bucket: bucket, key: key, eTag: eTag, size: 1, lastModified: Date())
        lock.withLock { buckets[bucket]?.objects[key] = info }
    }

    /// An object of `size` bytes in `storageClass`, without a body (HEAD and listings only).
    func put(bucket: String, key: String, size: Int64, storageClass: ObjectStorageClass = .standard) {
        let info = ObjectInfo(
            bucket: bucket, key: key, eTag: "\"\(size)\"", size: size, lastModified: Date(),
            storageClass: storageClass)
        lock.withLock {
            buckets[bucket]?.objects[key] = info
        }
    }

    /// An object with `bytes` as its body (HEAD, GET and listings).
    func put(bucket: String, key: String, bytes: [UInt8]) {
        let info = ObjectInfo(
            bucket: bucket, key: key, eTag: "\"etag-\(bytes.count)\"", size: Int64(bytes.count),
            lastModified: Date())
        lock.withLock {
            buckets[bucket]?.objects[key] = info
            bodies[bucket + "/" + key] = bytes
        }
    }

    /// HEADs answered so far.
    private(set) var heads = 0

    private func bucket(_ name: String) throws -> Bucket {
        guard let found = lock.withLock({ buckets[name] }) else { throw EngineError.noSuchBucket(name) }
        return found
    }

    func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String?
    ) async throws -> ObjectInfo {
        _ = try self.bucket(bucket)
        let info = ObjectInfo(
            bucket: bucket, key: key, eTag: "\"etag-\(body.count)\"", size: Int64(body.count),
            lastModified: Date())
        lock.withLock {
            buckets[bucket]?.objects[key] = info
            bodies[bucket + "/" + key] = body
        }
        return info
    }

    /// The bodies of objects put with ``putObject(bucket:key:body:contentType:)``.
    private var bodies: [String: [UInt8]] = [:]

    func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectInfo? {
        lock.withLock { heads += 1 }
        return try self.bucket(bucket).objects[key]
    }

    func getObject(bucket: String, key: String, versionId: String?) async throws -> [UInt8] {
        guard try self.bucket(bucket).objects[key] != nil else {
            throw EngineError.noSuchKey(bucket: bucket, key: key)
        }
        return lock.withLock { bodies[bucket + "/" + key] } ?? []
    }

    func listObjects(bucket: String, prefix: String?) async throws -> [ObjectInfo] {
        try self.bucket(bucket).objects.values.filter { $0.key.hasPrefix(prefix ?? "") }.sorted {
            $0.key < $1.key
        }
    }

    func bucketExists(_ bucket: String) async throws -> Bool {
        lock.withLock { buckets[bucket] != nil }
    }

    func bucketVersioning(bucket: String) async throws -> VersioningStatus? {
        try self.bucket(bucket).versioning
    }

    func replicationConfiguration(bucket: String) async throws -> ReplicationConfiguration? {
        try self.bucket(bucket).replication
    }

    func objectLockEnabled(bucket: String) async throws -> Bool {
        try self.bucket(bucket).objectLock
    }

    func bucketPolicy(bucket: String) async throws -> String? {
        try settings(bucket).policy
    }

    private func settings(_ name: String) throws -> Bucket {
        let b = try self.bucket(name)
        if b.settingsDenied {
            throw EngineError(code: EngineError.accessDenied, message: "Access Denied", httpStatus: 403)
        }
        return b
    }

    func objectLockConfiguration(bucket: String) async throws -> ObjectLockConfiguration? {
        let b = try self.bucket(bucket)
        return b.objectLock ? ObjectLockConfiguration(defaultRetention: b.defaultRetention) : nil
    }

    func publicAccessBlock(bucket: String) async throws -> PublicAccessBlock? {
        try settings(bucket).publicAccessBlock
    }

    func lifecycleRules(bucket: String) async throws -> [LifecycleRule]? {
        try settings(bucket).lifecycle
    }

    func inventoryConfiguration(bucket: String, id: String) async throws -> InventoryConfiguration? {
        try settings(bucket).inventory.first { $0.id == id }
    }

    func inventoryConfigurations(bucket: String) async throws -> [InventoryConfiguration] {
        try settings(bucket).inventory
    }

    func bucketOwnership(bucket: String, account: String) async throws -> BucketOwnership {
        let b = try self.bucket(bucket)
        guard b.ownerKnown else { return .unknown }
        guard let owner = b.owner, owner != account else { return .owned }
        return .other(owner)
    }

    func bucketEncryption(bucket: String) async throws -> BucketEncryption? {
        let b = try settings(bucket)
        if b.encryptionDenied {
            throw EngineError(code: EngineError.accessDenied, message: "Access Denied", httpStatus: 403)
        }
        return b.encryption
    }

    func bucketRegion(bucket: String) async throws -> String? {
        try settings(bucket).region
    }
}

/// A jobs engine that knows no job and counts the calls it gets.
final class CountingJobsEngine: JobsEngine, @unchecked Sendable {
    let name: String
    private let lock = NSLock()
    private var count = 0

    init(_ name: String) { self.name = name }

    var calls: Int { lock.withLock { count } }

    private func call() -> EngineError {
        lock.withLock { count += 1 }
        return EngineError.noSuchJob("unknown")
    }

    func createJob(_ request: CreateJobRequest) async throws -> String { throw call() }
    func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor { throw call() }
    func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) async throws -> (jobs: [JobListDescriptor], nextToken: String?) {
        _ = call()
        return ([], nil)
    }
    func updateJobStatus(
        accountId: String, jobId: String, to: RequestedJobStatus, reason: String?
    ) async throws -> (status: JobStatus, reason: String?) {
        throw call()
    }
    func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws { throw call() }
    func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag] { throw call() }
    func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) async throws { throw call() }
    func deleteJobTagging(accountId: String, jobId: String) async throws { throw call() }
}
