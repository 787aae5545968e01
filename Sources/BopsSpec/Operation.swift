public import BopsJobs
import BopsNode

extension JobSpec {
    /// What the job does to each object (`spec.operation`): exactly one operation, in the spec's own
    /// words. Each operation with options has its file (`CopyOperation.swift`, `TagOperation.swift`,
    /// ...) holding its model, decoding, rules, canonical form and mapping to `JobOperation`.
    public enum Operation: Sendable, Hashable, Codable {
        /// `copy`: S3PutObjectCopy.
        case copy(CopyOperation)
        /// `replicate: {}`: S3ReplicateObject, under the source bucket's replication configuration.
        case replicate
        /// `tag`: S3PutObjectTagging; each object ends with exactly these tags.
        case tag(TagOperation)
        /// `deleteTags: {}`: S3DeleteObjectTagging; each object ends with no tags.
        case deleteTags
        /// `acl`: S3PutObjectAcl; a canned ACL or grants replace each object's grants.
        case acl(ACLOperation)
        /// `restore`: S3InitiateRestoreObject.
        case restore(RestoreOperation)
        /// `legalHold`: S3PutObjectLegalHold.
        case legalHold(LegalHoldOperation)
        /// `retention`: S3PutObjectRetention.
        case retention(RetentionOperation)
        /// `computeChecksum`: S3ComputeObjectChecksum.
        case computeChecksum(ComputeChecksumOperation)
        /// `updateEncryption`: S3UpdateObjectEncryption.
        case updateEncryption(UpdateEncryptionOperation)
        /// `lambda`: LambdaInvoke; the function runs once for every object.
        case lambda(LambdaOperation)
    }
}

extension JobSpec.Operation {
    static let pointer = "/spec/operation"

    /// Which operation a spec names, without its options: the one list of the spec's operation
    /// keys (raw values, in the schema's order), each mapped to its ``JobOperation/Kind``.
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        case copy, replicate, tag, deleteTags, acl, restore, legalHold, retention, computeChecksum
        case updateEncryption, lambda

        /// The S3 Control member this operation creates.
        public var jobKind: JobOperation.Kind {
            switch self {
            case .copy: .s3PutObjectCopy
            case .replicate: .s3ReplicateObject
            case .tag: .s3PutObjectTagging
            case .deleteTags: .s3DeleteObjectTagging
            case .acl: .s3PutObjectAcl
            case .restore: .s3InitiateRestoreObject
            case .legalHold: .s3PutObjectLegalHold
            case .retention: .s3PutObjectRetention
            case .computeChecksum: .s3ComputeObjectChecksum
            case .updateEncryption: .s3UpdateObjectEncryption
            case .lambda: .lambdaInvoke
            }
        }
    }

    /// The spec's keys under `operation:`, in the schema's order.
    public static let keys = Kind.allCases.map(\.rawValue)

    /// Which operation this is.
    public var kind: Kind {
        switch self {
        case .copy: .copy
        case .replicate: .replicate
        case .tag: .tag
        case .deleteTags: .deleteTags
        case .acl: .acl
        case .restore: .restore
        case .legalHold: .legalHold
        case .retention: .retention
        case .computeChecksum: .computeChecksum
        case .updateEncryption: .updateEncryption
        case .lambda: .lambda
        }
    }

    /// The key of this operation under `operation:`.
    public var key: String { kind.rawValue }

    static func decode(_ node: Node?, _ d: inout NodeDecoder) -> Self? {
        guard let node else {
            d.mismatch(nil, pointer, expected: "an object")
            return nil
        }
        guard let kind = Kind.allCases.first(where: { node[$0.rawValue] != nil }),
            let body = d.object(node, kind.rawValue, pointer)
        else {
            d.mismatch(node, pointer, expected: "one of " + keys.joined(separator: ", "))
            return nil
        }
        let at = pointer + "/" + kind.rawValue
        switch kind {
        case .copy: return JobSpec.CopyOperation.decode(body, at: at, &d).map(Self.copy)
        case .replicate: return .replicate
        case .tag: return JobSpec.TagOperation.decode(body, at: at, &d).map(Self.tag)
        case .deleteTags: return .deleteTags
        case .acl: return JobSpec.ACLOperation.decode(body, at: at, &d).map(Self.acl)
        case .restore: return .restore(JobSpec.RestoreOperation.decode(body, at: at, &d))
        case .legalHold: return JobSpec.LegalHoldOperation.decode(body, at: at, &d).map(Self.legalHold)
        case .retention: return .retention(JobSpec.RetentionOperation.decode(body, at: at, &d))
        case .computeChecksum:
            return JobSpec.ComputeChecksumOperation.decode(body, at: at, &d).map(Self.computeChecksum)
        case .lambda: return JobSpec.LambdaOperation.decode(body, at: at, &d).map(Self.lambda)
        case .updateEncryption:
            return JobSpec.UpdateEncryptionOperation.decode(body, at: at, &d).map(Self.updateEncryption)
        }
    }

    /// The operation's rules, each reported at the key it is about.
    func check(_ c: inout RuleContext) {
        let at = Self.pointer + "/" + key
        switch self {
        case .copy(let op): op.check(at: at, &c)
        case .tag(let op): op.check(at: at, &c)
        case .acl(let op): op.check(at: at, &c)
        case .retention(let op): op.check(at: at, &c)
        case .lambda(let op): op.check(at: at, &c)
        case .replicate, .deleteTags, .restore, .legalHold, .computeChecksum, .updateEncryption: break
        }
    }

    /// `{"<key>": <options>}`. The forms of `copy` and `replicate` are pinned by CanonicalGoldenTests.
    var canonicalValue: CanonicalJSON {
        let options: CanonicalJSON =
            switch self {
            case .copy(let op): op.canonicalValue
            case .replicate, .deleteTags: .object([:])
            case .tag(let op): op.canonicalValue
            case .acl(let op): op.canonicalValue
            case .restore(let op): op.canonicalValue
            case .legalHold(let op): op.canonicalValue
            case .retention(let op): op.canonicalValue
            case .computeChecksum(let op): op.canonicalValue
            case .updateEncryption(let op): op.canonicalValue
            case .lambda(let op): op.canonicalValue
            }
        return .object([key: options])
    }

    /// The S3 Control `JobOperation` CreateJob sends.
    public var jobOperation: JobOperation {
        switch self {
        case .replicate: .s3ReplicateObject
        case .copy(let op): .s3PutObjectCopy(op.s3Operation)
        case .tag(let op): .s3PutObjectTagging(op.s3Operation)
        case .deleteTags: .s3DeleteObjectTagging
        case .acl(let op): .s3PutObjectAcl(op.s3Operation)
        case .restore(let op): .s3InitiateRestoreObject(op.s3Operation)
        case .legalHold(let op): .s3PutObjectLegalHold(op.s3Operation)
        case .retention(let op): .s3PutObjectRetention(op.s3Operation)
        case .computeChecksum(let op): .s3ComputeObjectChecksum(op.s3Operation)
        case .updateEncryption(let op): .s3UpdateObjectEncryption(op.s3Operation)
        case .lambda(let op): .lambdaInvoke(op.s3Operation)
        }
    }
}
