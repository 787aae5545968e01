public import BopsJobs

/// Task counts of a job as last observed.
public struct Progress: Codable, Sendable, Hashable {
    public var total: Int?
    public var succeeded: Int
    public var failed: Int

    public init(total: Int?, succeeded: Int, failed: Int) {
        self.total = total
        self.succeeded = succeeded
        self.failed = failed
    }

    public var done: Int { succeeded + failed }
}

extension Progress {
    /// The counts of a DescribeJob progress summary; `nil` when the job has none yet.
    public init?(_ summary: JobProgressSummary?) {
        guard let s = summary else { return nil }
        self.init(
            total: s.totalNumberOfTasks.map { Int($0) }, succeeded: Int(s.numberOfTasksSucceeded ?? 0),
            failed: Int(s.numberOfTasksFailed ?? 0))
    }
}

extension JobFailure {
    /// `CODE: reason`, as state records it and plans and reports print it.
    public var text: String {
        [failureCode, failureReason].compactMap { $0 }.joined(separator: ": ")
    }
}
