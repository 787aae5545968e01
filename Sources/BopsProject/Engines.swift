public import BopsJobs

/// The engines a workspace works with, as the CLI's engine factory built them for `bops.yaml`.
///
/// The project layer knows no engine by name: everything engine-specific it needs (how to reach
/// another region, how to run jobs in this process, how to word a hint) comes through here.
public struct Engines: Sendable {
    /// Makes the jobs engine of one region. Called at most once per region; a thrown error is
    /// reported as the region's (see ``RegionEngineError``).
    public typealias RegionalJobs = @Sendable (_ region: String) throws -> any JobsEngine
    /// Runs the jobs that are ready until they end, calling `onProgress` as they advance.
    public typealias JobRunner = @Sendable (_ onProgress: (JobDescriptor) -> Void) async throws -> Void

    /// The jobs engine of the default region.
    public var jobs: any JobsEngine
    public var objects: any ObjectStore
    /// The region ``jobs`` serves; `nil` when it serves every region.
    public var region: String?
    /// Engines of other regions than ``region``; `nil` when ``jobs`` serves every region.
    public var regional: RegionalJobs?
    /// Set when the engine runs jobs in this process only while asked to (the embedded engine):
    /// a command that waits for a job drives it.
    public var runJobs: JobRunner?
    /// How to word hints about things a plan-time check found missing.
    public var advice: any EngineAdvice
    /// Checks a job's role before the job runs (the local engine's declared roles, IAM on aws);
    /// `nil` when the engine cannot (a plan then checks no role).
    public var roles: (any RoleChecking)?
    /// Reads the KMS keys jobs use (the local engine's key store, KMS on aws); `nil` when the engine
    /// cannot (a plan then checks no key).
    public var keys: (any KeyChecking)?
    /// Says whether the caller may create the jobs (STS and IAM on aws); `nil` when the engine has
    /// no caller identity (the local engine: the plan reports the check as not applicable).
    public var callers: (any CallerChecking)?
    /// How long `apply --wait` and `bops wait` sleep between observations by default: AWS asks
    /// for no more than one DescribeJob per job every 30 seconds; an engine on this machine
    /// answers as often as asked.
    public var pollInterval: Duration = .seconds(30)
    /// Whether listing a bucket costs nothing worth counting (the local engine, an emulator on
    /// this machine): plans then list a generated manifest's bucket to the end.
    public var listsCheaply = false

    public init(
        jobs: any JobsEngine, objects: any ObjectStore, region: String? = nil, regional: RegionalJobs? = nil,
        runJobs: JobRunner? = nil, advice: any EngineAdvice = GenericAdvice(),
        roles: (any RoleChecking)? = nil, keys: (any KeyChecking)? = nil
    ) {
        self.jobs = jobs
        self.objects = objects
        self.region = region
        self.regional = regional
        self.runJobs = runJobs
        self.advice = advice
        self.roles = roles
        self.keys = keys
    }
}
