import BopsIAM
public import BopsJobs
import BopsPrimitives
public import FoundationEssentials

/// A KMS key of the local engine: its id, account, state and key policy (IAM JSON).
public struct LocalKey: Sendable, Hashable, Codable {
    /// A UUID, as KMS makes them.
    public var keyId: String
    public var accountId: String
    public var region: String
    /// `Enabled` or `Disabled`.
    public var keyState: String
    public var policy: String
    public var description: String
    public var creationDate: Date

    /// `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`.
    public var arn: String { "arn:aws:kms:\(region):\(accountId):key/\(keyId)" }
    public var enabled: Bool { keyState == "Enabled" }

    public var described: KMSKeyDescription {
        KMSKeyDescription(keyId: keyId, arn: arn, account: accountId, keyState: keyState)
    }
}

/// The local engine's KMS keys: one file per key, `kms/<key-id>.key.json`, replaced atomically
/// under the `kms.lock` lock. A key policy is parsed before it is stored (KMS's
/// `MalformedPolicyDocumentException` otherwise).
///
/// A store without any key accepts every key a job names, as it did before it kept keys: such a
/// key is enabled with AWS's default key policy (the account's IAM policies decide). Once one key
/// exists, a key the store does not know is KMS's `NotFoundException`.
extension LocalEngine {
    var keysFolder: String { root + "/kms" }
    var keysLock: FileLock { FileLock(path: root + "/kms.lock") }

    /// CreateKey: a new enabled (or, with `enabled: false`, disabled) key with `policy`, or AWS's
    /// default key policy when `nil`.
    @discardableResult
    public func createKey(
        policy: String?, description: String = "", enabled: Bool = true, accountId: String
    ) throws -> LocalKey {
        let text = policy ?? KeyPolicyEvaluation.defaultPolicy(account: accountId)
        try Self.checkKeyPolicy(text)
        let key = LocalKey(
            keyId: UUID().uuidString.lowercased(), accountId: accountId, region: options.region,
            keyState: enabled ? "Enabled" : "Disabled", policy: text, description: description,
            creationDate: clock())
        try withKeys { try saveKey(key) }
        return key
    }

    /// The key `key` names (a key id or key ARN), `nil` when the store does not know it.
    public func key(_ key: String) throws -> LocalKey? {
        let id = key.hasPrefix("arn:") ? String(key.split(separator: "/").last ?? "") : key
        guard Self.isKeyId(id), let bytes = try FileIO.read(keyPath(id)) else { return nil }
        let found = try JobJSON.decoder.decode(LocalKey.self, from: Data(bytes))
        if key.hasPrefix("arn:"), found.arn != key { return nil }
        return found
    }

    /// Every key, by id.
    public func keys() throws -> [LocalKey] {
        try FileIO.list(keysFolder).filter { $0.hasSuffix(".key.json") }.compactMap {
            try self.key(String($0.dropLast(".key.json".count)))
        }.sorted { $0.keyId < $1.keyId }
    }

    /// Whether the store keeps keys at all (see the type's note on unknown keys).
    public var keepsKeys: Bool { FileIO.list(keysFolder).contains { $0.hasSuffix(".key.json") } }

    /// PutKeyPolicy.
    public func putKeyPolicy(_ key: String, policy: String) throws {
        try Self.checkKeyPolicy(policy)
        try changeKey(key) { $0.policy = policy }
    }

    /// DisableKey (`enabled: false`) or EnableKey.
    public func setKeyEnabled(_ key: String, _ enabled: Bool) throws {
        try changeKey(key) { $0.keyState = enabled ? "Enabled" : "Disabled" }
    }

    /// The key a job uses, as KMS resolves it for the job: the stored key; an enabled key with the
    /// default policy when the store keeps no keys; `NotFoundException` otherwise.
    func keyForUse(_ arn: String) throws -> LocalKey {
        if let found = try key(arn) { return found }
        guard !keepsKeys else { throw Self.keyNotFound(arn) }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        let account = parts.count > 4 ? String(parts[4]) : ""
        return LocalKey(
            keyId: String(arn.split(separator: "/").last ?? ""), accountId: account,
            region: parts.count > 3 ? String(parts[3]) : options.region, keyState: "Enabled",
            policy: KeyPolicyEvaluation.defaultPolicy(account: account), description: "",
            creationDate: clock())
    }

    static func keyNotFound(_ key: String) -> EngineError {
        EngineError(code: "NotFoundException", message: "Key '\(key)' does not exist", httpStatus: 400)
    }

    static func checkKeyPolicy(_ text: String) throws {
        do {
            _ = try PolicyParser.parse(text, file: "key policy", kind: .key)
        } catch {
            let first = error.items.first
            throw EngineError(
                code: "MalformedPolicyDocumentException",
                message: "Malformed policy document: \(first?.summary ?? "it does not parse")"
                    + (first?.range.map { " (line \($0.start.line), column \($0.start.column))" } ?? ""),
                httpStatus: 400)
        }
    }

    static func isKeyId(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64
            && id.unicodeScalars.allSatisfy {
                $0.isASCII && ($0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
            }
    }

    func keyPath(_ id: String) -> String { keysFolder + "/" + id + ".key.json" }

    func withKeys<T>(_ body: () throws -> T) throws -> T {
        try FileIO.makeDirectory(keysFolder)
        return try keysLock.withLock { try body() }
    }

    func changeKey(_ name: String, _ change: (inout LocalKey) throws -> Void) throws {
        try withKeys {
            guard var found = try key(name) else { throw Self.keyNotFound(name) }
            try change(&found)
            try saveKey(found)
        }
    }

    func saveKey(_ key: LocalKey) throws {
        try FileIO.writeAtomically(Array(try JobJSON.encoder.encode(key)), to: keyPath(key.keyId))
    }
}

/// The local engine answers DescribeKey and GetKeyPolicy from its key store, so plans check keys
/// offline. A store without keys describes every key ARN as enabled with the default key policy.
extension LocalEngine: KeyChecking {
    /// The key as DescribeKey and GetKeyPolicy see it: the stored key, or, in a store that keeps no
    /// key, the implicit key of a key ARN (enabled, AWS's default key policy) that jobs use.
    public func describedKey(_ key: String) throws -> LocalKey? {
        if let found = try self.key(key) { return found }
        guard !keepsKeys, key.hasPrefix("arn:"), key.contains(":key/") else { return nil }
        return try keyForUse(key)
    }

    public func describeKey(_ key: String) async throws -> KMSKeyDescription? {
        try describedKey(key)?.described
    }

    public func keyPolicy(_ key: String) async throws -> String {
        guard let found = try describedKey(key) else { throw Self.keyNotFound(key) }
        return found.policy
    }
}
