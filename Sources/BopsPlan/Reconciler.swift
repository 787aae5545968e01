public import BopsJobs
import BopsPrimitives
public import BopsState
public import FoundationEssentials

/// Something that happened while applying, for the command to show as it goes.
public struct ApplyEvent: Sendable, Hashable {
    public var name: String
    public var message: String

    public init(name: String, message: String) {
        self.name = name
        self.message = message
    }
}

/// One change action that ended, with what it did in order and its error if it failed.
public struct FinishedAction: Sendable {
    public var action: PlannedAction
    public var events: [ApplyEvent]
    public var error: (any Error)?
    /// Actions ended so far (this one included) and change actions in the plan.
    public var finished: Int
    public var total: Int
}

/// A change action that failed, and why.
public struct FailedAction: Sendable {
    public var action: PlannedAction
    public var error: any Error
}

/// How an apply ended: the state as saved after the last effect, and the error that stopped it, if any.
public struct ApplyOutcome: Sendable {
    public var state: State
    /// The first failure in plan order (or the state's own failure, with no action).
    public var error: (any Error)?
    /// The action that failed.
    public var failedAction: PlannedAction?
    public var applied: Int
    /// Every action that failed, in plan order.
    public var failures: [FailedAction] = []
}

/// Reads a local file to upload; injected so the reconciler's only effects go through its parameters.
public typealias FileReader = @Sendable (String) throws -> [UInt8]

/// Executes a plan through an engine. The only code with effects on jobs and state.
///
/// Invariants: every state change goes through one ``StateWriter`` and is durable before the next
/// effect of its spec, and before CreateJob the record holds the client token (`pendingCreate`), so
/// a crash at any point is repaired by the next run, which sends the same token and gets the same
/// job. The change actions of different specs run concurrently, at most `parallelism` at once; the
/// steps of one action run in order. Staging uploads are content-addressed and idempotent, so state
/// does not record them, and each distinct object is staged once per apply. An error stops new
/// actions from starting; those running finish and are recorded. Every path out of ``apply`` ends
/// with ``StateWriter/finish()``: the outcome's state is what the store holds.
public struct Reconciler: Sendable {
    /// The engine for a region (nil: the default region). Jobs are regional; one plan may span regions.
    public let jobsIn: @Sendable (String?) -> any JobsEngine
    public let objects: any ObjectStore
    public let readFile: FileReader
    public let now: @Sendable () -> Date

    public init(
        jobsIn: @escaping @Sendable (String?) -> any JobsEngine, objects: any ObjectStore,
        readFile: @escaping FileReader, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.jobsIn = jobsIn
        self.objects = objects
        self.readFile = readFile
        self.now = now
    }

    /// A plan may only be applied to the state it was made from.
    public static func isFresh(_ plan: Plan, for state: State?) -> Bool {
        (plan.stateLineage == state?.lineage || (plan.stateLineage == nil && state?.serial ?? 0 == 0))
            && plan.stateSerial == (state?.serial ?? 0)
    }

    /// Applies the change actions of `plan`, starting from `initial` (the state the plan was made
    /// from, as loaded under the lock) and saving into `store`: at most `parallelism` actions at once
    /// (at least one), actions of one spec in plan order. `onFinish` hears of each action as it ends,
    /// one call at a time.
    public func apply(
        _ plan: Plan, to initial: State?, in store: LockedState, observed: [String: Observation] = [:],
        parallelism: Int = 1, onFinish: @Sendable (FinishedAction) -> Void = { _ in }
    ) async -> ApplyOutcome {
        let writer = StateWriter(store, from: initial)
        let run = Run(writer: writer, staged: OnceMap<String>())
        let changes = plan.actions.filter { $0.kind.isChange }
        // Actions of one spec form one chain, run in order; chains run concurrently.
        var chains: [[Int]] = []
        var chainOf: [String: Int] = [:]
        for (i, action) in changes.enumerated() {
            if let c = chainOf[action.name] {
                chains[c].append(i)
            } else {
                chainOf[action.name] = chains.count
                chains.append([i])
            }
        }
        var failures: [(Int, FailedAction)] = []
        var applied = 0
        var finished = 0
        await withTaskGroup(of: [(Int, [ApplyEvent], (any Error)?)].self) { group in
            var next = 0
            func start(_ chain: [Int]) {
                group.addTask {
                    var results: [(Int, [ApplyEvent], (any Error)?)] = []
                    for i in chain {
                        var events: [ApplyEvent] = []
                        do {
                            try await self.run(
                                changes[i], observed: observed[changes[i].name], in: run, events: &events)
                            results.append((i, events, nil))
                        } catch {
                            results.append((i, events, error))
                            break
                        }
                    }
                    return results
                }
            }
            while next < min(max(1, parallelism), chains.count) {
                start(chains[next])
                next += 1
            }
            while let results = await group.next() {
                for (i, events, error) in results {
                    finished += 1
                    if let error {
                        failures.append((i, FailedAction(action: changes[i], error: error)))
                    } else {
                        applied += 1
                    }
                    onFinish(
                        FinishedAction(
                            action: changes[i], events: events, error: error, finished: finished,
                            total: changes.count))
                }
                if failures.isEmpty, next < chains.count {
                    start(chains[next])
                    next += 1
                }
            }
        }
        failures.sort { $0.0 < $1.0 }
        var outcome = ApplyOutcome(
            state: await writer.state, error: failures.first?.1.error, failedAction: failures.first?.1.action,
            applied: applied, failures: failures.map(\.1))
        if failures.isEmpty {
            do { try await refresh(plan, observed: observed, in: run, width: parallelism) } catch {
                outcome.error = error
            }
        }
        do { outcome.state = try await writer.finish() } catch {
            outcome.state = await writer.state
            if outcome.error == nil { outcome.error = error }
        }
        return outcome
    }

    /// What one apply shares between its actions.
    struct Run: Sendable {
        let writer: StateWriter
        /// Staged objects by `bucket/key`.
        let staged: OnceMap<String>

        func record(_ name: String) async -> JobRecord? { await writer.state.jobs[name] }
    }

    /// Keeps what was observed for actions without effects (status, progress, and the priority and
    /// tags an earlier apply may have set before it stopped) so state and `status` are current.
    private func refresh(
        _ plan: Plan, observed: [String: Observation], in run: Run, width: Int
    ) async throws {
        let current = await run.writer.state
        var records: [String: JobRecord] = [:]
        for action in plan.actions where !action.kind.isChange {
            guard let old = current.jobs[action.name], case .job(let o)? = observed[action.name] else {
                continue
            }
            records[action.name] = JobView(record: old, observed: o).refreshedRecord
        }
        // A delay counts from the first observation of its condition: record it on the
        // dependency's job, once, for the job it was observed of.
        for action in plan.actions {
            for check in action.conditions ?? []
            where check.satisfied && check.heldSince == nil && check.dependency.delay != nil {
                let name = check.dependency.spec
                guard var record = records[name] ?? current.jobs[name], record.jobId == check.jobId,
                    record.heldSince?[check.dependency.conditionKey] == nil
                else { continue }
                record.heldSince = (record.heldSince ?? [:]).merging(
                    [check.dependency.conditionKey: now()], uniquingKeysWith: { a, _ in a })
                records[name] = record
            }
        }
        let changed = records.filter { current.jobs[$0.key] != $0.value }.sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
        _ = try await Bounded.map(changed, width: width) { (name, record) in
            try await run.writer.set(record, for: name)
        }
    }

    private func run(
        _ action: PlannedAction, observed: Observation?, in run: Run, events: inout [ApplyEvent]
    ) async throws {
        func onEvent(_ event: ApplyEvent) { events.append(event) }
        func save(_ record: JobRecord?, as name: String) async throws(StateError) {
            try await run.writer.set(record, for: name)
        }
        let name = action.name
        let jobs = jobsIn(action.region)
        switch action.kind {
        case .none, .wait, .blocked:
            return
        case .create, .clone, .replace:
            guard let request = action.request, let digest = action.digest, let generation = action.generation
            else {
                throw EngineError(
                    code: "InvalidPlan", message: "plan action for \(name) has no job request",
                    requestId: nil, httpStatus: nil)
            }
            var history = await run.record(name)?.history ?? []
            if action.kind == .replace, let old = action.jobId {
                try await cancel(jobId: old, accountId: action.accountId, in: jobs)
                if var cancelled = await run.record(name), cancelled.jobId == old {
                    cancelled.status = .cancelling
                    cancelled.updatedAt = now()
                    try await save(cancelled, as: name)
                }
                onEvent(ApplyEvent(name: name, message: "cancelled job \(old)"))
            }
            if let previous = await run.record(name), let oldId = previous.jobId {
                history.append(
                    PastJob(
                        jobId: oldId, digest: previous.digest, generation: previous.generation,
                        status: action.kind == .replace ? .cancelling : (action.status ?? previous.status),
                        progress: action.progress ?? previous.progress,
                        endedBy: action.kind == .replace ? "replaced" : "cloned"))
            }
            for object in action.staging {
                let (_, first) = try await run.staged.valueAndFirst(for: object.bucket + "/" + object.key) {
                    try await stage(object)
                }
                let uri = "s3://\(object.bucket)/\(object.key)"
                onEvent(
                    ApplyEvent(
                        name: name, message: first ? "staged manifest \(uri)" : "manifest \(uri) staged"))
            }
            var record = JobRecord(
                creating: action, request: request, digest: digest, generation: generation, at: now())
            record.history = history
            try await save(record, as: name)
            let jobId = try await jobs.createJob(request)
            // One round trip: the record is what bops sent and what CreateJob answered; the job's
            // status is not observed yet (nil) and the next observation fills it in. A crash before
            // this save is repaired by the token, like a crash right after CreateJob.
            record.jobId = jobId
            record.pendingCreate = false
            record.updatedAt = now()
            try await save(record, as: name)
            onEvent(ApplyEvent(name: name, message: "created job \(jobId)"))
        case .confirm:
            guard var record = await run.record(name), let jobId = record.jobId else { return }
            let result = try await jobs.updateJobStatus(
                accountId: action.accountId, jobId: jobId, to: .ready, reason: "confirmed by bops apply")
            record.confirmed = true
            record.status = result.status
            record.updatedAt = now()
            try await save(record, as: name)
            onEvent(ApplyEvent(name: name, message: "confirmed job \(jobId): \(result.status.rawValue)"))
        case .update:
            guard var record = await run.record(name), let jobId = record.jobId else { return }
            // A priority that is not changed is recorded as observed (an earlier apply may have set it
            // and stopped before saving).
            if action.newPriority == nil, case .job(let o)? = observed, let priority = o.priority {
                record.priority = priority
            }
            if let priority = action.newPriority {
                try await jobs.updateJobPriority(
                    accountId: action.accountId, jobId: jobId, priority: priority)
                record.priority = priority
                record.updatedAt = now()
                try await save(record, as: name)
                onEvent(ApplyEvent(name: name, message: "job \(jobId): priority \(priority)"))
            }
            if let tags = action.newTags {
                let list = tags.sorted { $0.key < $1.key }.map { S3Tag(key: $0.key, value: $0.value) }
                try await jobs.putJobTagging(accountId: action.accountId, jobId: jobId, tags: list)
                record.tags = JobIdentity.userTags(tags)
                record.updatedAt = now()
                try await save(record, as: name)
                onEvent(ApplyEvent(name: name, message: "job \(jobId): tags updated"))
            }
        case .cancel:
            guard var record = await run.record(name), let jobId = record.jobId else { return }
            try await cancel(jobId: jobId, accountId: action.accountId, in: jobs)
            record.status = .cancelling
            record.updatedAt = now()
            try await save(record, as: name)
            onEvent(ApplyEvent(name: name, message: "cancelled job \(jobId)"))
        case .adopt:
            guard let job = action.adopted else { return }
            try await save(JobRecord(adopting: job, for: action, at: now()), as: name)
            onEvent(ApplyEvent(name: name, message: "adopted job \(job.jobId) (\(job.status.rawValue))"))
        case .forget:
            try await save(nil, as: name)
            onEvent(ApplyEvent(name: name, message: "forgotten"))
        }
    }

    /// Cancels a job; a job that has already ended or is already cancelling counts as cancelled.
    private func cancel(jobId: String, accountId: String, in jobs: any JobsEngine) async throws {
        do {
            _ = try await jobs.updateJobStatus(
                accountId: accountId, jobId: jobId, to: .cancelled, reason: "cancelled by bops apply")
        } catch let error as EngineError
            where error.code == EngineError.jobStatusException || error.isNoSuchJob
        {
            if error.isNoSuchJob { return }
            let d = try await jobs.describeJob(accountId: accountId, jobId: jobId)
            if d.status.isTerminal || d.status == .cancelling { return }
            throw error
        }
    }

    /// Uploads a local manifest unless the store already has the same bytes at its content-addressed key.
    private func stage(_ object: StagedObject) async throws {
        if let head = try await objects.headObject(bucket: object.bucket, key: object.key, versionId: nil),
            head.eTag.trimmingQuotes() == object.md5
        {
            return
        }
        let bytes = try readFile(object.localPath)
        let digest = JobIdentity.sha256Hex(bytes)
        guard digest == object.sha256 else {
            throw EngineError(
                code: "ManifestChanged",
                message:
                    "\(object.localPath) changed since the plan was made (sha256 \(digest), planned \(object.sha256)); run bops plan again",
                requestId: nil, httpStatus: nil)
        }
        _ = try await objects.putObject(
            bucket: object.bucket, key: object.key, body: bytes, contentType: "text/csv")
    }
}
