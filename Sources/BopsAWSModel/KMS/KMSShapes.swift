public import FoundationEssentials

/// KMS's `KeyMetadata` (model `kms/2014-11-01`), the members DescribeKey and CreateKey answer for
/// a symmetric encryption key made by KMS.
public struct KMSKeyMetadata: Sendable, Hashable {
    public var awsAccountId: String
    public var keyId: String
    public var arn: String
    public var creationDate: Date
    /// `true` exactly when ``keyState`` is `Enabled`.
    public var enabled: Bool
    public var description: String
    /// `Enabled`, `Disabled`, `PendingDeletion`, ...
    public var keyState: String
    public var keyUsage = "ENCRYPT_DECRYPT"
    public var origin = "AWS_KMS"
    public var keyManager = "CUSTOMER"
    public var keySpec = "SYMMETRIC_DEFAULT"
    public var encryptionAlgorithms = ["SYMMETRIC_DEFAULT"]
    public var multiRegion = false

    public init(
        awsAccountId: String, keyId: String, arn: String, creationDate: Date, description: String = "",
        keyState: String
    ) {
        self.awsAccountId = awsAccountId
        self.keyId = keyId
        self.arn = arn
        self.creationDate = creationDate
        self.description = description
        self.keyState = keyState
        self.enabled = keyState == "Enabled"
    }
}

/// One KMS call the emulator serves, as read from the wire.
public enum KMSRequest: Sendable, Hashable {
    case createKey(policy: String?, description: String?)
    case describeKey(keyId: String)
    /// `policyName` is `default` when absent (KMS's only policy name).
    case getKeyPolicy(keyId: String, policyName: String)
    case putKeyPolicy(keyId: String, policyName: String, policy: String)
    case disableKey(keyId: String)
    case enableKey(keyId: String)
}

/// A KMS request that cannot be read: the error code (`ValidationException`,
/// `UnknownOperationException`, `SerializationException`) and KMS's message; HTTP 400.
public struct KMSRequestError: Error, Sendable, Hashable {
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}
