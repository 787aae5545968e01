public import BopsJobs

/// One call of a ``JobsEngine`` or ``ObjectStore`` as ``ScriptedEngine`` records it.
public struct EngineCall: Sendable, Hashable, CustomStringConvertible {
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case createJob, describeJob, listJobs, updateJobStatus, updateJobPriority, getJobTagging
        case putJobTagging, deleteJobTagging
        case putObject, headObject, getObject, listObjects, bucketExists, bucketVersioning,
            replicationConfiguration
        case objectLockEnabled
        /// A read of a bucket's policy, Object Lock configuration, Block Public Access or lifecycle.
        case bucketSettings

        /// Whether the call changes a job (the effects state must record).
        public var changesJob: Bool {
            switch self {
            case .createJob, .updateJobStatus, .updateJobPriority, .putJobTagging, .deleteJobTagging: true
            default: false
            }
        }
    }

    public var operation: Operation
    /// The job the call is about (for CreateJob: the one it answered with, unknown when it starts).
    public var jobId: String?
    /// CreateJob's client token.
    public var clientToken: String?

    public init(_ operation: Operation, jobId: String? = nil, clientToken: String? = nil) {
        self.operation = operation
        self.jobId = jobId
        self.clientToken = clientToken
    }

    public var description: String {
        operation.rawValue + (jobId.map { "(\($0))" } ?? "")
            + (clientToken.map { "[token \($0.prefix(8))]" } ?? "")
    }
}

/// What a ``ScriptedEngine`` does at a chosen call instead of answering.
public struct Fault: Sendable, Hashable, CustomStringConvertible {
    public enum Trigger: Sendable, Hashable {
        /// The n-th call (0-based) of any operation.
        case call(Int)
        /// The n-th call (0-based) of one operation.
        case operation(EngineCall.Operation, occurrence: Int)
    }

    public enum Effect: Sendable, Hashable {
        /// The call throws this error without any effect.
        case fail(EngineError)
        /// The call never answers (until its task is cancelled): the process "stops" there, as if
        /// killed while the request was in flight, before it had any effect.
        case hang
        /// The call has its effect, then never answers (until its task is cancelled): the process is
        /// killed after the engine acted but before the answer arrived.
        case hangAfterEffect
    }

    public var trigger: Trigger
    public var effect: Effect

    public init(_ trigger: Trigger, _ effect: Effect) {
        self.trigger = trigger
        self.effect = effect
    }

    /// An `InternalServiceException` whose message names the trigger, to recognise it in outcomes.
    public static func failure(at trigger: Trigger) -> Fault {
        Fault(trigger, .fail(EngineError.internalError("injected failure at \(trigger)")))
    }

    public var description: String { "\(effect) at \(trigger)" }
}
