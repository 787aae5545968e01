public import BopsJobs
import BopsYAML

extension JobSpec {
    /// What the job does to each object (`spec.operation`): exactly one operation.
    public enum Operation: Sendable, Hashable, Codable {
        /// `copy`: S3PutObjectCopy.
        case copy(CopyOperation)
        /// `replicate: {}`: S3ReplicateObject, under the source bucket's replication configuration.
        case replicate
    }
}

extension JobSpec.Operation {
    static let pointer = "/spec/operation"

    static func decode(_ node: Node?, _ d: inout NodeDecoder) -> Self? {
        guard let node else {
            d.mismatch(nil, pointer, expected: "an object")
            return nil
        }
        if d.object(node, "replicate", pointer) != nil { return .replicate }
        guard let copy = d.object(node, "copy", pointer) else {
            d.mismatch(node, pointer, expected: "one of copy, replicate")
            return nil
        }
        return JobSpec.CopyOperation.decode(copy, at: pointer + "/copy", &d).map(Self.copy)
    }

    var canonicalValue: CanonicalJSON {
        switch self {
        case .replicate: return .object(["replicate": .object([:])])
        case .copy(let c): return .object(["copy": c.canonicalValue])
        }
    }

    /// The S3 Control `JobOperation` CreateJob sends.
    public var jobOperation: JobOperation {
        switch self {
        case .replicate: .s3ReplicateObject
        case .copy(let copy): .s3PutObjectCopy(copy.s3Operation)
        }
    }
}
