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
    /// The observation a ListJobs row gives of a recorded job when it stands for DescribeJob:
    /// the row shows the record's status, priority and task counts, and the record's failure
    /// reasons are DescribeJob's. `nil` when the job must be described.
    ///
    /// ListJobs gives status, priority and task counts but no failure reasons (nor the status
    /// update reason). A job has failure reasons only once it failed (``JobDescriptor``), so the
    /// record's stand for a job that never was Failing (New to Complete, Pausing, Paused): a
    /// record of such a status came from DescribeJob, from ListJobs (adoption) or from bops's own
    /// confirmation, none with reasons. A `Failed` or `Cancelled` job no longer changes: its
    /// recorded reasons stand when the record has some (they came from DescribeJob; an adopted
    /// record has none). A `Failing` or `Cancelling` job may still gain reasons: it is described.
    /// Tags are left `nil` (read apart), and so is `statusReason`, which only a changed status
    /// needs (the cancellation drift words it).
    public init?(listed row: JobListDescriptor, unchangedFrom record: JobRecord) {
        guard row.status == record.status, row.priority == record.priority,
            Progress(row.progressSummary) == record.progress
        else { return nil }
        switch row.status {
        case .failing, .cancelling: return nil
        case .failed, .cancelled: if record.failureReasons.isEmpty { return nil }
        case .new, .preparing, .suspended, .ready, .active, .pausing, .paused, .completing, .complete: break
        }
        self.init(
            status: row.status, progress: record.progress, priority: row.priority,
            failureReasons: record.failureReasons)
    }
}
