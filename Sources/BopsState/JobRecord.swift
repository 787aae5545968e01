public import BopsJobs
public import FoundationEssentials

/// What bops knows about the job of one spec.
public struct JobRecord: Codable, Sendable, Hashable {
    public var name: String
    /// The configuration digest (spec + manifest content) of the current job.
    public var digest: String
    /// The canonical configuration (JSON text) of the current job, to tell which fields a new spec changes.
    public var canonical: String?
    /// Counts jobs made for this spec: 0 for the first, +1 for each clone or replacement.
    public var generation: Int
    /// The spec's `rerun` value when the current job was made.
    public var rerun: Int
    public var accountId: String
    public var region: String?
    public var jobId: String?
    public var clientToken: String
    /// Set before CreateJob is sent and cleared once the job id is recorded: a crash in between is
    /// repaired by sending the same token again, which returns the same job.
    public var pendingCreate: Bool
    public var priority: Int
    public var tags: [String: String]
    public var confirmed: Bool
    public var status: JobStatus?
    public var progress: Progress?
    public var failureReasons: [String]
    public var specFile: String?
    /// `bucket/key` of the staged CSV manifest of the current job.
    public var manifestObject: String?
    public var createdAt: Date?
    public var updatedAt: Date?
    /// Earlier jobs of this spec, oldest first.
    public var history: [PastJob]
    /// When bops first observed each condition other specs wait on (`dependsOn` with a `delay`) to
    /// hold for the current job, by condition (`completed`, `succeeded<=0.05`, `restored`). A new job
    /// starts without any: a delay counts from an observation of the job it is about.
    public var heldSince: [String: Date]?
    /// For a job whose manifest was made from another job's completion report
    /// (`manifest.fromReport`): that job and how many of its rows were taken.
    public var fromReport: ReportLineage?

    public init(
        name: String, digest: String, generation: Int, rerun: Int, accountId: String, region: String?,
        clientToken: String, priority: Int, tags: [String: String]
    ) {
        self.name = name
        self.digest = digest
        self.generation = generation
        self.rerun = rerun
        self.accountId = accountId
        self.region = region
        self.jobId = nil
        self.clientToken = clientToken
        self.pendingCreate = true
        self.priority = priority
        self.tags = tags
        self.confirmed = false
        self.status = nil
        self.progress = nil
        self.failureReasons = []
        self.history = []
    }

    enum CodingKeys: String, CodingKey {
        case name, digest, canonical, generation, rerun, region, tags, confirmed, status, progress, history,
            priority
        case accountId = "account_id"
        case jobId = "job_id"
        case clientToken = "client_token"
        case pendingCreate = "pending_create"
        case failureReasons = "failure_reasons"
        case specFile = "spec_file"
        case manifestObject = "manifest_object"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case heldSince = "held_since"
        case fromReport = "from_report"
    }
}

extension JobRecord {
    /// Takes what DescribeJob said about the current job: status, task counts and failure reasons.
    /// `updatedAt` becomes `now` when any of them changed. Returns whether one did.
    @discardableResult
    public mutating func observe(_ job: JobDescriptor, at now: Date) -> Bool {
        let seenProgress = Progress(job.progressSummary)
        let seenFailures = job.failureReasons?.map(\.text) ?? []
        guard status != job.status || progress != seenProgress || failureReasons != seenFailures else {
            return false
        }
        status = job.status
        progress = seenProgress
        failureReasons = seenFailures
        updatedAt = now
        return true
    }
}

/// A job that an earlier generation of a spec made.
public struct PastJob: Codable, Sendable, Hashable {
    public var jobId: String
    public var digest: String
    public var generation: Int
    public var status: JobStatus?
    public var progress: Progress?
    public var endedBy: String

    public init(
        jobId: String, digest: String, generation: Int, status: JobStatus?, progress: Progress?,
        endedBy: String
    ) {
        self.jobId = jobId
        self.digest = digest
        self.generation = generation
        self.status = status
        self.progress = progress
        self.endedBy = endedBy
    }

    enum CodingKeys: String, CodingKey {
        case digest, generation, status, progress
        case jobId = "job_id"
        case endedBy = "ended_by"
    }
}

/// Where a job's manifest came from when it was made from a completion report: the spec and job
/// whose report it is, and the number of rows taken.
public struct ReportLineage: Codable, Sendable, Hashable {
    public var spec: String
    public var jobId: String
    public var rows: Int

    public init(spec: String, jobId: String, rows: Int) {
        self.spec = spec
        self.jobId = jobId
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case spec, rows
        case jobId = "job_id"
    }
}
