public import BopsJobs
import BopsPrimitives
import Foundation

/// One sentence a reviewer reads to know what a job does to its objects, for plans in every form
/// (terminal, markdown, JSON): "Tag 1,204 objects: tier=cold (replaces each object's tag set)".
///
/// A pure function of the operation: no clock, no I/O. The task count is used when known (a job
/// that has been prepared), and storage classes when the manifest generator's filter names them;
/// without them the sentence speaks of "every object".
public enum OperationSummary {
    /// The sentence for `operation`; `tasks` is the number of objects when known,
    /// `storageClasses` the classes the objects are known to be in (none: unknown).
    public static func sentence(
        for operation: JobOperation, tasks: Int? = nil, storageClasses: [S3StorageClass] = []
    ) -> String {
        let them = objects(tasks)
        switch operation {
        case .s3PutObjectCopy(let c):
            let count = tasks.map { " " + Self.objects($0) } ?? ""
            return "Copy\(count) to \(c.targetResource ?? "?")"
                + (c.storageClass.map { " as \($0.rawValue)" } ?? "")
        case .s3ReplicateObject:
            return "Replicate \(them) under the source bucket's replication configuration"
        case .s3PutObjectTagging(let t):
            let tags = t.tagSet ?? []
            guard !tags.isEmpty else { return "Remove all tags of \(them) (an empty tag set)" }
            let list = tags.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return "Tag \(them): \(list) (replaces each object's tag set)"
        case .s3DeleteObjectTagging:
            return "Delete all tags of \(them)"
        case .s3PutObjectAcl(let a):
            return acl(a.accessControlPolicy, them)
        case .s3InitiateRestoreObject(let r):
            let from =
                storageClasses.isEmpty
                ? "" : " from " + storageClasses.map(\.rawValue).joined(separator: " or ")
            let days = r.expirationInDays.map { " for \($0) day\($0 == 1 ? "" : "s")" } ?? ""
            let tier = r.glacierJobTier.map { " (\($0.rawValue) tier)" } ?? ""
            return "Restore \(them)\(from)\(days)\(tier)"
        case .s3PutObjectLegalHold(let h):
            return "Legal hold \(h.legalHold.status.rawValue) for \(them)"
        case .s3PutObjectRetention(let r):
            let bypass = r.bypassGovernanceRetention == true ? ", bypassing GOVERNANCE retention" : ""
            guard let mode = r.retention.mode, let until = r.retention.retainUntilDate else {
                return "Remove the retention of \(them)\(bypass)"
            }
            return "Retain \(them) in \(mode.rawValue) mode until \(day(until))\(bypass)"
        case .s3ComputeObjectChecksum(let c):
            let algorithm = c.checksumAlgorithm?.rawValue ?? "default"
            let type = c.checksumType.map { " (\($0.rawValue))" } ?? ""
            return "Compute \(algorithm)\(type) checksums of \(them)"
        case .s3UpdateObjectEncryption(let u):
            guard let kms = u.objectEncryption?.sseKMS else { return "Update the encryption of \(them)" }
            let bucketKey = kms.bucketKeyEnabled == true ? " and an S3 Bucket Key" : ""
            return "Re-encrypt \(them) with SSE-KMS key \(kms.kmsKeyArn)\(bucketKey)"
        case .lambdaInvoke(let l):
            let arguments = (l.userArguments ?? [:]).sorted { $0.key < $1.key }
            let list =
                arguments.isEmpty
                ? ""
                : ", user arguments: " + arguments.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return
                "Invoke \(l.functionArn ?? "?") on \(them), schema \(l.invocationSchemaVersion ?? "1.0")\(list)"
        case .unsupported(let name):
            return "Run \(name) on \(them)"
        }
    }

    /// The sentence for the job `request` creates: the storage classes come from its manifest
    /// generator's filter, when it names them.
    public static func sentence(for request: CreateJobRequest, tasks: Int? = nil) -> String {
        let classes = request.manifestGenerator?.s3JobManifestGenerator?.filter?.matchAnyStorageClass ?? []
        return sentence(for: request.operation, tasks: tasks, storageClasses: classes)
    }

    /// `1 object`, `1,204 objects`, or `every object` when the count is unknown.
    static func objects(_ count: Int?) -> String {
        guard let count else { return "every object" }
        return "\(grouped(count)) object\(count == 1 ? "" : "s")"
    }

    /// `1204` as `1,204`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A date at midnight UTC as `2027-01-01`, any other time in RFC 3339.
    static func day(_ date: Date) -> String {
        let full = Timestamp(date: date).description
        return full.hasSuffix("T00:00:00Z") ? String(full.prefix(10)) : full
    }

    private static func acl(_ policy: S3AccessControlPolicy?, _ objects: String) -> String {
        if let canned = policy?.cannedAccessControlList {
            return "Set canned ACL \(canned.rawValue) on \(objects)"
        }
        let grants = policy?.accessControlList?.grants ?? []
        let owner = policy?.accessControlList?.owner.id.map { ", owner \($0)" } ?? ""
        let list = grants.map { g in
            let who = g.grantee.map { "\($0.typeIdentifier?.rawValue ?? "?") \($0.identifier ?? "?")" } ?? "?"
            return "\(g.permission?.rawValue ?? "?") to \(who)"
        }
        let count = "\(grants.count) grant\(grants.count == 1 ? "" : "s")"
        return "Replace the ACL of \(objects) with \(count)"
            + (list.isEmpty ? "" : ": " + list.joined(separator: ", "))
            + owner
    }
}
