/// One S3 Batch Operations job as declared in a spec document (`apiVersion: bops/v1`, `kind: BatchJob`).
///
/// Built only by `SpecLoader` from a document that passed the schema, so every value respects the
/// schema's enums and limits; cross-field rules (see `SemanticRules`) have been checked too.
/// Schema defaults are filled in from ``Defaults``: a missing `priority` is 10, `confirmationRequired`
/// true, and so on.
public struct JobSpec: Sendable, Hashable, Codable {
    public static let apiVersion = "bops/v1"
    public static let kind = "BatchJob"
    /// AWS allows 50 tags per job; bops keeps this many for its own (`bops:` keys).
    public static let reservedJobTagCount = 2
    /// Job tag keys with this prefix belong to bops (spec name, digest).
    public static let reservedTagPrefix = "bops:"

    /// `metadata.name`: unique across all specs, the key of the job in state.
    public var name: String
    /// `metadata.labels`: for people and tools only; never sent to AWS, not part of the digest.
    public var labels: [String: String]
    /// Absent means "the project default".
    public var account: String?
    /// Absent means "the project default".
    public var region: String?
    public var description: String?
    /// 0 ... 2147483647; updatable in place.
    public var priority: Int
    public var roleArn: String
    /// Always sent explicitly to CreateJob.
    public var confirmationRequired: Bool
    /// Declarative "Run job": confirm the job once it awaits confirmation.
    public var confirm: Bool
    /// Generation counter; bumping it clones a finished job.
    public var rerun: Int
    public var manifest: Manifest
    public var operation: Operation
    public var report: Report
    /// Job tags; updatable in place. Keys are unique by construction.
    public var tags: [String: String]
    /// `spec.dependsOn`: the specs whose jobs must reach a condition before this job is created.
    /// Not part of the definition (the digest leaves it out).
    public var dependsOn: [Dependency] = []
    /// `spec.split.maxObjects`: a local CSV manifest is made into jobs of at most this many rows,
    /// one per part (`NAME#0001`, ...). Part of the definition.
    public var splitMaxObjects: Int?
    /// `spec.split.maxFiles`: an inventory report is made into jobs of at most this many data
    /// files, each part with its own manifest.json. Part of the definition.
    public var splitMaxFiles: Int?
    /// `spec.acknowledge`: plan-time checks skipped, by name, with the reason. Not part of the job
    /// definition.
    public var acknowledged: [String: String] = [:]

    public init(
        name: String, labels: [String: String] = [:], account: String? = nil, region: String? = nil,
        description: String? = nil, priority: Int = Defaults.priority, roleArn: String,
        confirmationRequired: Bool = Defaults.confirmationRequired, confirm: Bool = Defaults.confirm,
        rerun: Int = Defaults.rerun, manifest: Manifest, operation: Operation, report: Report,
        tags: [String: String] = [:]
    ) {
        self.name = name
        self.labels = labels
        self.account = account
        self.region = region
        self.description = description
        self.priority = priority
        self.roleArn = roleArn
        self.confirmationRequired = confirmationRequired
        self.confirm = confirm
        self.rerun = rerun
        self.manifest = manifest
        self.operation = operation
        self.report = report
        self.tags = tags
    }

    /// The CSV manifest's `file` as written, when the manifest is a local CSV file.
    public var manifestFile: String? {
        guard case .csv(let csv) = manifest, case .file(let path) = csv.source else { return nil }
        return path
    }

    /// The job tags sorted by key, the order in which they are sent and shown.
    public var sortedTags: [(key: String, value: String)] {
        tags.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    /// This spec with a missing `account`/`region` taken from the project defaults. Apply it before
    /// computing the digest so that changing a project default is seen as a change of the job.
    public func resolved(account defaultAccount: String?, region defaultRegion: String?) -> JobSpec {
        var copy = self
        if copy.account == nil { copy.account = defaultAccount }
        if copy.region == nil { copy.region = defaultRegion }
        return copy
    }
}
