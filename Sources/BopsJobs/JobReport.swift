/// The completion report a job writes when it ends (`JobReport`).
///
/// When `enabled`, `bucket` (a bucket ARN) is required; the report is written under
/// `<bucket>/<prefix>/job-<jobId>/` as `manifest.json` plus headerless `results/<name>.csv` files.
public struct JobReport: Codable, Sendable, Hashable {
    public var bucket: String?
    public var format: JobReportFormat?
    public var enabled: Bool
    public var prefix: String?
    public var reportScope: JobReportScope?
    public var expectedBucketOwner: String?

    public init(
        bucket: String? = nil, format: JobReportFormat? = nil, enabled: Bool, prefix: String? = nil,
        reportScope: JobReportScope? = nil, expectedBucketOwner: String? = nil
    ) {
        self.bucket = bucket
        self.format = format
        self.enabled = enabled
        self.prefix = prefix
        self.reportScope = reportScope
        self.expectedBucketOwner = expectedBucketOwner
    }

    /// A report that writes nothing.
    public static let disabled = JobReport(enabled: false)

    enum CodingKeys: String, CodingKey {
        case bucket
        case format
        case enabled
        case prefix
        case reportScope = "report_scope"
        case expectedBucketOwner = "expected_bucket_owner"
    }
}

public enum JobReportFormat: String, Codable, Sendable, Hashable, CaseIterable {
    case csv20180820 = "Report_CSV_20180820"
}

public enum JobReportScope: String, Codable, Sendable, Hashable, CaseIterable {
    case allTasks = "AllTasks"
    case failedTasksOnly = "FailedTasksOnly"
}
