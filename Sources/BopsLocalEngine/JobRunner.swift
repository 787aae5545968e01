public import BopsJobs
import BopsPrimitives
import FoundationEssentials

/// Running jobs: `Ready -> Active -> Completing -> Complete`, with `Failing -> Failed` when more
/// than half of at least 1,000 executed tasks failed, and `Cancelling -> Cancelled` when
/// UpdateJobStatus asked for it.
extension LocalEngine {
    /// Jobs fail when at least this many tasks ran and more than half of them failed.
    public static let failureThresholdMinimumTasks = 1000

    /// Runs jobs that are ready (or were interrupted) until they end, highest priority first.
    ///
    /// Jobs another process is running are skipped. Task outcomes are recorded after every batch,
    /// so a process that dies mid-job loses at most one batch; the next `work` runs the rest (tasks
    /// are re-executed, which a copy tolerates). `onProgress` is called after every batch and when a
    /// job ends. Returns the final descriptor of every job this call ran.
    @discardableResult
    public func work(
        maxJobs: Int? = nil, onProgress: (JobDescriptor) -> Void = { _ in }
    ) async throws
        -> [JobDescriptor]
    {
        for r in try allRecords() where r.job.status == .new || r.job.status == .preparing {
            try prepare(r.job.jobId)
        }
        let runnable: Set<JobStatus> = [.ready, .active, .completing, .failing, .cancelling, .pausing]
        let jobs = try allRecords().filter { runnable.contains($0.job.status) }.sorted {
            ($0.job.priority, $1.job.creationTime ?? .distantPast) > (
                $1.job.priority, $0.job.creationTime ?? .distantPast
            )
        }
        var finished: [JobDescriptor] = []
        for r in jobs {
            if let maxJobs, finished.count >= maxJobs { break }
            let lock = runLock(r.job.jobId)
            guard let held = try lock.tryLock() else { continue }
            defer { held.release() }
            let descriptor = try await run(r.job.jobId, onProgress: onProgress)
            onProgress(descriptor)
            finished.append(descriptor)
        }
        return finished
    }

    /// Runs one job holding its run lock.
    func run(_ id: String, onProgress: (JobDescriptor) -> Void) async throws -> JobDescriptor {
        let start: JobRecord = try mutate(id) { r in
            let now = clock()
            if r.job.status == .ready || r.job.status == .pausing {
                r.setStatus(.active, at: now)
            } else if r.job.status == .active {
                r.activeSince = now
            }
            return r
        }
        guard start.job.status == .active else { return try finishStopped(id) }
        let tasks = TaskFiles.parseTasks(try FileIO.read(tasksPath(id)) ?? [])
        var outcomes = Self.latestOutcomes(TaskFiles.parseResults(try FileIO.read(resultsPath(id)) ?? []))
        let pending = tasks.indices.filter { outcomes[$0] == nil }
        var succeeded = outcomes.values.filter(\.succeeded).count
        var failed = outcomes.count - succeeded
        guard let executor = executor(for: start.job) else {
            try mutate(id) { r in
                r.fail(
                    [
                        JobFailure(
                            failureCode: "UnsupportedOperation",
                            failureReason: "The operation is not supported")
                    ], at: clock())
            }
            return try record(id, account: start.accountId).job
        }
        let guarded = try roleGuarded(executor, job: start.job, accountId: start.accountId)
        var lastSave = Date.distantPast
        var batchStart = 0
        while batchStart < pending.count {
            let batch = Array(pending[batchStart..<min(pending.count, batchStart + options.batchSize)])
            batchStart += batch.count
            for bucket in Set(batch.map { tasks[$0].bucket }) { _ = try? store.refreshed(bucket) }
            let results = await execute(batch.map { ($0, tasks[$0]) }, guarded)
            try store.commit(results.flatMap(\.1.records))
            let newOutcomes = results.map { index, r in
                TaskOutcome(
                    index: index, succeeded: r.succeeded, httpStatus: r.httpStatus, errorCode: r.errorCode,
                    message: r.message)
            }
            try FileIO.append(TaskFiles.resultLines(newOutcomes), to: resultsPath(id))
            for o in newOutcomes {
                outcomes[o.index] = o
                if o.succeeded { succeeded += 1 } else { failed += 1 }
            }
            let executed = succeeded + failed
            let overThreshold = executed >= Self.failureThresholdMinimumTasks && failed * 2 > executed
            let onDisk = try loadRecord(id)?.job.status
            let stopping = onDisk != .active || overThreshold
            let now = clock()
            if stopping || now.timeIntervalSince(lastSave) >= 0.5 || batchStart >= pending.count {
                lastSave = now
                let snapshot: JobDescriptor = try mutate(id) { r in
                    r.job.progressSummary?.numberOfTasksSucceeded = Int64(succeeded)
                    r.job.progressSummary?.numberOfTasksFailed = Int64(failed)
                    if overThreshold && r.job.status == .active {
                        r.job.failureReasons =
                            (r.job.failureReasons ?? []) + [
                                JobFailure(
                                    failureCode: "TaskFailureThresholdExceeded",
                                    failureReason:
                                        "\(failed) of \(executed) tasks failed: more than 50% of at least "
                                        + "\(Self.failureThresholdMinimumTasks) tasks")
                            ]
                        r.setStatus(.failing, at: now)
                    }
                    r.refreshTimers(now: now)
                    return r.job
                }
                onProgress(snapshot)
                if snapshot.status != .active { return try finishStopped(id) }
            }
            if options.pace > .zero { try await Task.sleep(for: options.pace) }
        }
        try mutate(id) { r in
            if r.job.status == .active { r.setStatus(.completing, at: clock()) }
        }
        return try finishStopped(id)
    }

    static func latestOutcomes(_ list: [TaskOutcome]) -> [Int: TaskOutcome] {
        var map: [Int: TaskOutcome] = [:]
        for o in list { map[o.index] = o }
        return map
    }

    func executor(for job: JobDescriptor) -> (any TaskExecutor)? {
        let c = TaskContext(
            store: store, now: clock(), options: options, jobId: job.jobId, folder: jobFolder(job.jobId))
        switch job.operation {
        case .s3PutObjectCopy(let op)?: return op.executor(c)
        case .s3ReplicateObject?: return ReplicateExecutor(store: store)
        case .s3PutObjectTagging(let op)?: return op.executor(c)
        case .s3DeleteObjectTagging?: return TaggingExecutor(store: store, tags: [])
        case .s3PutObjectAcl(let op)?: return op.executor(c)
        case .s3PutObjectLegalHold(let op)?: return op.executor(c)
        case .s3PutObjectRetention(let op)?: return op.executor(c)
        case .s3InitiateRestoreObject(let op)?: return op.executor(c)
        case .s3ComputeObjectChecksum(let op)?: return op.executor(c)
        case .s3UpdateObjectEncryption(let op)?: return op.executor(c)
        case .lambdaInvoke(let op)?: return op.executor(c)
        case .unsupported?, nil: return nil
        }
    }

    /// Runs a batch on at most `options.concurrency` threads; results in batch order.
    ///
    /// Tasks do blocking file I/O, so they run on their own threads rather than on the shared
    /// cooperative pool (which has one thread per core and would serialise on I/O waits).
    func execute(_ batch: [(Int, TaskRow)], _ executor: any TaskExecutor) async -> [(Int, TaskResult)] {
        await ParallelMap.map(batch, lanes: options.concurrency) { ($0.0, executor.execute($0.1)) }
    }

    /// Ends a job that is `Cancelling`, `Failing` or `Completing`: writes the completion report,
    /// then `Cancelled`, `Failed` or `Complete` (`Failed` when the report cannot be written).
    @discardableResult
    func finishStopped(_ id: String) throws -> JobDescriptor {
        guard let record = try loadRecord(id) else { throw EngineError.noSuchJob(id) }
        let stopping: Set<JobStatus> = [.cancelling, .failing, .completing]
        guard stopping.contains(record.job.status) else { return record.job }
        let tasks = TaskFiles.parseTasks(try FileIO.read(tasksPath(id)) ?? [])
        let outcomes = Array(
            Self.latestOutcomes(TaskFiles.parseResults(try FileIO.read(resultsPath(id)) ?? [])).values)
        var reportFailure: JobFailure?
        do {
            try checkReportAllowed(record.job, accountId: record.accountId)
            _ = try CompletionReport.write(
                store: store, report: record.job.report, jobId: id, tasks: tasks, outcomes: outcomes,
                now: clock())
        } catch {
            reportFailure = JobFailure(failureCode: "ReportWriteFailed", failureReason: reason(error))
        }
        return try mutate(id) { r in
            guard stopping.contains(r.job.status) else { return r.job }
            let now = clock()
            let succeeded = outcomes.filter(\.succeeded).count
            r.job.progressSummary?.numberOfTasksSucceeded = Int64(succeeded)
            r.job.progressSummary?.numberOfTasksFailed = Int64(outcomes.count - succeeded)
            switch r.job.status {
            case .cancelling:
                r.setStatus(.cancelled, at: now)
            case .failing:
                if let reportFailure { r.job.failureReasons = (r.job.failureReasons ?? []) + [reportFailure] }
                r.setStatus(.failed, at: now)
            default:
                if let reportFailure {
                    r.fail([reportFailure], at: now)
                } else {
                    r.setStatus(.complete, at: now)
                }
            }
            return r.job
        }
    }
}
