public import BopsJobs
import BopsNode

extension JobSpec {
    /// `operation.legalHold`: S3PutObjectLegalHold (botocore `S3SetObjectLegalHoldOperation`). The
    /// objects' bucket needs Object Lock; a task on a bucket without it fails (the engine's check).
    public struct LegalHoldOperation: Sendable, Hashable, Codable {
        /// `ON` places the hold, `OFF` lifts it.
        public var status: S3ObjectLockLegalHoldStatus

        public init(status: S3ObjectLockLegalHoldStatus) { self.status = status }
    }
}

extension JobSpec.LegalHoldOperation {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard node["status"] != nil else {
            d.mismatch(nil, at + "/status", expected: "ON or OFF")
            return nil
        }
        return d.enumeration(S3ObjectLockLegalHoldStatus.self, node, "status", at).map(Self.init)
    }

    var canonicalValue: CanonicalJSON { .object(["status": .string(status.rawValue)]) }

    /// The `S3SetObjectLegalHoldOperation` CreateJob sends.
    public var s3Operation: S3SetObjectLegalHoldOperation {
        S3SetObjectLegalHoldOperation(legalHold: S3ObjectLockLegalHold(status: status))
    }
}
