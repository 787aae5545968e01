public import BopsCost
public import BopsJobs
public import BopsState

/// What `apply` will do, in order. Serialised as the plan file and as `plan --json`.
///
/// A plan is bound to the state it was made from (`stateLineage`, `stateSerial`): applying it to any
/// other state is refused as stale.
public struct Plan: Codable, Sendable, Hashable {
    /// The shape of plan files and `plan --json`. 2.0: engine types use snake_case keys like the rest
    /// (1.0 carried AWS's PascalCase ones); plan files of 1.0 are refused by ``read(from:)``.
    /// Optional fields added within 2.0, per action: `user_tags` (the spec's job tags, recorded as
    /// they are) and `known_after_apply` (a manifest ETag a plan without refresh left to the apply);
    /// a plan file without them is applied as before. 2.1: campaigns: the kinds `wait` and
    /// `blocked`, and per action `depends_on` (the specs it depends on) and `waits_on` (each
    /// dependency's condition as evaluated, with `holds` and its figures). 2.2: per action `size`
    /// (objects and bytes, each `exact`, `estimated`, `at_least` or `unknown`), `estimate` (line
    /// items and total) and `risks` (each with its id and the key it comes from), and the plan's
    /// `estimate`; a plan file of 2.0 or 2.1 is applied as before.
    public static let formatVersion = "2.2"

    public var formatVersion: String
    public var stateLineage: String?
    public var stateSerial: Int
    public var actions: [PlannedAction]
    /// Recorded jobs that changed outside bops since bops last recorded them
    /// (``Drift/detect(recorded:observed:)``), shown before the actions. Empty when nothing changed or nothing was observed; `nil` only in plan
    /// files written before bops reported drift.
    public var drift: [DriftedJob]?
    /// `false` when the plan was made from state alone (`plan --refresh=false`): no job was observed,
    /// so statuses are the recorded ones and drift is unknown. `nil` in plan files written before.
    public var refreshed: Bool?
    /// The whole plan's estimate: the sum of its actions' (``PlanEstimate``); `nil` in plan files
    /// written before bops estimated.
    public var estimate: PlanTotal?

    public init(stateLineage: String?, stateSerial: Int, actions: [PlannedAction]) {
        formatVersion = Plan.formatVersion
        self.stateLineage = stateLineage
        self.stateSerial = stateSerial
        self.actions = actions
        self.drift = []
        self.refreshed = true
    }

    /// Actions that change something (jobs or state).
    public var changes: [PlannedAction] { actions.filter { $0.kind.isChange } }
    public var hasChanges: Bool { !changes.isEmpty }

    public func count(_ kind: ActionKind) -> Int { actions.filter { $0.kind == kind }.count }

    /// Whether any spec depends on another (the plan is a campaign).
    public var isCampaign: Bool { actions.contains { !($0.dependsOn ?? []).isEmpty } }

    enum CodingKeys: String, CodingKey {
        case actions, drift, refreshed, estimate
        case formatVersion = "format_version"
        case stateLineage = "state_lineage"
        case stateSerial = "state_serial"
    }
}

public enum ActionKind: String, Codable, Sendable, Hashable, CaseIterable {
    case create
    /// Record a job that exists but that state does not know (found by its `bops:spec` tag), instead
    /// of creating a second one.
    case adopt
    case confirm
    case update
    case replace
    case clone
    case cancel
    case forget
    /// A job to create once the spec's dependencies meet their conditions; nothing is done now.
    case wait
    /// A job that can never be created as the spec stands: a dependency can never meet its condition.
    case blocked
    case none

    /// Whether apply acts on it: waiting and blocked specs change nothing.
    public var isChange: Bool {
        switch self {
        case .none, .wait, .blocked: false
        default: true
        }
    }

    /// The plan symbol, as Terraform users know them.
    public var symbol: String {
        switch self {
        case .create, .clone: "+"
        case .adopt: "<="
        case .confirm: "!"
        case .update: "~"
        case .replace: "-/+"
        case .cancel, .forget: "-"
        case .wait: "..."
        case .blocked: "x"
        case .none: " "
        }
    }
}

/// One step of a plan. `reason` is a sentence a reviewer reads in a pull request.
public struct PlannedAction: Codable, Sendable, Hashable {
    public var kind: ActionKind
    public var name: String
    public var reason: String
    /// Lines that say what differs (`priority: 10 -> 20`, `operation.copy.storageClass: ...`).
    public var changes: [String]
    /// The current job, when there is one.
    public var jobId: String?
    public var status: JobStatus?
    public var progress: Progress?
    public var failureReasons: [String]
    /// For create, replace and clone: the job to create (client token and bops tags included).
    public var request: CreateJobRequest?
    public var staging: [StagedObject]
    public var manifestObject: String?
    /// Where the objects come from, for people (`specs/manifests/logs.csv (5 objects)`).
    public var source: String?
    /// For create, replace and clone: what the job does to its objects, in one sentence
    /// (``OperationSummary``): `Tag every object: tier=cold (replaces each object's tag set)`.
    public var operationSummary: String?
    /// For create, replace and clone: the record the new job is kept under.
    public var digest: String?
    public var canonical: String?
    public var generation: Int?
    public var rerun: Int?
    public var confirm: Bool
    /// For update.
    public var newPriority: Int?
    public var newTags: [String: String]?
    public var accountId: String
    public var region: String?
    public var specFile: String?
    /// For adopt: the job found by its tags.
    public var adopted: FoundJob?
    /// For create, replace and clone: the user's job tags as the spec has them, recorded as they
    /// are (the request carries them with bops's own).
    public var userTags: [String: String]?
    /// For create, replace and clone: the manifest ETag the apply looks up first (a plan made
    /// with `--refresh=false`); `digest`, the client token and the `bops:digest` tag wait for it.
    public var knownAfterApply: ManifestETagLookup?
    /// The specs this one depends on (`dependsOn`): the edges of the plan's graph.
    public var dependsOn: [String]?
    /// Each dependency's condition as this plan evaluated it; for `wait` and `blocked` the ones
    /// that do not hold say why.
    public var conditions: [ConditionCheck]?
    /// Findings about the action a reviewer should see (a restored copy about to expire).
    public var warnings: [String]?
    /// For create, replace and clone of a manifest made from a completion report: whose, and how
    /// many rows were taken; recorded with the job.
    public var reportLineage: ReportLineage?
    /// For create, replace and clone: the job's objects as the plan sized them.
    public var size: JobSize?
    /// For create, replace and clone: what the job is estimated to cost (``PlanEstimate``).
    public var estimate: Estimate?
    /// For create, replace and clone: what can go wrong or cannot be undone, each at its key.
    public var risks: [Risk]?

    public init(kind: ActionKind, name: String, reason: String, accountId: String) {
        self.kind = kind
        self.name = name
        self.reason = reason
        self.changes = []
        self.failureReasons = []
        self.staging = []
        self.confirm = false
        self.accountId = accountId
    }

    enum CodingKeys: String, CodingKey {
        case kind, name, reason, changes, status, progress, request, staging, digest, canonical, generation,
            rerun
        case confirm, region
        case jobId = "job_id"
        case failureReasons = "failure_reasons"
        case newPriority = "new_priority"
        case newTags = "new_tags"
        case accountId = "account_id"
        case specFile = "spec_file"
        case manifestObject = "manifest_object"
        case operationSummary = "operation_summary"
        case source, adopted
        case knownAfterApply = "known_after_apply"
        case userTags = "user_tags"
        case dependsOn = "depends_on"
        case conditions = "waits_on"
        case warnings
        case reportLineage = "from_report"
        case size, estimate, risks
    }
}
