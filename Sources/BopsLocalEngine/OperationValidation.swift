import BopsJobs
import FoundationEssentials

/// The checks AWS makes on a CreateJob's operation before accepting the job; each failure is a
/// `BadRequestException` (HTTP 400) naming the member and the rule. Rules that depend on an
/// object (its storage class, its bucket's Object Lock, its encryption) are checked when its task
/// runs and fail that task.
enum OperationValidation {
    static func validate(_ operation: JobOperation) throws {
        switch operation {
        case .s3PutObjectCopy(let op): try op.validate()
        case .s3ReplicateObject, .s3DeleteObjectTagging: break
        case .s3PutObjectTagging(let op): try op.validate()
        case .s3PutObjectAcl(let op): try op.validate()
        case .s3InitiateRestoreObject(let op): try op.validate()
        case .s3PutObjectLegalHold(let op): try op.validate()
        case .s3PutObjectRetention(let op): try op.validate()
        case .s3ComputeObjectChecksum(let op): try op.validate()
        case .s3UpdateObjectEncryption(let op): try op.validate()
        case .lambdaInvoke(let op): try op.validate()
        case .unsupported(let name):
            throw bad("The local engine does not know the operation \(name)")
        }
    }

    static func bad(_ message: String) -> EngineError { .badRequest(message) }
}

/// What the local engine knows of an operation with options: its CreateJob checks and the
/// executor of its tasks (`Operations/*+Local.swift`, one file per operation).
protocol LocalOperation {
    /// AWS's checks of the operation when a job is created; a failure is a `BadRequestException`.
    func validate() throws
    /// The executor of the job's tasks; nil when the operation lacks what its tasks need.
    func executor(_ c: TaskContext) -> (any TaskExecutor)?
}

/// What an executor is built with: the store, the job's clock reading, options and folder.
struct TaskContext {
    let store: LocalStore
    let now: Date
    let options: LocalEngine.Options
    let jobId: String
    let folder: String
}
