public import BopsJobs
import BopsNode

extension JobSpec {
    /// `operation.computeChecksum`: S3ComputeObjectChecksum (botocore
    /// `S3ComputeObjectChecksumOperation`). S3 computes a checksum of each object's data at rest and
    /// writes it to the completion report; the objects do not change.
    public struct ComputeChecksumOperation: Sendable, Hashable, Codable {
        public var algorithm: S3ChecksumAlgorithm
        public var type: S3ComputeObjectChecksumType

        public init(algorithm: S3ChecksumAlgorithm, type: S3ComputeObjectChecksumType) {
            self.algorithm = algorithm
            self.type = type
        }
    }
}

extension JobSpec.ComputeChecksumOperation {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        for key in ["algorithm", "type"] where node[key] == nil {
            d.mismatch(nil, at + "/" + key, expected: "a string")
        }
        guard let algorithm = d.enumeration(S3ChecksumAlgorithm.self, node, "algorithm", at),
            let type = d.enumeration(S3ComputeObjectChecksumType.self, node, "type", at)
        else { return nil }
        return Self(algorithm: algorithm, type: type)
    }

    var canonicalValue: CanonicalJSON {
        .object(["algorithm": .string(algorithm.rawValue), "type": .string(type.rawValue)])
    }

    /// The `S3ComputeObjectChecksumOperation` CreateJob sends.
    public var s3Operation: S3ComputeObjectChecksumOperation {
        S3ComputeObjectChecksumOperation(checksumAlgorithm: algorithm, checksumType: type)
    }
}
