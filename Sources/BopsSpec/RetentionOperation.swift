public import BopsJobs
import BopsNode
public import BopsPrimitives

extension JobSpec {
    /// `operation.retention`: S3PutObjectRetention (botocore `S3SetObjectRetentionOperation`).
    ///
    /// `mode` and `retainUntil` come together (the schema); both absent removes the retention. The
    /// date is in the future when the spec is loaded (a rule). Per object, and so the engine's:
    /// the bucket needs Object Lock, a GOVERNANCE retention is shortened or removed only with
    /// `bypassGovernanceRetention`, a COMPLIANCE retention never.
    public struct RetentionOperation: Sendable, Hashable, Codable {
        public var mode: S3ObjectLockMode?
        public var retainUntil: Timestamp?
        /// Nil leaves `BypassGovernanceRetention` out (AWS's default is false).
        public var bypassGovernanceRetention: Bool?

        public init(
            mode: S3ObjectLockMode? = nil, retainUntil: Timestamp? = nil,
            bypassGovernanceRetention: Bool? = nil
        ) {
            self.mode = mode
            self.retainUntil = retainUntil
            self.bypassGovernanceRetention = bypassGovernanceRetention
        }

        /// True when the job removes the retention (no mode and no date).
        public var removesRetention: Bool { mode == nil && retainUntil == nil }
    }
}

extension JobSpec.RetentionOperation {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self {
        Self(
            mode: d.enumeration(S3ObjectLockMode.self, node, "mode", at),
            retainUntil: d.timestamp(node, "retainUntil", at),
            bypassGovernanceRetention: d.bool(node, "bypassGovernanceRetention", at))
    }

    /// The retention date is in the future.
    func check(at: String, _ c: inout RuleContext) {
        if let until = retainUntil, until <= c.now {
            c.error(
                "the retention date \(until) is not in the future", at: at + "/retainUntil",
                hint: "S3 refuses retention dates in the past; choose a date after \(c.now)")
        }
    }

    var canonicalValue: CanonicalJSON {
        .members([
            ("mode", .string(mode?.rawValue)), ("retainUntil", .time(retainUntil)),
            ("bypassGovernanceRetention", .bool(bypassGovernanceRetention)),
        ])
    }

    /// The `S3SetObjectRetentionOperation` CreateJob sends (an empty `Retention` removes it).
    public var s3Operation: S3SetObjectRetentionOperation {
        S3SetObjectRetentionOperation(
            bypassGovernanceRetention: bypassGovernanceRetention,
            retention: S3Retention(retainUntilDate: retainUntil?.date, mode: mode))
    }
}
