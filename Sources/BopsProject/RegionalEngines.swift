import BopsDiagnostics
import BopsJobs
import BopsPrimitives
import BopsSpec
import FoundationEssentials

/// The jobs engine of a region could not be made. Never replaced by another region's engine:
/// a job goes to its own region or nowhere.
public struct RegionEngineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var region: String
    /// Why, in the engine's words.
    public var reason: String

    public init(region: String, reason: String) {
        self.region = region
        self.reason = reason
    }

    public var description: String { "no jobs engine for region \(region): \(reason)" }

    /// The error at the `region` key of the spec that names the region.
    func diagnostic(spec loaded: LoadedSpec, defaultRegion: String) -> Diagnostic {
        .error(
            "spec \(loaded.spec.name) names region \(region), but its jobs engine cannot be made: \(reason)",
            at: loaded.place(of: "/spec/region"),
            hint: "fix the region, or remove spec.region to use the project's region \(defaultRegion)",
            pointer: "/spec/region")
    }

    /// The error for a job recorded in state in the region.
    func diagnostic(job name: String, statePath: String) -> Diagnostic {
        Diagnostic(
            .error,
            "job \(name) is recorded in region \(region), but its jobs engine cannot be made: \(reason)",
            hint: "fix what the reason names; bops state rm \(name) forgets the job", subject: statePath)
    }

    /// What every call of a job in the region throws.
    var engineError: EngineError {
        EngineError(code: "RegionUnavailable", message: description)
    }
}

/// One jobs engine per region, made when first needed; the primary one serves its own region and
/// every call without a region. A region whose engine cannot be made stays an error (made once).
final class RegionalEngines: @unchecked Sendable {
    private let primary: any JobsEngine
    private let primaryRegion: String?
    private let make: Engines.RegionalJobs?
    private var made: [String: Result<any JobsEngine, RegionEngineError>] = [:]
    private let lock = Lock()

    init(_ engines: Engines) {
        primary = engines.jobs
        primaryRegion = engines.region
        make = engines.regional
    }

    func engine(for region: String?) throws(RegionEngineError) -> any JobsEngine {
        guard let region, let make, region != primaryRegion else { return primary }
        let result = lock.withLock {
            if let known = made[region] { return known }
            let result: Result<any JobsEngine, RegionEngineError>
            do {
                result = .success(try make(region))
            } catch {
                result = .failure(RegionEngineError(region: region, reason: "\(error)"))
            }
            made[region] = result
            return result
        }
        return try result.get()
    }
}

/// Stands for the engine of a region that could not be made: every call throws why.
struct UnavailableJobsEngine: JobsEngine {
    let error: RegionEngineError

    func createJob(_ request: CreateJobRequest) async throws -> String { throw error.engineError }
    func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor {
        throw error.engineError
    }
    func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) async throws -> (jobs: [JobListDescriptor], nextToken: String?) {
        throw error.engineError
    }
    func updateJobStatus(
        accountId: String, jobId: String, to: RequestedJobStatus, reason: String?
    ) async throws -> (status: JobStatus, reason: String?) {
        throw error.engineError
    }
    func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws {
        throw error.engineError
    }
    func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag] { throw error.engineError }
    func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) async throws {
        throw error.engineError
    }
    func deleteJobTagging(accountId: String, jobId: String) async throws { throw error.engineError }
}
