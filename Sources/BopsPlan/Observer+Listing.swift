public import BopsJobs
public import BopsState

extension Observer {
    /// The ListJobs rows (every status) of the jobs `ids` in one account, by job id, in pages of
    /// `pageSize`, newest first. Paging stops once every id has been seen, at the last page, or
    /// when the pages read exceed the number of ids still unseen (another page would cost more
    /// calls than describing those). A job not in the answer is simply absent: ListJobs shows live jobs
    /// and those that ended in the last 90 days, so an older job (or a deleted one) is left to
    /// DescribeJob. A ListJobs the caller may not make (AccessDenied) lists nothing.
    public static func listed(
        _ ids: Set<String>, accountId: String, in jobs: any JobsEngine, pageSize: Int = 1000
    ) async throws -> [String: JobListDescriptor] {
        var found: [String: JobListDescriptor] = [:]
        var token: String?
        var pages = 0
        repeat {
            let page: (jobs: [JobListDescriptor], nextToken: String?)
            do {
                page = try await jobs.listJobs(
                    accountId: accountId, statuses: [], nextToken: token, maxResults: pageSize)
            } catch let error as EngineError where error.code == EngineError.accessDenied {
                return found
            }
            pages += 1
            for row in page.jobs where ids.contains(row.jobId) { found[row.jobId] = row }
            token = page.nextToken
        } while token != nil && found.count < ids.count && pages <= ids.count - found.count
        return found
    }
}

extension ObservedJob {
    /// The observation a ListJobs row gives of a recorded job when it stands for DescribeJob;
    /// `nil` when the job must be described.
    ///
    /// ListJobs gives status, priority and task counts but no failure reasons (nor the status
    /// update reason). A job has failure reasons only once it failed (``JobDescriptor``), so the
    /// row is the whole observation of a job in a status that never carries them (New to Complete,
    /// Pausing, Paused), whatever the record says: a changed priority, a confirmation made outside
    /// bops or a job never observed since its creation is seen from the row alone. A `Failed` or
    /// `Cancelled` job no longer changes: the row stands when it matches the record and the record
    /// has its reasons (they came from DescribeJob; an adopted record has none). A `Failing` or
    /// `Cancelling` job may still gain reasons: it is described. Tags are left `nil` (read apart),
    /// and so is `statusReason`, which only a cancellation needs (its drift words it), and a
    /// cancelled job that does not match its record is described.
    public init?(listed row: JobListDescriptor, unchangedFrom record: JobRecord) {
        let progress = Progress(row.progressSummary)
        switch row.status {
        case .failing, .cancelling: return nil
        case .failed, .cancelled:
            guard row.status == record.status, row.priority == record.priority, progress == record.progress,
                !record.failureReasons.isEmpty
            else { return nil }
            self.init(
                status: row.status, progress: record.progress, priority: row.priority,
                failureReasons: record.failureReasons)
        case .new, .preparing, .suspended, .ready, .active, .pausing, .paused, .completing, .complete:
            self.init(status: row.status, progress: progress, priority: row.priority)
        }
    }
}
