public import BopsJobs
public import BopsState
public import Foundation

/// Something that happened while applying, for the command to show as it goes.
public struct ApplyEvent: Sendable, Hashable {
    public var name: String
    public var message: String
}

/// How an apply ended: the state as saved after the last effect, and the error that stopped it, if any.
public struct ApplyOutcome: Sendable {
    public var state: State
    public var error: (any Error)?
    /// The action that failed.
    public var failedAction: PlannedAction?
    public var applied: Int
}

/// Reads a local file to upload; injected so the reconciler's only effects go through its parameters.
public typealias FileReader = @Sendable (String) throws -> [UInt8]

/// Executes a plan through an engine. The only code with effects on jobs and state.
///
/// Invariants: the state is saved (through ``LockedState/save(_:)``) after every call that changes a
/// job, and before CreateJob the record holds the client token (`pendingCreate`), so a crash at any
/// point is repaired by the next run, which sends the same token and gets the same job. Staging
/// uploads are content-addressed and idempotent, so state does not record them. An error stops the
/// apply: the outcome carries it with the state as last saved, which is what the store holds.
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

    /// Applies the change actions of `plan` in order, starting from `initial` (the state the plan was
    /// made from, as loaded under the lock) and saving into `store`.
    public func apply(
        _ plan: Plan, to initial: State?, in store: LockedState, observed: [String: Observation] = [:],
        onEvent: @Sendable (ApplyEvent) -> Void = { _ in }
    ) async -> ApplyOutcome {
        var state = initial ?? store.newState()
        var applied = 0
        for action in plan.actions where action.kind.isChange {
            do {
                try await run(
                    action, observed: observed[action.name], state: &state, store: store, onEvent: onEvent)
                applied += 1
            } catch {
                return ApplyOutcome(state: state, error: error, failedAction: action, applied: applied)
            }
        }
        // Keep what was observed for actions without effects (status, progress, and the priority and
        // tags an earlier apply may have set before it stopped) so state and `status` are current.
        var refreshed = state
        for action in plan.actions where action.kind == .none {
            guard var record = refreshed.jobs[action.name], case .job(let o)? = observed[action.name] else {
                continue
            }
            record.status = o.status
            record.progress = o.progress ?? record.progress
            record.failureReasons = o.failureReasons
            record.priority = o.priority ?? record.priority
            record.tags = o.tags.map(JobIdentity.userTags) ?? record.tags
            refreshed.jobs[action.name] = record
        }
        if refreshed != state {
            do { try await store.save(&refreshed) } catch {
                return ApplyOutcome(state: state, error: error, failedAction: nil, applied: applied)
            }
            state = refreshed
        }
        return ApplyOutcome(state: state, error: nil, failedAction: nil, applied: applied)
    }

    private func run(
        _ action: PlannedAction, observed: Observation?, state: inout State, store: LockedState,
        onEvent: @Sendable (ApplyEvent) -> Void
    ) async throws {
        let name = action.name
        let jobs = jobsIn(action.region)
        switch action.kind {
        case .none:
            return
        case .create, .clone, .replace:
            guard let request = action.request, let digest = action.digest, let generation = action.generation
            else {
                throw EngineError(
                    code: "InvalidPlan", message: "plan action for \(name) has no job request",
                    requestId: nil, httpStatus: nil)
            }
            var history = state.jobs[name]?.history ?? []
            if action.kind == .replace, let old = action.jobId {
                try await cancel(jobId: old, accountId: action.accountId, in: jobs)
                if var cancelled = state.jobs[name], cancelled.jobId == old {
                    cancelled.status = .cancelling
                    cancelled.updatedAt = now()
                    try await save(cancelled, as: name, in: &state, to: store)
                }
                onEvent(ApplyEvent(name: name, message: "cancelled job \(old)"))
            }
            if let previous = state.jobs[name], let oldId = previous.jobId {
                history.append(
                    PastJob(
                        jobId: oldId, digest: previous.digest, generation: previous.generation,
                        status: action.kind == .replace ? .cancelling : (action.status ?? previous.status),
                        progress: action.progress ?? previous.progress,
                        endedBy: action.kind == .replace ? "replaced" : "cloned"))
            }
            for object in action.staging {
                try await stage(object)
                onEvent(
                    ApplyEvent(name: name, message: "staged manifest s3://\(object.bucket)/\(object.key)"))
            }
            var record = JobRecord(
                name: name, digest: digest, generation: generation, rerun: action.rerun ?? 0,
                accountId: action.accountId, region: action.region, clientToken: request.clientRequestToken,
                priority: request.priority,
                tags: JobIdentity.userTags(
                    Dictionary(
                        (request.tags ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b })))
            record.canonical = action.canonical
            record.specFile = action.specFile
            record.manifestObject = action.manifestObject
            record.history = history
            record.createdAt = now()
            record.updatedAt = now()
            try await save(record, as: name, in: &state, to: store)
            let jobId = try await jobs.createJob(request)
            record.jobId = jobId
            record.pendingCreate = false
            record.updatedAt = now()
            // The job's first status goes into the same save as its id: a crash before that save is
            // repaired by the token, like a crash right after CreateJob.
            let described = try? await jobs.describeJob(accountId: action.accountId, jobId: jobId)
            if let d = described { record.observe(d, at: now()) }
            try await save(record, as: name, in: &state, to: store)
            onEvent(ApplyEvent(name: name, message: "created job \(jobId)"))
            if let d = described {
                onEvent(
                    ApplyEvent(
                        name: name, message: "job \(jobId) is \(Planner.summary(d.status, record.progress))"))
            }
        case .confirm:
            guard var record = state.jobs[name], let jobId = record.jobId else { return }
            let result = try await jobs.updateJobStatus(
                accountId: action.accountId, jobId: jobId, to: .ready, reason: "confirmed by bops apply")
            record.confirmed = true
            record.status = result.status
            record.updatedAt = now()
            try await save(record, as: name, in: &state, to: store)
            onEvent(ApplyEvent(name: name, message: "confirmed job \(jobId): \(result.status.rawValue)"))
        case .update:
            guard var record = state.jobs[name], let jobId = record.jobId else { return }
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
                try await save(record, as: name, in: &state, to: store)
                onEvent(ApplyEvent(name: name, message: "job \(jobId): priority \(priority)"))
            }
            if let tags = action.newTags {
                let list = tags.sorted { $0.key < $1.key }.map { S3Tag(key: $0.key, value: $0.value) }
                try await jobs.putJobTagging(accountId: action.accountId, jobId: jobId, tags: list)
                record.tags = JobIdentity.userTags(tags)
                record.updatedAt = now()
                try await save(record, as: name, in: &state, to: store)
                onEvent(ApplyEvent(name: name, message: "job \(jobId): tags updated"))
            }
        case .cancel:
            guard var record = state.jobs[name], let jobId = record.jobId else { return }
            try await cancel(jobId: jobId, accountId: action.accountId, in: jobs)
            record.status = .cancelling
            record.updatedAt = now()
            try await save(record, as: name, in: &state, to: store)
            onEvent(ApplyEvent(name: name, message: "cancelled job \(jobId)"))
        case .adopt:
            guard let job = action.adopted else { return }
            try await save(JobRecord(adopting: job, for: action, at: now()), as: name, in: &state, to: store)
            onEvent(ApplyEvent(name: name, message: "adopted job \(job.jobId) (\(job.status.rawValue))"))
        case .forget:
            try await save(nil, as: name, in: &state, to: store)
            onEvent(ApplyEvent(name: name, message: "forgotten"))
        }
    }

    /// Saves `state` with the record of `name` set to `record` (`nil`: removed). `state` changes only
    /// when the save succeeded, so it is always what the store holds.
    private func save(
        _ record: JobRecord?, as name: String, in state: inout State, to store: LockedState
    ) async throws(StateError) {
        var next = state
        next.jobs[name] = record
        try await store.save(&next)
        state = next
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
            head.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == object.md5
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
