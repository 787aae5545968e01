public import BopsJobs
import BopsNode

extension JobSpec {
    /// `operation.restore`: S3InitiateRestoreObject (botocore `S3InitiateRestoreObjectOperation`).
    ///
    /// AWS's rules, which depend on each object's storage class and so are the engine's, task by
    /// task: `expirationDays` is required (at least 1, the schema's minimum) for GLACIER and
    /// DEEP_ARCHIVE objects and must be absent for Intelligent-Tiering archive-tier objects.
    /// The tier is `BULK` or `STANDARD` (Batch Operations offers no `EXPEDITED`).
    public struct RestoreOperation: Sendable, Hashable, Codable {
        /// Days the restored copy stays available; nil leaves `ExpirationInDays` out.
        public var expirationDays: Int?
        /// Nil leaves `GlacierJobTier` out (S3 then uses STANDARD).
        public var tier: S3GlacierJobTier?

        public init(expirationDays: Int? = nil, tier: S3GlacierJobTier? = nil) {
            self.expirationDays = expirationDays
            self.tier = tier
        }
    }
}

extension JobSpec.RestoreOperation {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self {
        Self(
            expirationDays: d.int(node, "expirationDays", at),
            tier: d.enumeration(S3GlacierJobTier.self, node, "tier", at))
    }

    var canonicalValue: CanonicalJSON {
        .members([("expirationDays", .int(expirationDays)), ("tier", .string(tier?.rawValue))])
    }

    /// The `S3InitiateRestoreObjectOperation` CreateJob sends.
    public var s3Operation: S3InitiateRestoreObjectOperation {
        S3InitiateRestoreObjectOperation(expirationInDays: expirationDays, glacierJobTier: tier)
    }
}
