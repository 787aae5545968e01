public import BopsJobs

/// An object store with S3's conditional requests: what the S3 state backend needs of S3.
///
/// Implemented over HTTP by the aws engine's S3 client (real S3, `bops emulator`, moto) and in
/// memory by the test fake. Every call names one object; an ETag is the `ETag` header as S3 sends
/// it (quoted), compared exactly.
public protocol ConditionalObjectStore: Sendable {
    /// The object's bytes and ETag; `nil` when there is no such key.
    func get(bucket: String, key: String) async throws(ConditionalStoreError) -> StoredObject?
    /// PutObject under `condition`. Returns the new ETag. A condition that does not hold throws
    /// ``ConditionalStoreError/preconditionFailed``; a concurrent conditional write on the same key
    /// throws ``ConditionalStoreError/conflict`` (S3's 409 `ConditionalRequestConflict`).
    func put(
        bucket: String, key: String, body: [UInt8], condition: WriteCondition
    ) async throws(ConditionalStoreError) -> String
    /// DeleteObject, with `If-Match` when `ifMatch` is given (a 412 when the ETag differs). Deleting
    /// a key that does not exist succeeds (S3 answers 204), unless `ifMatch` is given (404 `NoSuchKey`:
    /// ``ConditionalStoreError/notFound``).
    func delete(bucket: String, key: String, ifMatch: String?) async throws(ConditionalStoreError)
    /// The bucket's versioning status: `nil` when it was never enabled.
    func versioning(bucket: String) async throws(ConditionalStoreError) -> VersioningStatus?
    /// ListObjectsV2 under `prefix`, every page: the current objects' keys in ascending order (of
    /// their UTF-8 bytes, as S3 lists them) with their ETags and sizes.
    func list(bucket: String, prefix: String) async throws(ConditionalStoreError) -> [ListedObject]
}

/// An object as listed: its key, ETag and size.
public struct ListedObject: Sendable, Hashable {
    public var key: String
    public var eTag: String
    public var size: Int

    public init(key: String, eTag: String, size: Int) {
        self.key = key
        self.eTag = eTag
        self.size = size
    }
}

/// An object as read: its bytes and the ETag that names this content.
public struct StoredObject: Sendable, Hashable {
    public var body: [UInt8]
    public var eTag: String

    public init(body: [UInt8], eTag: String) {
        self.body = body
        self.eTag = eTag
    }
}

/// The precondition of a PutObject.
public enum WriteCondition: Sendable, Hashable {
    /// `If-None-Match: *`: only when no object has the key.
    case absent
    /// `If-Match: ETAG`: only when the object's ETag is this one.
    case matches(String)
}

/// What a conditional store call can come to besides success.
public enum ConditionalStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// HTTP 412 `PreconditionFailed`: the condition did not hold.
    case preconditionFailed
    /// HTTP 409 `ConditionalRequestConflict`: another conditional write on the key is in progress;
    /// worth retrying after a pause.
    case conflict
    /// HTTP 404 on a conditional delete: no such key.
    case notFound
    /// No answer, or an answer worth retrying (5xx, throttling), after the client's own retries.
    case unavailable(String)
    /// Any other answer (access denied, no such bucket, a key policy refusing KMS): not retried.
    case failed(String)

    public var description: String {
        switch self {
        case .preconditionFailed: "412 PreconditionFailed"
        case .conflict: "409 ConditionalRequestConflict"
        case .notFound: "404 NoSuchKey"
        case .unavailable(let detail), .failed(let detail): detail
        }
    }
}
