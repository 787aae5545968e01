public import BopsJobs
import Foundation

/// An in-memory engine (``JobsEngine`` and ``ObjectStore``) that behaves like S3 Batch Operations
/// where bops relies on it (CreateJob idempotent on the client token, UpdateJobStatus transitions,
/// NoSuchJob for unknown ids) and follows a script of ``Fault``s: any call can fail or hang.
///
/// Every call is appended to the ``Journal`` as it starts (a failing or hanging call too), so tests
/// can order calls against state saves.
public final class ScriptedEngine: JobsEngine, ObjectStore, @unchecked Sendable {
    public let journal: Journal
    private let mutex = NSLock()
    private var script: [Fault]
    private var callCount = 0
    private var counts: [EngineCall.Operation: Int] = [:]
    private var jobsById: [String: JobDescriptor] = [:]
    private var tokens: [String: String] = [:]
    private var tags: [String: [JobTag]] = [:]
    private var objects: [String: (info: ObjectInfo, body: [UInt8])] = [:]
    private var hung: [EngineCall] = []
    private var nextId = 1

    public init(script: [Fault] = [], journal: Journal = Journal()) {
        self.script = script
        self.journal = journal
    }

    /// Replaces the faults still to come.
    public func setScript(_ faults: [Fault]) { mutex.withLock { script = faults } }

    /// Adds a job as if it had been made earlier (not journaled).
    public func addJob(_ job: JobDescriptor, tags jobTags: [JobTag] = []) {
        mutex.withLock {
            jobsById[job.jobId] = job
            tags[job.jobId] = jobTags
        }
    }

    /// The jobs the engine holds, by id.
    public var jobs: [String: JobDescriptor] { mutex.withLock { jobsById } }

    /// Calls that hang right now.
    public var hanging: [EngineCall] { mutex.withLock { hung } }

    /// Waits (polling) until a call hangs; `nil` after `timeout`.
    public func waitForHang(timeout: Duration = .seconds(10)) async -> EngineCall? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let call = hanging.first { return call }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return nil
    }

    /// Journals the call, then applies the fault the script has for it, if any. Returns whether the
    /// call must hang once it has had its effect.
    private func enter(_ call: EngineCall) async throws -> Bool {
        journal.append(.call(call))
        let effect: Fault.Effect? = mutex.withLock {
            let index = callCount
            let occurrence = counts[call.operation, default: 0]
            callCount += 1
            counts[call.operation] = occurrence + 1
            guard
                let i = script.firstIndex(where: {
                    $0.trigger == .call(index)
                        || $0.trigger == .operation(call.operation, occurrence: occurrence)
                })
            else { return nil }
            return script.remove(at: i).effect
        }
        switch effect {
        case nil: return false
        case .fail(let error): throw error
        case .hang: try await hang(call)
        case .hangAfterEffect: return true
        }
    }

    private func hang(_ call: EngineCall) async throws -> Never {
        mutex.withLock { hung.append(call) }
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    /// Runs a call: journals it, applies its fault, runs `body` and journals the answer.
    private func perform<T>(_ call: EngineCall, _ body: () throws -> T) async throws -> T {
        let hangs = try await enter(call)
        let result = try body()
        if hangs { try await hang(call) }
        journal.append(.answered(call))
        return result
    }

    private func job(_ id: String) throws -> JobDescriptor {
        guard let job = mutex.withLock({ jobsById[id] }) else { throw EngineError.noSuchJob(id) }
        return job
    }

    // MARK: JobsEngine

    public func createJob(_ request: CreateJobRequest) async throws -> String {
        let call = EngineCall(.createJob, clientToken: request.clientRequestToken)
        let hangs = try await enter(call)
        // CreateJob's own check (the model's range), as every engine makes it.
        guard (0...Int(Int32.max)).contains(request.priority) else {
            throw EngineError.badRequest("priority \(request.priority) is not in 0...2147483647")
        }
        let id: String = mutex.withLock {
            let key = request.accountId + "/" + request.clientRequestToken
            if let id = tokens[key] { return id }
            let id = String(format: "job-%04d", nextId)
            nextId += 1
            tokens[key] = id
            jobsById[id] = JobDescriptor(
                jobId: id, confirmationRequired: request.confirmationRequired,
                description: request.description,
                status: request.confirmationRequired != false ? .suspended : .ready,
                manifest: request.manifest,
                operation: request.operation, priority: request.priority,
                progressSummary: JobProgressSummary(
                    totalNumberOfTasks: 3, numberOfTasksSucceeded: 0, numberOfTasksFailed: 0),
                report: request.report, roleArn: request.roleArn)
            tags[id] = request.tags ?? []
            return id
        }
        if hangs { try await hang(call) }
        journal.append(.answered(EngineCall(.createJob, jobId: id, clientToken: request.clientRequestToken)))
        return id
    }

    public func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor {
        try await perform(EngineCall(.describeJob, jobId: jobId)) {
            return try job(jobId)
        }
    }

    /// ListJobs in pages of `maxResults` (1,000 when `nil` or 0), newest (highest id) first; the
    /// token of a page is the id of its first job.
    public func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    )
        async throws -> (jobs: [JobListDescriptor], nextToken: String?)
    {
        try await perform(EngineCall(.listJobs)) {
            if let maxResults, !(0...1000).contains(maxResults) {
                throw EngineError.badRequest("MaxResults must be between 0 and 1000")
            }
            let limit = maxResults.map { $0 == 0 ? 1000 : $0 } ?? 1000
            let all = jobs.values.filter { statuses.isEmpty || statuses.contains($0.status) }.sorted {
                $0.jobId > $1.jobId
            }
            // The token is the id of the next page's first job; the ids sort newest first.
            let start = nextToken.map { token in all.firstIndex { $0.jobId <= token } ?? all.count } ?? 0
            let end = min(all.count, start + limit)
            return (all[start..<end].map(\.listDescriptor), end < all.count ? all[end].jobId : nil)
        }
    }

    public func updateJobStatus(
        accountId: String, jobId: String, to requested: RequestedJobStatus, reason: String?
    )
        async throws -> (status: JobStatus, reason: String?)
    {
        try await perform(EngineCall(.updateJobStatus, jobId: jobId)) {
            var current = try job(jobId)
            guard requested.isAllowed(from: current.status) else {
                throw EngineError.jobStatus(
                    "job \(jobId) is \(current.status.rawValue): cannot go to \(requested.rawValue)")
            }
            switch requested {
            case .ready: current.status = .ready
            case .cancelled:
                current.status = [.active, .cancelling].contains(current.status) ? .cancelling : .cancelled
            }
            current.statusUpdateReason = reason
            mutex.withLock { jobsById[jobId] = current }
            return (current.status, reason)
        }
    }

    public func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws {
        try await perform(EngineCall(.updateJobPriority, jobId: jobId)) {
            var current = try job(jobId)
            guard !current.status.isTerminal else { throw EngineError.jobStatus("job \(jobId) has ended") }
            current.priority = priority
            mutex.withLock { jobsById[jobId] = current }
        }
    }

    public func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag] {
        try await perform(EngineCall(.getJobTagging, jobId: jobId)) {
            _ = try job(jobId)
            return mutex.withLock { tags[jobId] ?? [] }
        }
    }

    public func putJobTagging(accountId: String, jobId: String, tags newTags: [JobTag]) async throws {
        try await perform(EngineCall(.putJobTagging, jobId: jobId)) {
            _ = try job(jobId)
            mutex.withLock { tags[jobId] = newTags }
        }
    }

    public func deleteJobTagging(accountId: String, jobId: String) async throws {
        try await perform(EngineCall(.deleteJobTagging, jobId: jobId)) {
            _ = try job(jobId)
            mutex.withLock { tags[jobId] = [] }
        }
    }

    // MARK: ObjectStore

    public func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String?
    ) async throws
        -> ObjectInfo
    {
        try await perform(EngineCall(.putObject)) {
            let info = ObjectInfo(
                bucket: bucket, key: key, eTag: "\"\(body.count)-\(body.reduce(0) { $0 &+ Int($1) })\"",
                size: Int64(body.count), lastModified: Date(timeIntervalSince1970: 0))
            mutex.withLock { objects[bucket + "/" + key] = (info, body) }
            return info
        }
    }

    public func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectInfo? {
        try await perform(EngineCall(.headObject)) {
            return mutex.withLock { objects[bucket + "/" + key]?.info }
        }
    }

    public func getObject(bucket: String, key: String, versionId: String?) async throws -> [UInt8] {
        try await perform(EngineCall(.getObject)) {
            guard let body = mutex.withLock({ objects[bucket + "/" + key]?.body }) else {
                throw EngineError(
                    code: EngineError.noSuchKey, message: "no \(key) in \(bucket)", httpStatus: 404)
            }
            return body
        }
    }

    public func listObjects(bucket: String, prefix: String?) async throws -> [ObjectInfo] {
        try await perform(EngineCall(.listObjects)) {
            return mutex.withLock {
                objects.values.map(\.info).filter { $0.bucket == bucket && $0.key.hasPrefix(prefix ?? "") }
                    .sorted { $0.key < $1.key }
            }
        }
    }

    /// Every bucket exists.
    public func bucketExists(_ bucket: String) async throws -> Bool {
        try await perform(EngineCall(.bucketExists)) {
            return true
        }
    }

    public func bucketVersioning(bucket: String) async throws -> VersioningStatus? {
        try await perform(EngineCall(.bucketVersioning)) {
            return nil
        }
    }

    public func replicationConfiguration(bucket: String) async throws -> ReplicationConfiguration? {
        try await perform(EngineCall(.replicationConfiguration)) {
            return nil
        }
    }

    public func objectLockEnabled(bucket: String) async throws -> Bool {
        try await perform(EngineCall(.objectLockEnabled)) {
            return false
        }
    }

    /// No bucket has a policy, Block Public Access or lifecycle rules, nor Object Lock.
    public func bucketPolicy(bucket: String) async throws -> String? {
        try await perform(EngineCall(.bucketSettings)) { nil }
    }

    public func objectLockConfiguration(bucket: String) async throws -> ObjectLockConfiguration? {
        try await perform(EngineCall(.bucketSettings)) { nil }
    }

    public func publicAccessBlock(bucket: String) async throws -> PublicAccessBlock? {
        try await perform(EngineCall(.bucketSettings)) { nil }
    }

    public func lifecycleRules(bucket: String) async throws -> [LifecycleRule]? {
        try await perform(EngineCall(.bucketSettings)) { nil }
    }

    public func inventoryConfiguration(bucket: String, id: String) async throws -> InventoryConfiguration? {
        try await perform(EngineCall(.bucketSettings)) { nil }
    }

    public func inventoryConfigurations(bucket: String) async throws -> [InventoryConfiguration] {
        try await perform(EngineCall(.bucketSettings)) { [] }
    }

    public func bucketEncryption(bucket: String) async throws -> BucketEncryption? {
        try await perform(EngineCall(.bucketSettings)) { nil }
    }

    public func bucketOwnership(bucket: String, account: String) async throws -> BucketOwnership {
        try await perform(EngineCall(.bucketSettings)) { .unknown }
    }

    public func bucketRegion(bucket: String) async throws -> String? {
        try await perform(EngineCall(.bucketSettings)) { nil }
    }
}
