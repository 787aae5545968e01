import BopsCost
public import BopsDiagnostics
public import BopsJobs
public import BopsPlan
import BopsPrimitives
public import BopsSpec
public import BopsState
import FoundationEssentials

/// One project as a command sees it: its config, state store and engines, and the steps of the flow.
/// Library code: returns values and throws; the command prints.
public struct Workspace: Sendable {
    public let config: ProjectConfig
    public let store: any StateStore
    /// The jobs engine of the default region.
    public let jobs: any JobsEngine
    public let objects: any ObjectStore
    /// Runs ready jobs in this process, for engines that run jobs only while asked to (see
    /// ``Engines/runJobs``); `nil` for engines that run them on their own.
    public let runJobs: Engines.JobRunner?
    /// Words plan-time hints in the engine's terms.
    public let advice: any EngineAdvice
    /// Checks job roles at plan time (``Engines/roles``).
    public let roles: (any RoleChecking)?
    /// Checks KMS keys at plan time (``Engines/keys``).
    public let keys: (any KeyChecking)?
    /// Checks the caller at plan time (``Engines/callers``).
    public let callers: (any CallerChecking)?
    let regions: RegionalEngines
    public let bopsVersion: String
    /// How long to sleep between observations by default (``Engines/pollInterval``).
    public let pollInterval: Duration
    /// Whether listing a bucket is cheap (``Engines/listsCheaply``).
    public let listsCheaply: Bool

    public init(config: ProjectConfig, store: any StateStore, engines: Engines, bopsVersion: String) {
        self.config = config
        self.store = store
        jobs = engines.jobs
        objects = engines.objects
        runJobs = engines.runJobs
        advice = engines.advice
        roles = engines.roles
        keys = engines.keys
        callers = engines.callers
        regions = RegionalEngines(engines)
        self.bopsVersion = bopsVersion
        pollInterval = engines.pollInterval
        listsCheaply = engines.listsCheaply
    }

    /// Reads the project file under `root` and opens its state store and engines. `engines` builds
    /// the engines the config names (the CLI's factory); its diagnostic is returned as the failure.
    /// `stateStore` builds the store `state:` names (the CLI's factory); by default the local file,
    /// and an error for any other backend.
    public static func open(
        root: String = ".", bopsVersion: String, engines: (ProjectConfig) -> Result<Engines, Diagnostic>,
        stateStore: (ProjectConfig) -> Result<any StateStore, Diagnostic> = Workspace.fileStore
    ) -> (workspace: Workspace?, diagnostics: Diagnostics) {
        let (config, diagnostics, _) = ProjectConfig.load(root: root)
        if diagnostics.hasErrors { return (nil, diagnostics) }
        var all = diagnostics
        let store: any StateStore
        switch stateStore(config) {
        case .success(let made): store = made
        case .failure(let failure):
            all.append(failure)
            return (nil, all)
        }
        switch engines(config) {
        case .success(let built):
            return (Workspace(config: config, store: store, engines: built, bopsVersion: bopsVersion), all)
        case .failure(let failure):
            all.append(failure)
            return (nil, all)
        }
    }

    /// The local file store of `state.path`; an error naming `state.backend` for any other backend.
    public static func fileStore(_ config: ProjectConfig) -> Result<any StateStore, Diagnostic> {
        guard case .s3(let s3) = config.state else {
            return .success(FileStateStore(path: config.resolve(config.statePath)))
        }
        return .failure(
            .error(
                "the s3 state backend (s3://\(s3.bucket)/\(s3.key)) needs the aws client", at: s3.range,
                hint: "run this through the bops command"))
    }

    public var defaultAccount: String { config.account ?? ProjectConfig.defaultAccount }

    /// The jobs engine of a region (`nil`: the default one). Never another region's: when the
    /// region's engine cannot be made, every call of the answer throws why (`RegionUnavailable`).
    public func jobs(in region: String?) -> any JobsEngine {
        do { return try regions.engine(for: region) } catch { return UnavailableJobsEngine(error: error) }
    }

    /// The jobs engine of a region, or why it cannot be made.
    public func engine(in region: String?) throws(RegionEngineError) -> any JobsEngine {
        try regions.engine(for: region)
    }

    /// Builds desired jobs with this workspace's store, defaults and hints.
    public var desiredJobs: DesiredJobs {
        var built = DesiredJobs(
            config: config, objects: objects, defaultAccount: defaultAccount, defaultRegion: defaultRegion,
            advice: advice)
        built.roles = roles
        built.keys = keys
        built.callers = callers
        built.listsCheaply = listsCheaply
        built.prices = (try? config.priceTable()) ?? .builtIn()
        built.jobsIn = { self.jobs(in: $0) }
        return built
    }

    public var defaultRegion: String { config.region ?? ProjectConfig.defaultRegion }

    /// Runs `body` holding the state lock for `operation` (waiting up to `timeout` for another
    /// holder); the lock is released on every path out of `body`. State changes go through the
    /// ``LockedState`` it is given.
    public func withLock<T>(
        operation: String, timeout: Duration, isolation: isolated (any Actor)? = #isolation,
        _ body: (LockedState) async throws -> T
    ) async throws -> T {
        let info = LockInfo(operation: operation, path: store.location, version: bopsVersion)
        return try await store.withLock(info, timeout: timeout, body)
    }

    /// Everything a plan needs, and the plan.
    public struct Planned: Sendable {
        public var plan: Plan
        public var state: State?
        public var observed: [String: Observation]
        public var diagnostics: Diagnostics
    }

    /// Reads state, observes the recorded jobs, resolves the specs, and plans, with the drift of
    /// the recorded jobs (`Plan.drift`). Changes nothing. The jobs are observed while the specs are
    /// checked: the checks with at most `parallelism` calls in flight, the read-only calls that
    /// observe recorded jobs (ListJobs, DescribeJob, GetJobTagging) with at most `readParallelism`
    /// (`parallelism` when `nil`).
    /// A region (of a spec or a recorded job) whose engine cannot be made is an error naming both.
    public func plan(
        _ specs: [LoadedSpec], options: PlanOptions, parallelism: Int = 1, readParallelism: Int? = nil
    ) async throws -> Planned {
        let state: State?
        do { state = try await store.load() } catch { throw Diagnostics([error.diagnostic]) }
        let unreachable = regionProblems(specs, recorded: state)
        if unreachable.hasErrors { throw unreachable }
        let prices = try config.priceTable()
        async let observing = Observer.observe(
            state, parallelism: readParallelism ?? parallelism, jobsIn: { self.jobs(in: $0) })
        let (desired, diagnostics) = await desiredJobs.build(
            specs, recorded: state, parallelism: parallelism)
        let observed = try await observing
        if diagnostics.hasErrors { throw diagnostics }
        let found = try await findUnrecorded(desired, recorded: state)
        let now = Date()
        let restores = try await observeRestores(
            desired, recorded: state, observed: observed, replacing: options.replace,
            parallelism: parallelism,
            now: now)
        var plan = Planner.plan(
            desired: desired, recorded: state, observed: observed, found: found, options: options,
            campaign: CampaignInputs(restores: restores, now: now))
        plan.drift = Drift.detect(recorded: state, observed: observed)
        PlanEstimate.estimate(&plan, with: CostModel(prices: prices), defaultRegion: defaultRegion)
        return Planned(plan: plan, state: state, observed: observed, diagnostics: diagnostics)
    }

    /// For every `when: restored` dependency whose restore job is observed Complete: what HEAD
    /// says of the job's objects (``RestoreCheck``), each restore looked at once however many
    /// specs wait for it, with the largest sample any of them asks.
    func observeRestores(
        _ desired: [DesiredJob], recorded state: State?, observed: [String: Observation],
        replacing: Set<String> = [], parallelism: Int, now: Date
    ) async throws -> [String: RestoreObservation] {
        var samples: [String: Int] = [:]
        for d in desired {
            // A spec whose job exists and stays needs no look at the objects it waited for.
            if let r = state?.jobs[d.name], r.jobId != nil, d.isDefinition(r.digest, canonical: r.canonical),
                d.rerun <= r.rerun, !replacing.contains(d.name)
            {
                continue
            }
            for dep in d.dependsOn where dep.when == .restored {
                samples[dep.spec] = max(samples[dep.spec] ?? 0, dep.sample)
            }
        }
        // A split restore is looked at part by part (its jobs are `NAME#0001`, ...).
        let asked = samples.sorted { $0.key < $1.key }.flatMap { name, sample in
            (state?.jobs ?? [:]).filter { job in
                guard job.key == name || JobIdentity.spec(ofJob: job.key) == name,
                    case .job(let o)? = observed[job.key]
                else { return false }
                return o.status == .complete
            }.sorted { $0.key < $1.key }.map { (name: $0.key, record: $0.value, sample: sample) }
        }
        let answers = try await Bounded.map(asked, width: max(1, parallelism / max(1, asked.count))) { one in
            (
                one.name,
                try await RestoreCheck.observe(
                    one.record, sample: one.sample, jobs: self.jobs(in: one.record.region),
                    objects: self.objects,
                    width: parallelism, now: now)
            )
        }
        return Dictionary(answers, uniquingKeysWith: { a, _ in a })
    }

    /// The engine's jobs tagged for the specs of `desired` that `state` has no record of (a lost
    /// state never makes a second job): ListJobs and GetJobTagging in each account and region of
    /// those specs. No call when every spec has a record.
    public func findUnrecorded(
        _ desired: [DesiredJob], recorded state: State?
    ) async throws -> [String: [FoundJob]] {
        let missing = desired.filter { state?.jobs[$0.name] == nil }
        guard !missing.isEmpty else { return [:] }
        return try await Observer.findTagged(
            Set(missing.map(\.name)), in: missing.map { ($0.accountId, $0.region) },
            jobsIn: { self.jobs(in: $0) })
    }

    /// An error for every spec, and every job recorded in `state`, whose region has no engine.
    func regionProblems(_ specs: [LoadedSpec], recorded state: State?) -> Diagnostics {
        var found = Diagnostics()
        var reported = Set<String>()
        for loaded in specs {
            do { _ = try engine(in: loaded.spec.region) } catch {
                found.append(error.diagnostic(spec: loaded, defaultRegion: defaultRegion))
                reported.insert(error.region)
            }
        }
        for (name, record) in (state?.jobs ?? [:]).sorted(by: { $0.key < $1.key }) where record.jobId != nil {
            do { _ = try engine(in: record.region) } catch {
                if reported.insert(error.region).inserted {
                    found.append(error.diagnostic(job: name, statePath: config.statePath))
                }
            }
        }
        return found
    }

    public func reconciler() -> Reconciler {
        Reconciler(
            jobsIn: { self.jobs(in: $0) }, objects: objects,
            readFile: { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw EngineError(code: "ManifestMissing", message: "cannot read \(path)")
                }
                return [UInt8](data)
            })
    }
}
