import BopsCost
import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsProject
import BopsSpec
import BopsState
import FoundationEssentials

/// `bops plan --refresh=false`: a plan from the recorded state and the specs alone, for runs without
/// credentials (a pull request from a fork). The recorded jobs stand for the jobs: none is described,
/// no bucket is looked at, the state lock is not taken (the plan changes nothing; a saved plan still carries the state serial, so
/// applying it after another apply is refused as stale).
enum StateOnlyPlan {
    static func plan(
        _ specs: [LoadedSpec], in workspace: Workspace, options: PlanOptions
    ) async throws -> (plan: Plan, diagnostics: Diagnostics) {
        let state: State?
        do { state = try await workspace.store.load() } catch { throw Diagnostics([error.diagnostic]) }
        var desired = DesiredJobs(
            config: workspace.config, objects: UncheckedObjects(), defaultAccount: workspace.defaultAccount,
            defaultRegion: workspace.defaultRegion, advice: workspace.advice)
        // An S3 manifest's ETag the spec does not pin is known after apply, not an error.
        desired.looksUpManifests = false
        let (jobs, diagnostics) = await desired.build(specs, recorded: state)
        if diagnostics.hasErrors { throw diagnostics }
        var plan = Planner.plan(
            desired: jobs, recorded: state, observed: recordedAsObserved(state), options: options,
            campaign: CampaignInputs(now: Date()))
        plan.refreshed = false
        plan.drift = []
        PlanEstimate.estimate(
            &plan, with: CostModel(prices: try workspace.config.priceTable()),
            defaultRegion: workspace.defaultRegion)
        return (plan, diagnostics)
    }
}

extension StateOnlyPlan {
    /// Each recorded job as if the engine had answered what state says (Terraform's `-refresh=false`),
    /// so a spec's new priority or `confirm: true` is still planned. A job never observed since it
    /// was created stands as New.
    static func recordedAsObserved(_ state: State?) -> [String: Observation] {
        var observed: [String: Observation] = [:]
        for (name, r) in state?.jobs ?? [:] {
            guard r.jobId != nil else { continue }
            // A job created and not observed since (one round trip per CreateJob) stands as New,
            // the status CreateJob leaves a job in.
            observed[name] = .job(
                ObservedJob(
                    status: r.status ?? .new, progress: r.progress, priority: r.priority, tags: r.tags,
                    failureReasons: r.failureReasons))
        }
        return observed
    }
}

/// An object store that is never asked: every plan-time bucket check passes unlooked-at (the plan
/// says nothing was observed), and what needs an answer (the earlier staged manifest) fails with a
/// message naming `--refresh=false`. The ETag of an S3 manifest the spec does not pin is not asked
/// for at all: the plan marks it known after apply.
struct UncheckedObjects: ObjectStore {
    static func notObserved(_ what: String) -> EngineError {
        EngineError(
            code: "NotObserved",
            message: "\(what) is not looked up with --refresh=false")
    }

    func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String?
    ) async throws -> ObjectInfo {
        throw Self.notObserved("s3://\(bucket)/\(key)")
    }
    func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectInfo? {
        throw Self.notObserved("s3://\(bucket)/\(key)")
    }
    func getObject(bucket: String, key: String, versionId: String?) async throws -> [UInt8] {
        throw Self.notObserved("s3://\(bucket)/\(key)")
    }
    func listObjects(bucket: String, prefix: String?) async throws -> [ObjectInfo] {
        throw Self.notObserved("s3://\(bucket)")
    }
    func bucketExists(_ bucket: String) async throws -> Bool { true }
    func bucketVersioning(bucket: String) async throws -> VersioningStatus? { .enabled }
    func replicationConfiguration(bucket: String) async throws -> ReplicationConfiguration? {
        ReplicationConfiguration(role: "", rules: [])
    }
    func objectLockEnabled(bucket: String) async throws -> Bool { true }
    func bucketPolicy(bucket: String) async throws -> String? { nil }
    func objectLockConfiguration(bucket: String) async throws -> ObjectLockConfiguration? {
        ObjectLockConfiguration()
    }
    func publicAccessBlock(bucket: String) async throws -> PublicAccessBlock? { nil }
    func lifecycleRules(bucket: String) async throws -> [LifecycleRule]? { nil }
    func inventoryConfiguration(bucket: String, id: String) async throws -> InventoryConfiguration? { nil }
    func inventoryConfigurations(bucket: String) async throws -> [InventoryConfiguration] { [] }
    func bucketEncryption(bucket: String) async throws -> BucketEncryption? { nil }
    func bucketOwnership(bucket: String, account: String) async throws -> BucketOwnership { .unknown }
    func bucketRegion(bucket: String) async throws -> String? { nil }
}
