import BopsEncoding
public import BopsJobs
import BopsPrimitives
import Crypto
public import FoundationEssentials

/// The local engine's on-disk object store.
///
/// Layout under `root`:
/// - `buckets/<name>/log`: the bucket's settings and object versions, one JSON record per line,
///   append-only (see `LogRecord`). A torn last line left by a crash is ignored and cut off by the
///   next writer.
/// - `buckets/<name>/data/<xx>/<blob>`: one immutable data file per object version.
/// - `lock`: the cross-process lock every mutation holds.
///
/// Other processes' writes are seen on the next call (each call catches up with the log).
/// Methods throw ``EngineError`` with S3's codes (`NoSuchBucket`, `NoSuchKey`, `BucketAlreadyExists`,
/// `InvalidBucketName`, `InvalidRequest`).
public final class LocalStore: ObjectStore, @unchecked Sendable {
    public let root: String
    let lock: FileLock
    let mutex = Lock()
    private var buckets: [String: BucketState] = [:]

    /// Opens (creating when needed) a store under `root`.
    public init(root: String) throws {
        self.root = root
        try FileIO.makeDirectory(root + "/buckets")
        lock = FileLock(path: root + "/lock")
    }

    func bucketPath(_ bucket: String) -> String { root + "/buckets/" + bucket }
    func logPath(_ bucket: String) -> String { bucketPath(bucket) + "/log" }
    func blobPath(_ bucket: String, _ blob: String) -> String {
        bucketPath(bucket) + "/data/" + blob.prefix(2) + "/" + blob
    }

    // MARK: Buckets

    /// Creates a bucket. Object Lock needs versioning, so `objectLock: true` enables it. `owner` is
    /// the account that creates it (`nil`: the store's default account).
    public func createBucket(
        _ name: String, versioning: VersioningStatus? = nil, objectLock: Bool = false, owner: String? = nil
    ) throws {
        guard Self.isValidBucketName(name) else {
            throw EngineError(
                code: "InvalidBucketName",
                message:
                    "The specified bucket is not valid: \(name) (3-63 of a-z 0-9 . -, starting and ending "
                    + "with a letter or digit)", httpStatus: 400)
        }
        try lock.withLock {
            guard !FileIO.exists(logPath(name)) else {
                throw EngineError(
                    code: "BucketAlreadyExists",
                    message: "The requested bucket name is not available: \(name)",
                    httpStatus: 409)
            }
            try FileIO.makeDirectory(bucketPath(name) + "/data")
            for i in 0..<256 { try FileIO.makeDirectory(bucketPath(name) + "/data/" + Self.hex2(i)) }
            let config = BucketConfig(
                creationDate: Date(), versioning: objectLock ? .enabled : versioning, objectLock: objectLock,
                replication: nil, owner: owner)
            try FileIO.append(
                try Self.encodeLine(LogRecord(op: .config, config: config)), to: logPath(name), sync: true)
        }
    }

    /// Sets versioning. Versioning can be suspended but never turned off; a bucket with Object Lock
    /// cannot suspend it.
    public func putBucketVersioning(_ bucket: String, _ status: VersioningStatus) throws {
        try updateConfig(bucket) { config in
            if config.objectLock && status == .suspended {
                throw EngineError(
                    code: "InvalidBucketState",
                    message:
                        "An Object Lock configuration is present on this bucket, so the versioning state "
                        + "cannot be changed", httpStatus: 409)
            }
            config.versioning = status
        }
    }

    /// Stores (or with `nil` removes) the bucket's replication configuration. S3 requires
    /// versioning on the source bucket.
    public func putBucketReplication(_ bucket: String, _ configuration: ReplicationConfiguration?) throws {
        try updateConfig(bucket) { config in
            if configuration != nil && config.versioning != .enabled {
                throw EngineError(
                    code: "InvalidRequest",
                    message:
                        "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
                    httpStatus: 400)
            }
            config.replication = configuration
        }
    }

    public func listBuckets() throws -> [BucketInfo] {
        try FileIO.list(root + "/buckets").compactMap { name in
            guard FileIO.exists(logPath(name)) else { return nil }
            return try bucketInfo(name)
        }
    }

    public func bucketInfo(_ name: String) throws -> BucketInfo? {
        guard FileIO.exists(logPath(name)) else { return nil }
        let state = try refreshed(name)
        return mutex.withLock {
            BucketInfo(
                name: name, creationDate: state.config.creationDate, versioning: state.config.versioning,
                objectLockEnabled: state.config.objectLock, replication: state.config.replication,
                objectCount: state.objects.count, owner: state.config.owner, policy: state.config.policy,
                defaultRetention: state.config.defaultRetention,
                publicAccessBlock: state.config.publicAccessBlock, lifecycle: state.config.lifecycle,
                inventory: state.config.inventory, encryption: state.config.encryption)
        }
    }

    func updateConfig(_ bucket: String, _ change: (inout BucketConfig) throws -> Void) throws {
        try lock.withLock {
            let state = try catchUpLocked(bucket)
            var config = mutex.withLock { state.config }
            try change(&config)
            try appendLocked(bucket, state: state, records: [LogRecord(op: .config, config: config)])
        }
    }

    // MARK: Objects

    /// Every version under `prefix` (all keys when `nil`), sorted by key then newest first; delete
    /// markers are left out (a key whose latest entry is one has no latest version).
    public func listObjectVersions(bucket: String, prefix: String? = nil) throws -> [ObjectInfo] {
        let state = try refreshed(bucket)
        return mutex.withLock {
            state.objects.keys.filter { prefix == nil || $0.hasPrefix(prefix!) }.sorted().flatMap { key in
                let versions = state.objects[key] ?? []
                return versions.indices.reversed().compactMap { i -> ObjectInfo? in
                    guard !versions[i].isDeleteMarker else { return nil }
                    var info = versions[i].info
                    info.isLatest = i == versions.count - 1
                    return info
                }
            }
        }
    }

    /// An object version and its bytes. Throws `NoSuchBucket`, `NoSuchKey` or `NoSuchVersion`, and
    /// 403 `InvalidObjectState` for an archived object (GLACIER, DEEP_ARCHIVE, an Intelligent-Tiering
    /// archive tier) whose restore has not completed at `now`, as GetObject does.
    public func readObject(
        bucket: String, key: String, versionId: String? = nil, now: Date = Date()
    ) throws -> (
        info: ObjectInfo, body: [UInt8]
    ) {
        let version = try lookup(bucket: bucket, key: key, versionId: versionId, refresh: true)
        try Self.checkReadable(version.info, now: now)
        return (version.info, try readBlob(bucket, version))
    }

    /// An object version's record without its bytes (HeadObject: archived objects included).
    /// Throws `NoSuchBucket`, `NoSuchKey` or `NoSuchVersion`.
    public func objectInfo(bucket: String, key: String, versionId: String? = nil) throws -> ObjectInfo {
        try lookup(bucket: bucket, key: key, versionId: versionId, refresh: true).info
    }

    /// 403 `InvalidObjectState` unless the data of `info` can be read at `now`.
    public static func checkReadable(_ info: ObjectInfo, now: Date) throws {
        guard info.isReadable(at: now) else {
            throw EngineError(
                code: "InvalidObjectState",
                message:
                    "The operation is not valid for the object's storage class (\(info.storageClass)): "
                    + "restore s3://\(info.bucket)/\(info.key) first", httpStatus: 403)
        }
    }

    /// Puts an object with every stored attribute. The ETag is the MD5 of `body`; the version id
    /// is new when versioning is enabled, `nil` (the null version) otherwise.
    public func putObject(
        bucket: String, key: String, body: [UInt8], attributes: ObjectAttributes
    ) throws
        -> ObjectInfo
    {
        let state = try checkPut(bucket: bucket, key: key, attributes: attributes)
        let parts = attributes.partSize.flatMap { Self.partSizes(Int64(body.count), partSize: Int64($0)) }
        let info = newObjectInfo(
            bucket: bucket, key: key, versionId: newVersionId(state),
            eTag: parts.map { Self.multipartETag(body, partSizes: $0) } ?? Self.eTag(body),
            size: Int64(body.count),
            checksum: attributes.checksumAlgorithm.map { Checksums.compute($0, body) },
            attributes: attributes, partSizes: parts)
        try commit([(bucket, try stage(info, body: body))])
        return info
    }

    /// PutObject's checks of the key, storage class and Object Lock settings; the bucket's state.
    func checkPut(bucket: String, key: String, attributes: ObjectAttributes) throws -> BucketState {
        try validateKey(key)
        try validateStorageClass(attributes.storageClass, bucket: bucket)
        let state = try refreshed(bucket)
        if attributes.objectLockMode != nil || attributes.objectLockLegalHoldStatus != nil {
            guard try config(bucket).objectLock else {
                throw EngineError(
                    code: "InvalidRequest", message: "Bucket is missing Object Lock Configuration",
                    httpStatus: 400)
            }
        }
        return state
    }

    /// The record of a new version written with `attributes`.
    func newObjectInfo(
        bucket: String, key: String, versionId: String?, eTag: String, size: Int64, checksum: ObjectChecksum?,
        attributes: ObjectAttributes, partSizes: [Int64]?
    ) -> ObjectInfo {
        ObjectInfo(
            bucket: bucket, key: key, versionId: versionId, eTag: eTag, size: size, lastModified: Date(),
            storageClass: attributes.storageClass, metadata: attributes.metadata, tags: attributes.tags,
            acl: attributes.acl, serverSideEncryption: attributes.serverSideEncryption, checksum: checksum,
            objectLockMode: attributes.objectLockMode,
            objectLockRetainUntilDate: attributes.objectLockRetainUntilDate,
            objectLockLegalHoldStatus: attributes.objectLockLegalHoldStatus,
            archiveStatus: attributes.storageClass == .intelligentTiering ? attributes.archiveStatus : nil,
            partSizes: partSizes)
    }

    /// Replaces the tags of a version (the latest when `versionId` is nil).
    public func putObjectTagging(bucket: String, key: String, versionId: String? = nil, tags: [S3Tag]) throws
    {
        var version = try lookup(bucket: bucket, key: key, versionId: versionId, refresh: true)
        version.info.tags = tags
        try commit([(bucket, LogRecord(op: .meta, object: version))])
    }

    /// Puts every regular file under `directory` into `bucket`, the key being the path relative to
    /// `directory` (with `prefix` in front). Returns the number of objects written.
    public func seed(bucket: String, fromDirectory directory: String, prefix: String = "") throws -> Int {
        let state = try refreshed(bucket)
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        var isFolder = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isFolder), isFolder else {
            throw EngineError(
                code: "InvalidRequest", message: "cannot read folder \(directory)", httpStatus: 400)
        }
        var pending: [(String, LogRecord)] = []
        var count = 0
        // Regular files, and symbolic links to files (only a link needs a second look: stat follows it).
        for entry in DirectoryWalk.entries(under: base, include: { $0.kind != .directory }) {
            let relative = entry.relative
            let path = base + "/" + relative
            var isDirectory = false
            guard
                entry.kind == .regular
                    || (entry.kind == .symbolicLink
                        && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                        && !isDirectory),
                let body = try FileIO.read(path)
            else { continue }
            let key = prefix + relative
            try validateKey(key)
            let info = ObjectInfo(
                bucket: bucket, key: key, versionId: newVersionId(state), eTag: Self.eTag(body),
                size: Int64(body.count), lastModified: Date(),
                metadata: ObjectMetadata(contentType: ContentTypes.guess(key)),
                acl: ObjectACL(canned: .private),
                serverSideEncryption: ServerSideEncryption(algorithm: "AES256"))
            pending.append((bucket, try stage(info, body: body)))
            count += 1
            if pending.count >= 1000 {
                try commit(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        try commit(pending)
        return count
    }

    // MARK: ObjectStore

    public func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String?
    ) async throws
        -> ObjectInfo
    {
        var attributes = ObjectAttributes()
        attributes.metadata.contentType = contentType ?? "binary/octet-stream"
        return try putObject(bucket: bucket, key: key, body: body, attributes: attributes)
    }

    public func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectInfo? {
        do {
            return try lookup(bucket: bucket, key: key, versionId: versionId, refresh: true).info
        } catch let e as EngineError where e.code == EngineError.noSuchKey || e.code == "NoSuchVersion" {
            return nil
        }
    }

    public func getObject(bucket: String, key: String, versionId: String?) async throws -> [UInt8] {
        try readObject(bucket: bucket, key: key, versionId: versionId).body
    }

    public func listObjects(bucket: String, prefix: String?) async throws -> [ObjectInfo] {
        try listObjectVersions(bucket: bucket, prefix: prefix).filter(\.isLatest)
    }

    public func bucketExists(_ bucket: String) async throws -> Bool {
        try bucketInfo(bucket) != nil
    }

    public func bucketVersioning(bucket: String) async throws -> VersioningStatus? {
        try config(bucket).versioning
    }

    public func replicationConfiguration(bucket: String) async throws -> ReplicationConfiguration? {
        try config(bucket).replication
    }

    public func objectLockEnabled(bucket: String) async throws -> Bool {
        try config(bucket).objectLock
    }

    public func bucketPolicy(bucket: String) async throws -> String? {
        try config(bucket).policy
    }

    public func objectLockConfiguration(bucket: String) async throws -> ObjectLockConfiguration? {
        let config = try config(bucket)
        return config.objectLock ? ObjectLockConfiguration(defaultRetention: config.defaultRetention) : nil
    }

    public func publicAccessBlock(bucket: String) async throws -> PublicAccessBlock? {
        try config(bucket).publicAccessBlock
    }

    public func lifecycleRules(bucket: String) async throws -> [LifecycleRule]? {
        try config(bucket).lifecycle
    }

    public func inventoryConfiguration(bucket: String, id: String) async throws -> InventoryConfiguration? {
        try config(bucket).inventory?.first { $0.id == id }
    }

    public func inventoryConfigurations(bucket: String) async throws -> [InventoryConfiguration] {
        try config(bucket).inventory ?? []
    }

    public func bucketEncryption(bucket: String) async throws -> BucketEncryption? {
        try config(bucket).encryption
    }

    /// A bucket made without an owner (`bops local mb` without `--owner`) is every account's own, as
    /// jobs treat it (`JobAccess`).
    public func bucketOwnership(bucket: String, account: String) async throws -> BucketOwnership {
        guard let owner = try config(bucket).owner, owner != account else { return .owned }
        return .other(owner)
    }

    /// The store has no region of its own (its engine's is every bucket's).
    public func bucketRegion(bucket: String) async throws -> String? {
        _ = try config(bucket)
        return nil
    }

    // MARK: Internals shared with the job runner

    func config(_ bucket: String) throws -> BucketConfig {
        let state = try refreshed(bucket)
        return mutex.withLock { state.config }
    }

    /// The bucket's state after catching up with its log. Throws `NoSuchBucket`.
    func refreshed(_ bucket: String) throws -> BucketState {
        let path = logPath(bucket)
        let size = FileIO.size(path)
        if let state = mutex.withLock({ buckets[bucket] }), mutex.withLock({ state.offset }) >= size {
            return state
        }
        guard FileIO.exists(path) else { throw EngineError.noSuchBucket(bucket) }
        return try mutex.withLock { try catchUpUnlocked(bucket) }
    }

    /// A version from the cached state (`refresh` first catches up with the log).
    func lookup(bucket: String, key: String, versionId: String?, refresh: Bool) throws -> StoredVersion {
        let state: BucketState
        if refresh {
            state = try refreshed(bucket)
        } else if let cached = mutex.withLock({ buckets[bucket] }) {
            state = cached
        } else {
            state = try refreshed(bucket)
        }
        let found = mutex.withLock { state.version(key: key, versionId: versionId) }
        guard let found else {
            if let versionId, mutex.withLock({ state.objects[key] != nil }) {
                throw EngineError(
                    code: "NoSuchVersion",
                    message:
                        "The specified version does not exist: s3://\(bucket)/\(key)?versionId=\(versionId)",
                    httpStatus: 404)
            }
            throw EngineError.noSuchKey(bucket: bucket, key: key)
        }
        return found
    }

    func readBlob(_ bucket: String, _ version: StoredVersion) throws -> [UInt8] {
        if version.isZeroFilled { return [UInt8](repeating: 0, count: Int(version.info.size)) }
        guard let body = try FileIO.read(blobPath(bucket, version.blob)) else {
            throw EngineError.internalError(
                "local engine: data file of s3://\(bucket)/\(version.info.key) is missing (\(version.blob))")
        }
        return body
    }

    /// The version id a new write gets: a fresh id when versioning is enabled, else the null version.
    func newVersionId(_ state: BucketState) -> String? {
        mutex.withLock { state.config.versioning == .enabled }
            ? Self.randomId(alphabet: Self.base62, count: 32) : nil
    }

    /// Writes the data file of a new version and returns its `put` record (not yet committed).
    func stage(_ info: ObjectInfo, body: [UInt8]) throws -> LogRecord {
        let blob = Self.randomId(alphabet: Self.hexDigits, count: 32)
        try FileIO.write(body, to: blobPath(info.bucket, blob))
        return LogRecord(op: .put, object: StoredVersion(info: info, blob: blob))
    }

    /// Appends records to their buckets' logs under the cross-process lock, then applies them.
    func commit(_ records: [(bucket: String, record: LogRecord)]) throws {
        guard !records.isEmpty else { return }
        var order: [String] = []
        var grouped: [String: [LogRecord]] = [:]
        for (bucket, record) in records {
            if grouped[bucket] == nil { order.append(bucket) }
            grouped[bucket, default: []].append(record)
        }
        try lock.withLock {
            for bucket in order {
                let state = try catchUpLocked(bucket)
                try appendLocked(bucket, state: state, records: grouped[bucket] ?? [])
            }
        }
    }

    func catchUpLocked(_ bucket: String) throws -> BucketState {
        guard FileIO.exists(logPath(bucket)) else { throw EngineError.noSuchBucket(bucket) }
        return try mutex.withLock {
            let state = try catchUpUnlocked(bucket)
            let size = FileIO.size(logPath(bucket))
            if size > state.offset { FileIO.truncate(logPath(bucket), to: state.offset) }
            return state
        }
    }

    func appendLocked(_ bucket: String, state: BucketState, records: [LogRecord]) throws {
        var bytes: [UInt8] = []
        for record in records { bytes += try Self.encodeLine(record) }
        try FileIO.append(bytes, to: logPath(bucket))
        var dropped: [String] = []
        mutex.withLock {
            for record in records { dropped += state.apply(record) }
            state.offset += bytes.count
        }
        for blob in dropped { FileIO.remove(blobPath(bucket, blob)) }
    }

    /// Drops a deleted bucket from the cache. Call holding `mutex`.
    func forget(_ bucket: String) { buckets[bucket] = nil }

    /// Reads log lines past the cached offset. Call holding `mutex`.
    private func catchUpUnlocked(_ bucket: String) throws -> BucketState {
        let path = logPath(bucket)
        let state = buckets[bucket]
        let offset = state?.offset ?? 0
        let bytes = try FileIO.read(path, from: offset)
        var records: [LogRecord] = []
        var start = 0
        let decoder = Self.decoder
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
            records.append(
                try RecordFormat.decode(
                    LogRecord.self, from: Data(bytes[start..<i]), decoder: decoder,
                    file: "\(path) at byte \(offset + start)"))
            start = i + 1
        }
        let target: BucketState
        if let state {
            target = state
        } else {
            guard let first = records.first, first.op == .config, let config = first.config else {
                throw EngineError.internalError(
                    "local engine: \(path) does not start with the bucket settings")
            }
            target = BucketState(config: config)
            buckets[bucket] = target
        }
        for record in records { _ = target.apply(record) }
        target.offset = offset + start
        return target
    }

    /// 400 `InvalidStorageClass` unless PutObject may store `storageClass` in `bucket`: S3's
    /// classes for a general purpose bucket, EXPRESS_ONEZONE for a directory bucket.
    func validateStorageClass(_ storageClass: ObjectStorageClass, bucket: String) throws {
        let accepted = ObjectStorageClass.accepted(inBucket: bucket)
        guard accepted.contains(storageClass) else {
            throw EngineError(
                code: "InvalidStorageClass",
                message: "The storage class you specified is not valid: \(storageClass) (bucket \(bucket) "
                    + "takes " + accepted.map(\.rawValue).joined(separator: ", ") + ")",
                httpStatus: 400)
        }
    }

    func validateKey(_ key: String) throws {
        guard !key.isEmpty, key.utf8.count <= 1024 else {
            throw EngineError(
                code: "KeyTooLongError", message: "object keys are 1 to 1024 bytes: \(key.prefix(60))",
                httpStatus: 400)
        }
    }

    // MARK: Encoding helpers

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return d
    }()

    static func encodeLine(_ record: LogRecord) throws -> [UInt8] {
        var bytes = [UInt8](try encoder.encode(record))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// S3's ETag for a single-part upload: the MD5 of the body in hex, in double quotes.
    static func eTag(_ body: [UInt8]) -> String {
        "\"" + Hex.encode(Insecure.MD5.hash(data: body)) + "\""
    }

    /// S3's ETag for an upload in parts: the MD5 of the concatenated part MD5s, `-<parts>`.
    static func multipartETag(_ body: [UInt8], partSizes: [Int64]) -> String {
        var joined: [UInt8] = []
        var start = 0
        for size in partSizes {
            let end = min(body.count, start + Int(size))
            joined += Insecure.MD5.hash(data: body[start..<end])
            start = end
        }
        return "\"" + Hex.encode(Insecure.MD5.hash(data: joined)) + "-\(partSizes.count)\""
    }

    /// The part sizes of an upload of `size` bytes in parts of `partSize` (the last one shorter);
    /// `nil` when that is a single part. S3's smallest part is 5 MiB, except the last; the local
    /// engine takes any positive size so tests stay small.
    static func partSizes(_ size: Int64, partSize: Int64) -> [Int64]? {
        guard partSize > 0, size > partSize else { return nil }
        var parts: [Int64] = []
        var left = size
        while left > 0 {
            parts.append(min(partSize, left))
            left -= partSize
        }
        return parts
    }

    static let hexDigits = Array("0123456789abcdef")
    static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    static func hex2(_ i: Int) -> String { Hex.encode([UInt8(truncatingIfNeeded: i)]) }

    static func randomId(alphabet: [Character], count: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] })
    }

    static func isValidBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        let ok = { (c: UInt8) in (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
        guard ok(bytes.first!), ok(bytes.last!) else { return false }
        return bytes.allSatisfy { ok($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            && !name.contains("..")
    }
}

/// A bucket as `bops local ls` shows it.
public struct BucketInfo: Codable, Sendable, Hashable {
    public var name: String
    public var creationDate: Date
    public var versioning: VersioningStatus?
    public var objectLockEnabled: Bool
    public var replication: ReplicationConfiguration?
    /// Keys with at least one version.
    public var objectCount: Int
    /// The account that created the bucket; `nil`: the store's default account.
    public var owner: String?
    /// The bucket policy's text; `nil`: none.
    public var policy: String?
    public var defaultRetention: ObjectLockDefaultRetention?
    public var publicAccessBlock: PublicAccessBlock?
    public var lifecycle: [LifecycleRule]?
    /// The S3 Inventory configurations; `nil`: none.
    public var inventory: [InventoryConfiguration]? = nil
    /// The default encryption; `nil`: none set.
    public var encryption: BucketEncryption? = nil
}

/// Everything a write stores besides the bytes. Defaults are S3's for a plain PutObject:
/// STANDARD storage, `private` ACL, SSE-S3 (`AES256`).
public struct ObjectAttributes: Codable, Sendable, Hashable {
    public var metadata = ObjectMetadata()
    public var tags: [S3Tag] = []
    public var storageClass = ObjectStorageClass.standard
    public var acl = ObjectACL(canned: .private)
    public var serverSideEncryption: ServerSideEncryption? = ServerSideEncryption(algorithm: "AES256")
    public var checksumAlgorithm: S3ChecksumAlgorithm?
    public var objectLockMode: S3ObjectLockMode?
    public var objectLockRetainUntilDate: Date?
    public var objectLockLegalHoldStatus: S3ObjectLockLegalHoldStatus?
    /// For `INTELLIGENT_TIERING`: the archive tier the object starts in (`nil`: an access tier).
    public var archiveStatus: S3ArchiveStatus?
    /// Store the object as an upload in parts of this many bytes (`nil`: one part).
    public var partSize: Int?

    public init() {}
}
