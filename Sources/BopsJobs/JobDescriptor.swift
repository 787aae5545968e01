public import FoundationEssentials

/// Everything DescribeJob answers about one job (`JobDescriptor`).
///
/// Invariants an engine keeps: `terminationDate` is set exactly when `status.isTerminal`;
/// `failureReasons` is non-empty when `status` is `Failing` or `Failed`, and empty unless the job
/// has been `Failing` or `Failed` (a job cancelled while failing keeps them); `suspendedDate` and
/// `suspendedCause` are set once the job has been `Suspended`.
public struct JobDescriptor: Codable, Sendable, Hashable {
    public var jobId: String
    public var confirmationRequired: Bool?
    public var description: String?
    public var jobArn: String?
    public var status: JobStatus
    public var manifest: JobManifest?
    public var operation: JobOperation?
    public var priority: Int
    public var progressSummary: JobProgressSummary?
    public var statusUpdateReason: String?
    public var failureReasons: [JobFailure]?
    public var report: JobReport?
    public var creationTime: Date?
    public var terminationDate: Date?
    public var roleArn: String?
    public var suspendedDate: Date?
    public var suspendedCause: String?
    public var manifestGenerator: JobManifestGenerator?
    public var generatedManifestDescriptor: S3GeneratedManifestDescriptor?

    public init(
        jobId: String, confirmationRequired: Bool? = nil, description: String? = nil, jobArn: String? = nil,
        status: JobStatus, manifest: JobManifest? = nil, operation: JobOperation? = nil, priority: Int = 0,
        progressSummary: JobProgressSummary? = nil, statusUpdateReason: String? = nil,
        failureReasons: [JobFailure]? = nil, report: JobReport? = nil, creationTime: Date? = nil,
        terminationDate: Date? = nil, roleArn: String? = nil, suspendedDate: Date? = nil,
        suspendedCause: String? = nil, manifestGenerator: JobManifestGenerator? = nil,
        generatedManifestDescriptor: S3GeneratedManifestDescriptor? = nil
    ) {
        self.jobId = jobId
        self.confirmationRequired = confirmationRequired
        self.description = description
        self.jobArn = jobArn
        self.status = status
        self.manifest = manifest
        self.operation = operation
        self.priority = priority
        self.progressSummary = progressSummary
        self.statusUpdateReason = statusUpdateReason
        self.failureReasons = failureReasons
        self.report = report
        self.creationTime = creationTime
        self.terminationDate = terminationDate
        self.roleArn = roleArn
        self.suspendedDate = suspendedDate
        self.suspendedCause = suspendedCause
        self.manifestGenerator = manifestGenerator
        self.generatedManifestDescriptor = generatedManifestDescriptor
    }

    /// The row ListJobs would show for this job.
    public var listDescriptor: JobListDescriptor {
        JobListDescriptor(
            jobId: jobId, description: description, operation: operation?.name, priority: priority,
            status: status, creationTime: creationTime, terminationDate: terminationDate,
            progressSummary: progressSummary)
    }

    enum CodingKeys: String, CodingKey {
        case jobId = "job_id"
        case confirmationRequired = "confirmation_required"
        case description
        case jobArn = "job_arn"
        case status
        case manifest
        case operation
        case priority
        case progressSummary = "progress_summary"
        case statusUpdateReason = "status_update_reason"
        case failureReasons = "failure_reasons"
        case report
        case creationTime = "creation_time"
        case terminationDate = "termination_date"
        case roleArn = "role_arn"
        case suspendedDate = "suspended_date"
        case suspendedCause = "suspended_cause"
        case manifestGenerator = "manifest_generator"
        case generatedManifestDescriptor = "generated_manifest_descriptor"
    }
}

/// Task counts (`JobProgressSummary`). `totalNumberOfTasks` is known once preparation ends;
/// succeeded + failed never exceeds it.
public struct JobProgressSummary: Codable, Sendable, Hashable {
    public var totalNumberOfTasks: Int64?
    public var numberOfTasksSucceeded: Int64?
    public var numberOfTasksFailed: Int64?
    public var timers: JobTimers?

    public init(
        totalNumberOfTasks: Int64? = nil, numberOfTasksSucceeded: Int64? = nil,
        numberOfTasksFailed: Int64? = nil,
        timers: JobTimers? = nil
    ) {
        self.totalNumberOfTasks = totalNumberOfTasks
        self.numberOfTasksSucceeded = numberOfTasksSucceeded
        self.numberOfTasksFailed = numberOfTasksFailed
        self.timers = timers
    }

    enum CodingKeys: String, CodingKey {
        case totalNumberOfTasks = "total_number_of_tasks"
        case numberOfTasksSucceeded = "number_of_tasks_succeeded"
        case numberOfTasksFailed = "number_of_tasks_failed"
        case timers
    }
}

/// `elapsedTimeInActiveSeconds`: total seconds the job has spent `Active`.
public struct JobTimers: Codable, Sendable, Hashable {
    public var elapsedTimeInActiveSeconds: Int64?

    public init(elapsedTimeInActiveSeconds: Int64? = nil) {
        self.elapsedTimeInActiveSeconds = elapsedTimeInActiveSeconds
    }

    enum CodingKeys: String, CodingKey {
        case elapsedTimeInActiveSeconds = "elapsed_time_in_active_seconds"
    }
}

/// Why a job failed (`JobFailure`): a code (at most 64 characters) and a reason (at most 256).
public struct JobFailure: Codable, Sendable, Hashable, Error {
    public var failureCode: String?
    public var failureReason: String?

    public init(failureCode: String?, failureReason: String?) {
        self.failureCode = failureCode
        self.failureReason = failureReason
    }

    enum CodingKeys: String, CodingKey {
        case failureCode = "failure_code"
        case failureReason = "failure_reason"
    }
}

/// One row of ListJobs (`JobListDescriptor`); `operation` is the `OperationName`.
public struct JobListDescriptor: Codable, Sendable, Hashable {
    public var jobId: String
    public var description: String?
    public var operation: String?
    public var priority: Int
    public var status: JobStatus
    public var creationTime: Date?
    public var terminationDate: Date?
    public var progressSummary: JobProgressSummary?

    public init(
        jobId: String, description: String? = nil, operation: String? = nil, priority: Int = 0,
        status: JobStatus, creationTime: Date? = nil, terminationDate: Date? = nil,
        progressSummary: JobProgressSummary? = nil
    ) {
        self.jobId = jobId
        self.description = description
        self.operation = operation
        self.priority = priority
        self.status = status
        self.creationTime = creationTime
        self.terminationDate = terminationDate
        self.progressSummary = progressSummary
    }

    enum CodingKeys: String, CodingKey {
        case jobId = "job_id"
        case description
        case operation
        case priority
        case status
        case creationTime = "creation_time"
        case terminationDate = "termination_date"
        case progressSummary = "progress_summary"
    }
}
