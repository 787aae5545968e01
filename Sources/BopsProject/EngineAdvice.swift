/// What a bucket must have for the check that asked for it.
public struct BucketFeatures: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let versioning = BucketFeatures(rawValue: 1)
    public static let objectLock = BucketFeatures(rawValue: 2)
}

/// How to make what a plan-time check found missing, in the words of the engine in use: the
/// command that does it when there is one. Each answer is one clause without a trailing period
/// ("create it with: bops local mb reports"); the check adds the alternative ("or fix the report
/// bucket"). The defaults are engine-neutral.
public protocol EngineAdvice: Sendable {
    /// How to make a bucket that does not exist, with `features` enabled.
    func createBucket(_ bucket: String, features: BucketFeatures) -> String
    /// How to enable versioning on an existing bucket.
    func enableVersioning(_ bucket: String) -> String
    /// How to give a bucket a replication configuration.
    func addReplication(_ bucket: String) -> String
    /// How to get a bucket with Object Lock when `bucket` exists without it.
    func enableObjectLock(_ bucket: String) -> String
    /// How to replace a bucket's policy with an edited one.
    func putBucketPolicy(_ bucket: String) -> String
    /// How to turn off `BlockPublicAcls` (and `IgnorePublicAcls`) on a bucket.
    func allowPublicACLs(_ bucket: String) -> String
    /// How to read (and change) a bucket's lifecycle rules.
    func reviewLifecycle(_ bucket: String) -> String
    /// How to remove a bucket's Object Lock default retention.
    func removeDefaultRetention(_ bucket: String) -> String
    /// How to replace a KMS key's key policy with an edited one.
    func putKeyPolicy(_ key: String) -> String
    /// How to enable a disabled KMS key.
    func enableKey(_ key: String) -> String
    /// How to make the inventory configuration `id` of `bucket` list every version.
    func includeAllVersions(_ bucket: String, id: String) -> String
}

extension EngineAdvice {
    public func createBucket(_ bucket: String, features: BucketFeatures) -> String {
        var with: [String] = []
        if features.contains(.versioning) { with.append("versioning") }
        if features.contains(.objectLock) { with.append("Object Lock") }
        return "create bucket \(bucket)"
            + (with.isEmpty ? "" : " with \(with.joined(separator: " and ")) enabled")
    }

    public func enableVersioning(_ bucket: String) -> String {
        "enable versioning on \(bucket); S3 Batch Replication needs it"
    }

    public func addReplication(_ bucket: String) -> String {
        "add a replication rule to \(bucket) before replicating existing objects"
    }

    public func enableObjectLock(_ bucket: String) -> String {
        "enable Object Lock on \(bucket)"
    }

    public func putBucketPolicy(_ bucket: String) -> String {
        "then put the edited policy on \(bucket)"
    }

    public func allowPublicACLs(_ bucket: String) -> String {
        "change the Block Public Access settings of \(bucket)"
    }

    public func reviewLifecycle(_ bucket: String) -> String {
        "review the lifecycle configuration of \(bucket)"
    }

    public func removeDefaultRetention(_ bucket: String) -> String {
        "remove the default retention of \(bucket)"
    }

    public func putKeyPolicy(_ key: String) -> String {
        "then put the edited key policy on \(key)"
    }

    public func enableKey(_ key: String) -> String {
        "enable key \(key)"
    }

    public func includeAllVersions(_ bucket: String, id: String) -> String {
        "set IncludedObjectVersions to All in the inventory configuration \(id) of \(bucket)"
    }
}

/// The engine-neutral wording.
public struct GenericAdvice: EngineAdvice {
    public init() {}
}
