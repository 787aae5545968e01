public import BopsAWS
public import BopsDiagnostics
public import BopsJobs
import BopsLocalEngine
public import BopsPlan
public import BopsSpec
import Foundation

/// One project as a command sees it: its config, state store and engine, and the steps of the flow.
/// Library code: returns values and throws; the command prints.
public struct Workspace: Sendable {
    public let config: ProjectConfig
    public let store: any StateStore
    public let jobs: any JobsEngine
    public let objects: any ObjectStore
    /// The embedded engine when `engine: local`, to run jobs while a command waits.
    public let local: LocalEngine?
    /// Engines of other regions than the default one (aws engine only; jobs are regional).
    let regions: RegionalEngines?
    public let bopsVersion: String

    /// - `logger`: where the aws engine reports requests (operation, status, request id; never secrets).
    public static func open(
        root: String = ".", bopsVersion: String, logger: AWSLogger = .disabled
    ) -> (workspace: Workspace?, diagnostics: Diagnostics) {
        let (config, diagnostics, _) = ProjectConfig.load(root: root)
        if diagnostics.hasErrors { return (nil, diagnostics) }
        let store = FileStateStore(path: config.resolve(config.statePath))
        switch config.engine {
        case .local:
            do {
                let engine = try LocalEngine(root: config.resolve(config.localPath))
                if try engine.store.bucketInfo(config.stagingBucket) == nil {
                    try engine.store.createBucket(config.stagingBucket)
                }
                return (Workspace(config: config, store: store, jobs: engine, objects: engine, local: engine, regions: nil, bopsVersion: bopsVersion), diagnostics)
            } catch {
                var d = diagnostics
                d.append(Diagnostic(.error, "cannot open the local engine: \(error)", hint: "check that \(config.localPath) is a writable folder", subject: config.localPath))
                return (nil, d)
            }
        case .aws:
            do {
                // Without an account in bops.yaml, job calls made with the placeholder account go to
                // the caller's own account (STS GetCallerIdentity).
                let configuration = AWSEngineConfiguration(
                    region: config.region, account: config.account,
                    placeholderAccount: config.account == nil ? ProjectConfig.defaultAccount : nil,
                    logger: logger)
                let engine = try AWSEngine(configuration)
                return (
                    Workspace(
                        config: config, store: store, jobs: engine, objects: engine, local: nil,
                        regions: RegionalEngines(primary: engine, configuration: configuration), bopsVersion: bopsVersion),
                    diagnostics
                )
            } catch {
                var d = diagnostics
                d.append(
                    Diagnostic(
                        .error, "cannot open the aws engine: \(error)",
                        hint: "check the AWS_* environment variables and the ~/.aws config and credentials files",
                        subject: config.file ?? "bops.yaml"))
                return (nil, d)
            }
        }
    }

    public var defaultAccount: String { config.account ?? ProjectConfig.defaultAccount }

    /// The jobs engine for a spec's region: the default engine unless a spec names another region.
    public func jobs(in region: String?) -> any JobsEngine {
        regions?.engine(for: region) ?? jobs
    }
    public var defaultRegion: String { config.region ?? ProjectConfig.defaultRegion }

    /// Takes the state lock for one command.
    public func lock(operation: String, timeout: Duration) throws(StateError) -> any StateLock {
        let who = (ProcessInfo.processInfo.environment["USER"] ?? "unknown") + "@" + ProcessInfo.processInfo.hostName
        let info = LockInfo(
            operation: operation, who: who, path: store.location, version: bopsVersion, created: Date(),
            pid: ProcessInfo.processInfo.processIdentifier)
        return try store.lock(info, timeout: timeout)
    }

    /// Everything a plan needs, and the plan.
    public struct Planned: Sendable {
        public var plan: Plan
        public var state: State?
        public var observed: [String: Observation]
        public var diagnostics: Diagnostics
    }

    /// Reads state, observes the recorded jobs, resolves the specs, and plans. Changes nothing.
    public func plan(_ specs: [LoadedSpec], options: PlanOptions) async throws -> Planned {
        let state: State?
        do { state = try store.load() } catch { throw Diagnostics([error.diagnostic]) }
        let observed = try await Observer.observe(state, jobsIn: { self.jobs(in: $0) })
        let builder = DesiredJobs(config: config, objects: objects, defaultAccount: defaultAccount, defaultRegion: defaultRegion)
        let (desired, diagnostics) = await builder.build(specs, recorded: state)
        if diagnostics.hasErrors { throw diagnostics }
        let plan = Planner.plan(desired: desired, recorded: state, observed: observed, options: options)
        return Planned(plan: plan, state: state, observed: observed, diagnostics: diagnostics)
    }

    public func reconciler() -> Reconciler {
        Reconciler(
            jobsIn: { self.jobs(in: $0) }, objects: objects, store: store,
            readFile: { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw EngineError(code: "ManifestMissing", message: "cannot read \(path)")
                }
                return [UInt8](data)
            }, bopsVersion: bopsVersion)
    }
}

/// One aws engine per region, made when first needed; the primary one serves the default region.
/// The region of a spec wins over `AWS_REGION`: the engine is made as if `AWS_REGION` named it.
final class RegionalEngines: @unchecked Sendable {
    private let primary: AWSEngine
    private let configuration: AWSEngineConfiguration
    private var others: [String: any JobsEngine] = [:]
    private let lock = NSLock()

    init(primary: AWSEngine, configuration: AWSEngineConfiguration) {
        self.primary = primary
        self.configuration = configuration
    }

    func engine(for region: String?) -> any JobsEngine {
        guard let region, region != primary.region else { return primary }
        lock.lock()
        defer { lock.unlock() }
        if let engine = others[region] { return engine }
        var configuration = self.configuration
        var environment = configuration.environment
        environment.values["AWS_REGION"] = region
        configuration.environment = environment
        let engine: any JobsEngine = (try? AWSEngine(configuration)) ?? primary
        others[region] = engine
        return engine
    }
}
