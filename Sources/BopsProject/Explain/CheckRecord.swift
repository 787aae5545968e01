public import BopsDiagnostics
public import BopsJobs

/// One plan-time check as it ran for one spec: which check, what it looked at, what it observed
/// (typed, ``CheckRecord/Observation``) and its verdict. `bops plan --explain NAME` renders these;
/// the library never words them.
public struct CheckRecord: Sendable, Hashable {
    /// The checks a plan makes, in the order they run.
    public enum Check: String, Sendable, Hashable, CaseIterable {
        case manifest
        case replicationSource
        case replicationDestination
        case inventoryVersions
        case replicationCoverage
        case objectLockDestination
        case reportBucket
        case reportRetention
        case reportRegion
        case role
        case bucketPolicy
        case blockPublicAccess
        case lifecycle
        case sourceEncryption
        case kmsKey
        case caller
    }

    /// What a check saw, one fact each.
    public enum Observation: Sendable, Hashable {
        /// An object exists with this ETag (and encryption, when the store says).
        case object(uri: String, eTag: String, encryption: String?)
        /// A local CSV manifest as bops staged it: its rows, the ETag of the staged object, its
        /// columns.
        case localManifest(file: String, rows: Int?, eTag: String, fields: [String])
        /// A bucket that exists, in this region when the store says.
        case bucket(name: String, region: String?)
        /// A bucket or object that does not exist.
        case missing(String)
        /// A bucket's versioning status (`nil`: never enabled).
        case versioning(bucket: String, status: String?)
        /// A bucket's replication configuration: its enabled rules' destinations (`nil`: none).
        case replication(bucket: String, destinations: [String]?)
        /// The S3 Inventory configuration of `bucket` a report was delivered for: its ID and which
        /// versions it lists (`All` or `Current`); `nil` ID: none of the bucket's configurations
        /// delivers to where the report is (`configurations`: how many it has).
        case inventoryConfiguration(
            bucket: String, id: String?, includedVersions: String?, configurations: Int?)
        /// A Replicate manifest's objects in `bucket` against its replication rules: how many, how
        /// many no rule takes, how many only rules with tag filters could take (tags are not known);
        /// estimated from `sample` rows when set.
        case replicationCoverage(bucket: String, objects: Int, outside: Int, byTags: Int, sample: Int?)
        /// A bucket's Object Lock configuration: whether enabled, its default retention.
        case objectLock(bucket: String, enabled: Bool, defaultRetention: String?)
        /// A bucket's region (`nil`: not known), against the job's.
        case region(bucket: String, region: String?, jobRegion: String)
        /// A bucket without a bucket policy.
        case noBucketPolicy(bucket: String)
        /// A bucket policy evaluated for the role: the actions asked and the statement that
        /// denies them (`nil`: no statement denies).
        case bucketPolicy(bucket: String, role: String, actions: [String], deniedBy: String?)
        /// Whether the role's `account` owns a bucket (`owned` `nil`: the engine cannot tell), and its
        /// owner when known.
        case bucketOwner(bucket: String, account: String, owned: Bool?, owner: String?)
        /// A bucket of another account: whether its policy allows the role `actions`.
        case crossAccountAllow(bucket: String, role: String, actions: [String], allowed: Bool)
        /// A bucket's Block Public Access settings (`nil`: none set).
        case publicAccessBlock(bucket: String, blockPublicAcls: Bool?, ignorePublicAcls: Bool?)
        /// A bucket's lifecycle rules: how many, and the IDs of those that expire or move the job's
        /// objects.
        case lifecycle(bucket: String, rules: Int, matching: [String])
        /// A bucket's default encryption: its algorithm and KMS key (`nil` algorithm: none set).
        case bucketEncryption(bucket: String, algorithm: String?, key: String?)
        /// A KMS key's state (`nil`: it does not exist).
        case key(arn: String, state: String?)
        /// A key policy evaluated for the role: the actions, and the decision.
        case keyPolicy(arn: String, role: String, actions: [String], decision: PermissionDecision)
        /// The role's permissions asked of the engine: how many allowed and denied, and whether its
        /// trust policy lets Batch Operations assume it (`nil`: not known).
        case rolePermissions(role: String, allowed: Int, denied: Int, trusted: Bool?)
        /// The caller's decision for one action CreateJob needs of it (`nil`: IAM answered none).
        case callerPermission(caller: String, action: String, resource: String, decision: PermissionDecision?)
        /// A role the engine does not know.
        case noSuchRole(String)
        /// A read that was refused or failed, with the error.
        case unread(what: String, error: String)
    }

    /// How a check ended.
    public enum Verdict: Sendable, Hashable {
        case passed
        /// An error or a warning, as the plan reports it.
        case failed(Diagnostic)
        /// The check could not be made (a refused read): the reason.
        case notChecked(String)
        /// The check means nothing here (no role, an engine that cannot read keys): why.
        case notApplicable(String)
        /// The spec skips the check in `spec.acknowledge`, with this reason.
        case acknowledged(String)
    }

    public var check: Check
    /// What it looked at: `s3://bucket`, a key ARN, a role ARN.
    public var subject: String
    public var observed: [Observation]
    public var verdict: Verdict

    public init(_ check: Check, subject: String, observed: [Observation] = [], verdict: Verdict) {
        self.check = check
        self.subject = subject
        self.observed = observed
        self.verdict = verdict
    }

    /// The verdict of a check that observed `observed` and found `found`: the first error, else a
    /// refused read (not checked), else the first warning, else passed.
    public init(_ check: Check, subject: String, observed: [Observation], found: Diagnostics) {
        let verdict: Verdict
        if let error = found.items.first(where: { $0.severity == .error }) {
            verdict = .failed(error)
        } else if let unread = observed.lazy.compactMap({ o -> String? in
            if case .unread(let what, let error) = o { return "\(what): \(error)" }
            return nil
        }).first {
            verdict = .notChecked(unread)
        } else if let warning = found.items.first(where: { $0.severity == .warning }) {
            verdict = .failed(warning)
        } else {
            verdict = .passed
        }
        self.init(check, subject: subject, observed: observed, verdict: verdict)
    }
}
