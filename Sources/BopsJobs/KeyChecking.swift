/// A KMS key as DescribeKey tells it: its ARN, its account and region, and whether it can be used.
public struct KMSKeyDescription: Sendable, Hashable {
    /// The key id (a UUID on AWS).
    public var keyId: String
    /// `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`.
    public var arn: String
    /// The account that owns the key (its policy decides for that account's principals).
    public var account: String
    /// KMS's `KeyState` (`Enabled`, `Disabled`, `PendingDeletion`, ...); only `Enabled` keys encrypt
    /// and decrypt.
    public var keyState: String

    public init(keyId: String, arn: String, account: String, keyState: String) {
        self.keyId = keyId
        self.arn = arn
        self.account = account
        self.keyState = keyState
    }

    /// Whether the key can be used (`KeyState` is `Enabled`).
    public var enabled: Bool { keyState == "Enabled" }
}

/// An engine that can read KMS keys before a job uses them: the local engine's key store
/// (`bops local kms create-key`), KMS's DescribeKey and GetKeyPolicy on aws.
///
/// Both calls throw ``EngineError`` with KMS's code for what KMS refuses (`AccessDeniedException`
/// when the caller may not read the key: the check is then not made, never passed).
public protocol KeyChecking: Sendable {
    /// DescribeKey of `key` (a key ARN, a key id, an alias or alias ARN); `nil` when KMS answers
    /// `NotFoundException`.
    func describeKey(_ key: String) async throws -> KMSKeyDescription?
    /// GetKeyPolicy of `key` (policy name `default`): the key policy document as JSON text.
    func keyPolicy(_ key: String) async throws -> String
}
