import BopsEncoding
public import BopsJobs
import BopsPrimitives
import Crypto
import Dispatch
public import FoundationEssentials

/// The embedded engine: the S3 Batch Operations job API over an on-disk object store.
///
/// Everything lives under `root` (for example `.bops/local`): the object store (see
/// ``LocalStore``) and `jobs/<id>/` with `job.json` (written atomically), `tasks` (the prepared
/// manifest) and `results` (task outcomes, appended in batches). A job's mutations hold its own
/// cross-process lock (`jobs/<id>/job.lock`), a CreateJob the lock of its client token
/// (`tokens/<digest>.lock`), so jobs change independently of each other; store mutations hold the
/// store's own lock. CreateJob runs on a thread of its own (its writes wait for the disk), so many
/// CreateJobs of one process overlap.
///
/// CreateJob validates and prepares synchronously: when it returns, the job is `Suspended`
/// (awaiting confirmation), `Ready`, or `Failed` (a manifest that cannot be read). Jobs run only
/// in ``work(maxJobs:onProgress:)``, which any process may call; a job interrupted by a crash is
/// continued by the next call.
public final class LocalEngine: JobsEngine, ObjectStore, @unchecked Sendable {
    /// How jobs run.
    public struct Options: Sendable, Hashable {
        /// Tasks run at the same time.
        public var concurrency: Int
        /// Tasks between two commits of results (and checks for cancellation).
        public var batchSize: Int
        /// A pause after every batch, so jobs advance gradually (an emulator serving the API in the
        /// background uses it); zero runs at full speed.
        public var pace: Duration
        /// The region in job ARNs.
        public var region: String
        /// How long a restore of an archived object takes (S3InitiateRestoreObject): zero completes
        /// it when its task runs.
        public var restoreDelay: Duration
        /// The local handlers of Lambda functions (LambdaInvoke), by function ARN.
        public var lambda: LambdaFunctions

        public init(
            concurrency: Int = 8, batchSize: Int = 512, pace: Duration = .zero, region: String = "us-east-1",
            restoreDelay: Duration = .zero, lambda: LambdaFunctions = LambdaFunctions()
        ) {
            self.lambda = lambda
            self.concurrency = max(1, concurrency)
            self.batchSize = max(1, batchSize)
            self.pace = pace
            self.region = region
            self.restoreDelay = max(.zero, restoreDelay)
        }
    }

    public let root: String
    public let store: LocalStore
    public let options: Options
    let clock: @Sendable () -> Date

    /// Opens (creating when needed) the engine folder. `clock` is the engine's time (job dates,
    /// when restores complete); tests pass their own.
    public init(
        root: String, options: Options = Options(), clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.root = root
        self.options = options
        store = try LocalStore(root: root)
        try FileIO.makeDirectory(root + "/jobs")
        try FileIO.makeDirectory(root + "/tokens")
        self.clock = clock
    }

    func jobFolder(_ id: String) -> String { root + "/jobs/" + id }
    func jobPath(_ id: String) -> String { jobFolder(id) + "/job.json" }
    func tasksPath(_ id: String) -> String { jobFolder(id) + "/tasks" }
    func resultsPath(_ id: String) -> String { jobFolder(id) + "/results" }
    func runLock(_ id: String) -> FileLock { FileLock(path: jobFolder(id) + "/run.lock") }
    /// Held while a job's record changes.
    func jobLock(_ id: String) -> FileLock { FileLock(path: jobFolder(id) + "/job.lock") }

    // MARK: Job files

    func loadRecord(_ id: String) throws -> JobRecord? {
        guard Self.isJobId(id), let bytes = try FileIO.read(jobPath(id)) else { return nil }
        return try RecordFormat.jobRecord(Data(bytes), file: jobPath(id))
    }

    func saveRecord(_ record: JobRecord) throws {
        let bytes = try JobJSON.encoder.encode(record)
        try FileIO.writeAtomically(Array(bytes), to: jobPath(record.job.jobId))
    }

    /// Loads, changes and saves a job under the jobs lock. Throws `NoSuchJob` for an unknown id or
    /// another account's job.
    @discardableResult
    func mutate<T>(_ id: String, account: String? = nil, _ change: (inout JobRecord) throws -> T) throws -> T
    {
        guard Self.isJobId(id), FileIO.exists(jobFolder(id)) else { throw EngineError.noSuchJob(id) }
        return try jobLock(id).withLock {
            guard var record = try loadRecord(id), account == nil || record.accountId == account else {
                throw EngineError.noSuchJob(id)
            }
            let result = try change(&record)
            try saveRecord(record)
            return result
        }
    }

    func record(_ id: String, account: String) throws -> JobRecord {
        guard let record = try loadRecord(id), record.accountId == account else {
            throw EngineError.noSuchJob(id)
        }
        return record
    }

    func allRecords() throws -> [JobRecord] {
        try FileIO.list(root + "/jobs").compactMap { try loadRecord($0) }
    }

    static func isJobId(_ id: String) -> Bool {
        (5...36).contains(id.count)
            && id.utf8.allSatisfy { c in
                (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95
            }
    }

    func tokenPath(account: String, token: String) -> String {
        let digest = SHA256.hash(data: Array((account + "\n" + token).utf8))
        return root + "/tokens/" + Hex.encode(digest)
    }

    // MARK: JobsEngine

    public func createJob(_ request: CreateJobRequest) async throws -> String {
        try await Self.onOwnThread { try self.createJobNow(request) }
    }

    /// Runs blocking file work on a thread outside Swift's cooperative pool, so that work waiting
    /// for the disk (fsync) does not hold up other tasks and many such calls overlap.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    func createJobNow(_ request: CreateJobRequest) throws -> String {
        try CreateJobValidation.validate(request)
        let fingerprint = try JobJSON.fingerprint(request)
        let tokenFile = tokenPath(account: request.accountId, token: request.clientRequestToken)
        let (id, isNew): (String, Bool) = try FileLock(path: tokenFile + ".lock").withLock {
            // The token file is written before the job record, so a process killed in between leaves a
            // token whose job is made on the next call with the same id, never a job without its token.
            var reservedId: String?
            if let existing = try FileIO.read(tokenFile) {
                let id = String(decoding: existing, as: UTF8.self)
                if let record = try loadRecord(id) {
                    guard record.requestFingerprint == fingerprint else {
                        throw EngineError.idempotency(
                            "ClientRequestToken '\(request.clientRequestToken)' was used for job \(id) with a "
                                + "different request")
                    }
                    return (id, false)
                }
                if Self.isJobId(id) { reservedId = id }
            }
            let id = reservedId ?? UUID().uuidString.lowercased()
            if reservedId == nil { try FileIO.writeAtomically(Array(id.utf8), to: tokenFile) }
            let now = clock()
            let job = JobDescriptor(
                jobId: id, confirmationRequired: request.confirmationRequired,
                description: request.description,
                jobArn: "arn:aws:s3:\(options.region):\(request.accountId):job/\(id)", status: .new,
                manifest: request.manifest, operation: request.operation, priority: request.priority,
                progressSummary: JobProgressSummary(
                    totalNumberOfTasks: 0, numberOfTasksSucceeded: 0, numberOfTasksFailed: 0,
                    timers: JobTimers(elapsedTimeInActiveSeconds: 0)),
                report: request.report, creationTime: now, roleArn: request.roleArn,
                manifestGenerator: request.manifestGenerator)
            try FileIO.makeDirectory(jobFolder(id))
            try saveRecord(
                JobRecord(
                    accountId: request.accountId, clientRequestToken: request.clientRequestToken,
                    requestFingerprint: fingerprint, tags: request.tags ?? [], job: job))
            return (id, true)
        }
        if isNew { try prepare(id) }
        return id
    }

    public func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor {
        var r = try record(jobId, account: accountId)
        r.refreshTimers(now: clock())
        return r.job
    }

    public func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) async throws
        -> (jobs: [JobListDescriptor], nextToken: String?)
    {
        if let maxResults, !(0...1000).contains(maxResults) {
            throw EngineError.badRequest("MaxResults must be between 0 and 1000")
        }
        let limit = maxResults.map { $0 == 0 ? 1000 : $0 } ?? 1000
        let now = clock()
        var jobs = try allRecords().filter {
            $0.accountId == accountId && (statuses.isEmpty || statuses.contains($0.job.status))
        }
        .map { record -> JobDescriptor in
            var r = record
            r.refreshTimers(now: now)
            return r.job
        }
        jobs.sort {
            ($0.creationTime ?? .distantPast, $0.jobId) > ($1.creationTime ?? .distantPast, $1.jobId)
        }
        var start = 0
        if let nextToken {
            guard let i = jobs.firstIndex(where: { $0.jobId == nextToken }) else {
                throw EngineError.badRequest("NextToken '\(nextToken)' is not valid")
            }
            start = i
        }
        let page = jobs[start..<min(jobs.count, start + limit)]
        let next = start + limit < jobs.count ? jobs[start + limit].jobId : nil
        return (page.map(\.listDescriptor), next)
    }

    public func updateJobStatus(
        accountId: String, jobId: String, to requested: RequestedJobStatus, reason: String?
    )
        async throws -> (status: JobStatus, reason: String?)
    {
        if let reason, !(1...256).contains(reason.count) {
            throw EngineError.badRequest("StatusUpdateReason must be 1 to 256 characters")
        }
        var finalizeNow = false
        let status: JobStatus = try mutate(jobId, account: accountId) { record in
            let current = record.job.status
            guard requested.isAllowed(from: current) else {
                throw EngineError.jobStatus(
                    "Job \(jobId) is \(current.rawValue): "
                        + (requested == .ready
                            ? "only a Suspended job can be set to Ready"
                            : "a job that has ended cannot be cancelled"))
            }
            record.job.statusUpdateReason = reason ?? record.job.statusUpdateReason
            let now = clock()
            switch requested {
            case .ready:
                record.setStatus(.ready, at: now)
            case .cancelled:
                switch current {
                case .active, .pausing, .paused, .completing, .failing, .cancelling:
                    record.setStatus(.cancelling, at: now)
                    finalizeNow = true
                default:
                    record.setStatus(.cancelled, at: now)
                }
            }
            return record.job.status
        }
        if finalizeNow, let held = try runLock(jobId).tryLock() {
            defer { held.release() }
            let done = try finishStopped(jobId)
            return (done.status, done.statusUpdateReason)
        }
        return (status, reason)
    }

    public func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws {
        guard (0...2_147_483_647).contains(priority) else {
            throw EngineError.badRequest("Priority must be between 0 and 2147483647, got \(priority)")
        }
        try mutate(jobId, account: accountId) { record in
            guard !record.job.status.isTerminal else {
                throw EngineError.jobStatus(
                    "Job \(jobId) is \(record.job.status.rawValue): its priority cannot change")
            }
            record.job.priority = priority
        }
    }

    public func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag] {
        try record(jobId, account: accountId).tags
    }

    public func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) async throws {
        try CreateJobValidation.validateTags(tags, what: "Tags")
        try mutate(jobId, account: accountId) { $0.tags = tags }
    }

    public func deleteJobTagging(accountId: String, jobId: String) async throws {
        try mutate(jobId, account: accountId) { $0.tags = [] }
    }

    // MARK: ObjectStore (the engine's own store)

    public func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String?
    ) async throws
        -> ObjectInfo
    {
        try await store.putObject(bucket: bucket, key: key, body: body, contentType: contentType)
    }

    public func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectInfo? {
        try await store.headObject(bucket: bucket, key: key, versionId: versionId)
    }

    public func getObject(bucket: String, key: String, versionId: String?) async throws -> [UInt8] {
        try await store.getObject(bucket: bucket, key: key, versionId: versionId)
    }

    public func listObjects(bucket: String, prefix: String?) async throws -> [ObjectInfo] {
        try await store.listObjects(bucket: bucket, prefix: prefix)
    }

    public func bucketExists(_ bucket: String) async throws -> Bool {
        try await store.bucketExists(bucket)
    }

    public func bucketVersioning(bucket: String) async throws -> VersioningStatus? {
        try await store.bucketVersioning(bucket: bucket)
    }

    public func replicationConfiguration(bucket: String) async throws -> ReplicationConfiguration? {
        try await store.replicationConfiguration(bucket: bucket)
    }

    public func objectLockEnabled(bucket: String) async throws -> Bool {
        try await store.objectLockEnabled(bucket: bucket)
    }

    public func bucketPolicy(bucket: String) async throws -> String? {
        try await store.bucketPolicy(bucket: bucket)
    }

    public func objectLockConfiguration(bucket: String) async throws -> ObjectLockConfiguration? {
        try await store.objectLockConfiguration(bucket: bucket)
    }

    public func publicAccessBlock(bucket: String) async throws -> PublicAccessBlock? {
        try await store.publicAccessBlock(bucket: bucket)
    }

    public func lifecycleRules(bucket: String) async throws -> [LifecycleRule]? {
        try await store.lifecycleRules(bucket: bucket)
    }

    public func inventoryConfiguration(bucket: String, id: String) async throws -> InventoryConfiguration? {
        try await store.inventoryConfiguration(bucket: bucket, id: id)
    }

    public func inventoryConfigurations(bucket: String) async throws -> [InventoryConfiguration] {
        try await store.inventoryConfigurations(bucket: bucket)
    }

    public func bucketEncryption(bucket: String) async throws -> BucketEncryption? {
        try await store.bucketEncryption(bucket: bucket)
    }

    public func bucketOwnership(bucket: String, account: String) async throws -> BucketOwnership {
        try await store.bucketOwnership(bucket: bucket, account: account)
    }

    /// Every bucket is in the engine's region.
    public func bucketRegion(bucket: String) async throws -> String? {
        _ = try await store.bucketRegion(bucket: bucket)
        return options.region
    }
}
