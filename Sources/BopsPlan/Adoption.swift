public import BopsJobs
public import BopsState
public import FoundationEssentials

/// A job the engine has whose `bops:spec` tag names a spec that state has no record of: the job of
/// an earlier apply whose state was lost (or never saved).
public struct FoundJob: Sendable, Hashable, Codable {
    public var jobId: String
    public var status: JobStatus
    /// The `bops:digest` tag: the configuration the job was made from.
    public var digest: String?
    public var priority: Int?
    /// The job's tags without the bops ones.
    public var tags: [String: String]
    public var createdAt: Date?

    public init(
        jobId: String, status: JobStatus, digest: String?, priority: Int?, tags: [String: String],
        createdAt: Date?
    ) {
        self.jobId = jobId
        self.status = status
        self.digest = digest
        self.priority = priority
        self.tags = tags
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case status, digest, priority, tags
        case jobId = "job_id"
        case createdAt = "created_at"
    }
}

extension Observer {
    /// The jobs tagged `bops:spec` = one of `names`, by spec name, newest first: ListJobs (every
    /// page, every status) in each (account, region) of `places`, then GetJobTagging of each job.
    /// A job that vanishes between the two calls is skipped; any other error stops the search.
    public static func findTagged(
        _ names: Set<String>, in places: [(accountId: String, region: String?)],
        jobsIn: (String?) -> any JobsEngine, pageSize: Int = 1000
    ) async throws -> [String: [FoundJob]] {
        guard !names.isEmpty else { return [:] }
        var found: [String: [FoundJob]] = [:]
        var seen = Set<String>()
        var searched = Set<String>()
        for place in places where searched.insert("\(place.accountId)/\(place.region ?? "")").inserted {
            let jobs = jobsIn(place.region)
            var token: String?
            repeat {
                let page = try await jobs.listJobs(
                    accountId: place.accountId, statuses: [], nextToken: token, maxResults: pageSize)
                for listed in page.jobs where seen.insert(listed.jobId).inserted {
                    let tags: [JobTag]
                    do {
                        tags = try await jobs.getJobTagging(accountId: place.accountId, jobId: listed.jobId)
                    } catch let error as EngineError where error.isNoSuchJob {
                        continue
                    }
                    let all = Dictionary(tags.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b })
                    guard let name = all[JobIdentity.nameTag], names.contains(name) else { continue }
                    found[name, default: []].append(
                        FoundJob(
                            jobId: listed.jobId, status: listed.status, digest: all[JobIdentity.digestTag],
                            priority: listed.priority, tags: JobIdentity.userTags(all),
                            createdAt: listed.creationTime))
                }
                token = page.nextToken
            } while token != nil
        }
        return found.mapValues { jobs in
            jobs.sorted {
                ($0.createdAt ?? .distantPast, $0.jobId) > ($1.createdAt ?? .distantPast, $1.jobId)
            }
        }
    }
}

extension Planner {
    /// The job to adopt for a spec without a record: the newest live job tagged for it, else the
    /// newest ended one made from the same configuration (its result stands; rerunning it would run
    /// the tasks twice). `nil` when there is none: the spec gets a new job.
    static func adoptable(_ d: DesiredJob, among jobs: [FoundJob]) -> FoundJob? {
        jobs.first { !$0.status.isTerminal } ?? jobs.first { d.isDefinition($0.digest) }
    }

    static func adoption(_ d: DesiredJob, _ job: FoundJob, among jobs: [FoundJob]) -> PlannedAction {
        let same = d.isDefinition(job.digest)
        var reason =
            "state has no record of this spec, but job \(job.jobId) (\(job.status.rawValue)) carries its "
            + "\(JobIdentity.nameTag) tag: it is recorded instead of creating a second job"
        if !same { reason += "; it was made from another configuration, which the next plan compares" }
        var a = PlannedAction(kind: .adopt, name: d.name, reason: reason, accountId: d.accountId)
        a.jobId = job.jobId
        a.status = job.status
        a.digest = job.digest ?? ""
        a.canonical = same ? d.canonical : nil
        a.generation = 0
        a.rerun = same ? d.rerun : 0
        a.region = d.region
        a.specFile = d.specFile
        a.confirm = d.confirm
        a.manifestObject = same ? d.manifestObject : nil
        a.adopted = job
        for other in jobs where other.jobId != job.jobId && !other.status.isTerminal {
            a.changes.append(
                "another live job carries the same tag: \(other.jobId) (\(other.status.rawValue))")
        }
        return a
    }
}

extension JobRecord {
    /// The record of an adopted job, as the plan found it.
    public init(adopting job: FoundJob, for action: PlannedAction, at now: Date) {
        let digest = action.digest ?? job.digest ?? ""
        let generation = action.generation ?? 0
        self.init(
            name: action.name, digest: digest, generation: generation, rerun: action.rerun ?? 0,
            accountId: action.accountId, region: action.region,
            clientToken: JobIdentity.clientToken(name: action.name, digest: digest, generation: generation),
            priority: job.priority ?? 0, tags: job.tags)
        canonical = action.canonical
        jobId = job.jobId
        pendingCreate = false
        status = job.status
        specFile = action.specFile
        manifestObject = action.manifestObject
        createdAt = job.createdAt
        updatedAt = now
    }
}
