public import BopsJobs
import BopsPrimitives
import FoundationEssentials

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
        let objects = SummaryObjects(tasks: tasks, storageClasses: storageClasses)
        let them = objects.them
        switch operation {
        case .s3PutObjectCopy(let op): return op.summary(objects)
        case .s3ReplicateObject:
            return "Replicate \(them) under the source bucket's replication configuration"
        case .s3PutObjectTagging(let op): return op.summary(objects)
        case .s3DeleteObjectTagging: return "Delete all tags of \(them)"
        case .s3PutObjectAcl(let op): return op.summary(objects)
        case .s3InitiateRestoreObject(let op): return op.summary(objects)
        case .s3PutObjectLegalHold(let op): return op.summary(objects)
        case .s3PutObjectRetention(let op): return op.summary(objects)
        case .s3ComputeObjectChecksum(let op): return op.summary(objects)
        case .s3UpdateObjectEncryption(let op): return op.summary(objects)
        case .lambdaInvoke(let op): return op.summary(objects)
        case .unsupported(let name): return "Run \(name) on \(them)"
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
}

/// What a sentence knows of the objects a job runs on.
struct SummaryObjects {
    /// The number of objects, when known.
    var tasks: Int?
    /// The storage classes the objects are known to be in (none: unknown).
    var storageClasses: [S3StorageClass]

    /// `1,204 objects`, or `every object`.
    var them: String { OperationSummary.objects(tasks) }
}

/// An operation's sentence: each operation with options says its own (`Operations/*+Summary.swift`).
protocol OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String
}
