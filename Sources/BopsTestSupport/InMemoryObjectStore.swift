import BopsEncoding
public import BopsJobs
public import BopsState
import Crypto
import Foundation

/// A ``ConditionalObjectStore`` in memory with S3's semantics (ETag = quoted MD5 of the body,
/// `If-None-Match: *`, `If-Match`, 412 and 409), and faults scripted per call.
///
/// A fault applies to the next call whose operation and key match; `dropAfterActing` performs the
/// call and then answers as if the connection broke, which is what makes a client retry a request
/// that already landed.
public final class InMemoryObjectStore: ConditionalObjectStore, @unchecked Sendable {
    public enum Operation: String, Sendable, Hashable { case get, put, delete, versioning, list }

    public enum Fault: Sendable, Hashable {
        /// Answer 409 `ConditionalRequestConflict` without acting.
        case conflict
        /// Answer unavailable (a 5xx or a dropped connection) without acting.
        case unavailable
        /// Act, then answer unavailable: the caller does not learn that the call landed.
        case dropAfterActing
    }

    public struct Call: Sendable, Hashable {
        public var operation: Operation
        public var key: String
        public var condition: String?
    }

    private let mutex = NSLock()
    private var objects: [String: StoredObject] = [:]
    private var script: [(operation: Operation, keySuffix: String, fault: Fault)] = []
    private var log: [Call] = []
    /// The call at which the process "dies" (counted from when ``crash(atCall:acting:)`` was called).
    private var crash: (at: Int, acting: Bool, counted: Int)?
    public var versioningStatus: VersioningStatus?

    public init(versioning: VersioningStatus? = .enabled) {
        versioningStatus = versioning
    }

    /// Adds a fault for the next call of `operation` on a key ending in `keySuffix`.
    public func inject(_ fault: Fault, on operation: Operation, keySuffix: String = "") {
        mutex.withLock { script.append((operation, keySuffix, fault)) }
    }

    /// The death of the caller's process at call `n` (0-based, counting from now): call `n` acts when
    /// `acting` and answers as a broken connection; every later call fails without acting, as if
    /// nothing reached the store any more. ``revive()`` ends it (the next process).
    public func crash(atCall n: Int, acting: Bool) {
        mutex.withLock { crash = (n, acting, 0) }
    }

    public func revive() { mutex.withLock { crash = nil } }

    /// Every call so far, in order.
    public var calls: [Call] { mutex.withLock { log } }

    public func object(_ key: String) -> StoredObject? { mutex.withLock { objects[key] } }

    /// Stores `body` under `key` as another writer would (no condition).
    public func overwrite(_ key: String, _ body: [UInt8]) {
        mutex.withLock { objects[key] = StoredObject(body: body, eTag: Self.eTag(body)) }
    }

    public func remove(_ key: String) { _ = mutex.withLock { objects.removeValue(forKey: key) } }

    private func fault(_ operation: Operation, _ key: String, condition: String?) -> Fault? {
        mutex.withLock {
            log.append(Call(operation: operation, key: key, condition: condition))
            if var c = crash {
                defer { c.counted += 1; crash = c }
                if c.counted == c.at && c.acting { return .dropAfterActing }
                if c.counted >= c.at { return .unavailable }
            }
            guard
                let i = script.firstIndex(where: { $0.operation == operation && key.hasSuffix($0.keySuffix) })
            else { return nil }
            return script.remove(at: i).fault
        }
    }

    public func get(bucket: String, key: String) async throws(ConditionalStoreError) -> StoredObject? {
        let f = fault(.get, key, condition: nil)
        if f == .conflict || f == .unavailable { throw f == .conflict ? .conflict : .unavailable("injected") }
        let found = mutex.withLock { objects[key] }
        if f == .dropAfterActing { throw .unavailable("injected: answer lost") }
        return found
    }

    public func put(
        bucket: String, key: String, body: [UInt8], condition: WriteCondition
    ) async throws(ConditionalStoreError) -> String {
        let text: String
        switch condition {
        case .absent: text = "If-None-Match: *"
        case .matches(let eTag): text = "If-Match: \(eTag)"
        }
        let f = fault(.put, key, condition: text)
        if f == .conflict { throw .conflict }
        if f == .unavailable { throw .unavailable("injected") }
        let outcome: Result<String, ConditionalStoreError> = mutex.withLock {
            switch condition {
            case .absent where objects[key] != nil: return .failure(.preconditionFailed)
            case .matches(let eTag) where objects[key]?.eTag != eTag: return .failure(.preconditionFailed)
            default:
                let stored = StoredObject(body: body, eTag: Self.eTag(body))
                objects[key] = stored
                return .success(stored.eTag)
            }
        }
        if f == .dropAfterActing { throw .unavailable("injected: answer lost") }
        return try outcome.get()
    }

    public func delete(bucket: String, key: String, ifMatch: String?) async throws(ConditionalStoreError) {
        let f = fault(.delete, key, condition: ifMatch.map { "If-Match: \($0)" })
        if f == .conflict { throw .conflict }
        if f == .unavailable { throw .unavailable("injected") }
        let outcome: ConditionalStoreError? = mutex.withLock {
            if let ifMatch {
                guard let current = objects[key] else { return .notFound }
                guard current.eTag == ifMatch else { return .preconditionFailed }
            }
            objects[key] = nil
            return nil
        }
        if f == .dropAfterActing { throw .unavailable("injected: answer lost") }
        if let outcome { throw outcome }
    }

    public func versioning(bucket: String) async throws(ConditionalStoreError) -> VersioningStatus? {
        _ = fault(.versioning, "", condition: nil)
        return mutex.withLock { versioningStatus }
    }

    /// ListObjectsV2 under `prefix`, in ascending order of the keys' UTF-8 bytes. A fault applies to
    /// a list whose prefix ends in its `keySuffix`.
    public func list(bucket: String, prefix: String) async throws(ConditionalStoreError) -> [ListedObject] {
        let f = fault(.list, prefix, condition: nil)
        if f == .conflict || f == .unavailable { throw f == .conflict ? .conflict : .unavailable("injected") }
        let found = mutex.withLock {
            objects.filter { $0.key.hasPrefix(prefix) }
                .map { ListedObject(key: $0.key, eTag: $0.value.eTag, size: $0.value.body.count) }
        }
        if f == .dropAfterActing { throw .unavailable("injected: answer lost") }
        return found.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
    }

    /// The keys stored now under `prefix`, in order.
    public func keys(under prefix: String) -> [String] {
        mutex.withLock { objects.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }

    static func eTag(_ body: [UInt8]) -> String {
        "\"" + Hex.encode(Insecure.MD5.hash(data: body)) + "\""
    }
}
