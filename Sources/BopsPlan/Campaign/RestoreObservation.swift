public import FoundationEssentials

/// What HEAD said of a restore job's objects (the `restored` condition): each object of the job's
/// manifest up to the sample size, above it a seeded random sample of that size. Objects the
/// restore job itself failed on (its completion report) are left out of the condition and listed.
public struct RestoreObservation: Codable, Sendable, Hashable {
    /// The restore job the objects belong to.
    public var jobId: String
    /// Rows of the job's manifest.
    public var manifestObjects: Int
    /// Objects looked at (all of them, or the sample).
    public var checked: Int
    /// Readable now: restored with `ongoing-request="false"`, or never archived.
    public var restored: Int
    /// Restores still running (`ongoing-request="true"`).
    public var ongoing: Int
    /// Archived with no restore under way although the job did not fail on them: their restored
    /// copy expired, or the restore never happened.
    public var archived: Int
    /// Keys the job failed on (its report), left out of the condition; the first few.
    public var failedByJob: [String]
    public var failedByJobCount: Int
    /// Objects HEAD did not find (and the job did not fail on).
    public var missing: Int
    /// The earliest `expiry-date` among the restored copies.
    public var earliestExpiry: Date?
    /// Why the objects could not be looked at (no manifest readable): the condition cannot hold yet.
    public var unreadable: String?

    public init(
        jobId: String, manifestObjects: Int, checked: Int, restored: Int, ongoing: Int = 0, archived: Int = 0,
        failedByJob: [String] = [], failedByJobCount: Int = 0, missing: Int = 0, earliestExpiry: Date? = nil,
        unreadable: String? = nil
    ) {
        self.jobId = jobId
        self.manifestObjects = manifestObjects
        self.checked = checked
        self.restored = restored
        self.ongoing = ongoing
        self.archived = archived
        self.failedByJob = failedByJob
        self.failedByJobCount = failedByJobCount
        self.missing = missing
        self.earliestExpiry = earliestExpiry
        self.unreadable = unreadable
    }

    /// Whether only part of the manifest was looked at.
    public var sampled: Bool { checked < manifestObjects - failedByJobCount }

    /// The objects that count: those looked at that the job did not fail on.
    public var counted: Int { restored + ongoing + archived + missing }

    enum CodingKeys: String, CodingKey {
        case restored, ongoing, archived, missing, checked, unreadable
        case jobId = "job_id"
        case manifestObjects = "manifest_objects"
        case failedByJob = "failed_by_job"
        case failedByJobCount = "failed_by_job_count"
        case earliestExpiry = "earliest_expiry"
    }
}
