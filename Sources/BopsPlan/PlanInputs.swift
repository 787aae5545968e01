public import BopsCost
public import BopsJobs
public import BopsState

/// One spec as the planner needs it: identity, digest, the job definition and the
/// in-place-updatable fields. The account, priority and tags are decided here once, and
/// ``createJobRequest(generation:)`` is the one place they become a request.
public struct DesiredJob: Sendable, Hashable, Codable {
    public var name: String
    /// The configuration digest: canonical spec (without priority, tags, confirm, rerun) and manifest content.
    public var digest: String
    /// The canonical configuration as JSON text, kept in state so a later plan can say which fields changed.
    public var canonical: String?
    public var accountId: String
    public var region: String?
    public var priority: Int
    /// The user's job tags (bops adds its own `bops:` tags).
    public var tags: [String: String]
    public var confirm: Bool
    public var rerun: Int
    public var specFile: String?
    /// What the job does and to which objects (everything CreateJob sends but the account, token,
    /// priority and tags).
    public var definition: JobDefinition
    /// Local files to upload before CreateJob (content-addressed CSV manifests).
    public var staging: [StagedObject]
    /// How the manifest differs from the one of the recorded job, when the caller could tell.
    public var manifestChange: String?
    /// `bucket/key` of the staged CSV manifest, kept in state so the next plan can diff against it.
    public var manifestObject: String?
    /// Where the objects come from, for people: `specs/manifests/logs.csv (5 objects)`.
    public var source: String?
    /// How many objects the manifest lists, when known before the job exists (a local CSV file).
    public var objectCount: Int?
    /// What the plan found out about the job's objects (count, bytes, storage classes), for the
    /// estimate; `nil` when nothing was looked at.
    public var size: JobSize?
    /// What a reviewer should know can go wrong or cannot be undone, each at its key.
    public var risks: [Risk] = []
    /// `spec.acknowledge`: the checks and risks the spec accepts, with its reasons.
    public var acknowledged: [String: String] = [:]
    /// Digests the same definition had under earlier canonical rules (a schema default written
    /// out, before the canonical form left written defaults out). A job recorded under one of them
    /// is this definition's job: it is not replaced for it.
    public var earlierDigests: [String] = []
    /// `dependsOn`: the conditions other specs' jobs must meet before this job is created. Not
    /// part of the digest.
    public var dependsOn: [Dependency] = []
    /// Why the manifest cannot be made yet (a `fromReport` whose report is not readable yet): a
    /// job is not created for it, the spec waits.
    public var manifestPending: String?
    /// Why there is no job to make (a `fromReport` that matches no row): the spec is done as it is.
    public var nothingToDo: String?
    /// For a manifest made from a completion report: whose, and how many rows.
    public var reportLineage: ReportLineage?

    /// The manifest ETag this plan could not look up (`--refresh=false`, not pinned in the spec):
    /// `digest` is then ``ManifestETagLookup/placeholderDigest`` and the apply looks the ETag up.
    public var manifestETagLookup: ManifestETagLookup?

    /// Whether a job recorded (or tagged) with `digest` was made from this definition. With the
    /// manifest's ETag unknown, a record of the same canonical configuration is taken as the same
    /// definition (the plan says the manifest was not looked at).
    public func isDefinition(_ digest: String?, canonical recorded: String? = nil) -> Bool {
        guard let digest else { return false }
        if manifestETagLookup != nil { return recorded != nil && recorded == canonical }
        return digest == self.digest || earlierDigests.contains(digest)
    }

    /// The CreateJob request of this spec's job of `generation`: its account and priority, the
    /// client token of (name, digest, generation), and the user's tags with bops's own.
    public func createJobRequest(generation: Int) -> CreateJobRequest {
        CreateJobRequest(
            definition, accountId: accountId,
            clientRequestToken: JobIdentity.clientToken(name: name, digest: digest, generation: generation),
            priority: priority,
            tags: JobIdentity.tags(name: name, digest: digest, user: tags).sorted { $0.key < $1.key }.map {
                S3Tag(key: $0.key, value: $0.value)
            })
    }

    public init(
        name: String, digest: String, canonical: String?, accountId: String, region: String?, priority: Int,
        tags: [String: String], confirm: Bool, rerun: Int, specFile: String?, definition: JobDefinition,
        staging: [StagedObject] = [], manifestChange: String? = nil
    ) {
        self.name = name
        self.digest = digest
        self.canonical = canonical
        self.accountId = accountId
        self.region = region
        self.priority = priority
        self.tags = tags
        self.confirm = confirm
        self.rerun = rerun
        self.specFile = specFile
        self.definition = definition
        self.staging = staging
        self.manifestChange = manifestChange
    }
}

/// A local file that must be in the object store, at a content-addressed key, before a job is created.
public struct StagedObject: Sendable, Hashable, Codable {
    public var localPath: String
    public var bucket: String
    public var key: String
    public var sha256: String
    public var md5: String

    public init(localPath: String, bucket: String, key: String, sha256: String, md5: String) {
        self.localPath = localPath
        self.bucket = bucket
        self.key = key
        self.sha256 = sha256
        self.md5 = md5
    }
}

/// What the engine says about a recorded job right now.
public enum Observation: Sendable, Hashable {
    case job(ObservedJob)
    /// The engine has no such job: it expired (90 days after it ended) or was never made.
    case gone
}

public struct ObservedJob: Sendable, Hashable, Codable {
    public var status: JobStatus
    public var progress: Progress?
    public var priority: Int?
    public var tags: [String: String]?
    public var statusReason: String?
    public var failureReasons: [String]

    public init(
        status: JobStatus, progress: Progress? = nil, priority: Int? = nil, tags: [String: String]? = nil,
        statusReason: String? = nil, failureReasons: [String] = []
    ) {
        self.status = status
        self.progress = progress
        self.priority = priority
        self.tags = tags
        self.statusReason = statusReason
        self.failureReasons = failureReasons
    }
}

/// Choices the user makes on the command line.
public struct PlanOptions: Sendable, Hashable {
    /// Cancel the running jobs of specs that were removed.
    public var prune: Bool
    /// Spec names whose job is to be made anew even though nothing changed (a retry of a failed job).
    public var replace: Set<String>

    /// The spec files and folders the command was given (`nil`: the whole project). A recorded
    /// job whose spec file lies outside them is left alone: it is not planned as removed, for the
    /// command did not read its spec.
    public var scope: [String]?

    public init(prune: Bool = false, replace: Set<String> = [], scope: [String]? = nil) {
        self.prune = prune
        self.replace = replace
        self.scope = scope
    }

    /// Whether a record whose spec was not loaded is this plan's to remove: always for a whole
    /// project; for some paths, when its spec file is one of them or under one.
    public func covers(_ record: JobRecord) -> Bool {
        guard let scope else { return true }
        guard let file = record.specFile.map(Self.normalized) else { return false }
        return scope.map(Self.normalized).contains { $0 == file || file.hasPrefix($0 + "/") || $0 == "." }
    }

    static func normalized(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }
}
