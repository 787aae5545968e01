public import BopsDiagnostics
public import BopsJobs
public import BopsPlan
public import BopsState

/// A spec's manifest resolved before its job exists, whatever its kind: what CreateJob is given
/// (a manifest object or S3's generator), what goes into the digest, what must be staged first,
/// and what is known of the objects. Each kind has its resolver (`DesiredJobs+CSVFile.swift`,
/// `DesiredJobs+S3Manifest.swift`, the generator in `DesiredJobs.resolveManifest`).
public struct ResolvedManifest: Sendable, Hashable {
    /// The manifest object CreateJob names; `nil` with a generator.
    public var jobManifest: JobManifest?
    /// S3's manifest generator; `nil` with a manifest object.
    public var generator: JobManifestGenerator?
    /// The manifest's part of the configuration digest: the hex SHA-256 of a local CSV, or
    /// `etag:<ETag>` of a manifest object; `nil` for a generator.
    public var digestInput: String?
    /// Local files to upload first (a CSV manifest, content-addressed).
    public var staging: [StagedObject] = []
    /// How many objects the manifest lists, when known before the job exists.
    public var objectCount: Int?
    /// The buckets the manifest's rows name (a local CSV), for the plan-time checks.
    public var sourceBuckets: [String] = []
    /// Where the objects come from, for people: `specs/manifests/logs.csv`.
    public var description: String
    /// How the manifest differs from the recorded job's, when that can be told.
    public var change: String?
    /// The manifest ETag the apply looks up (a plan without refresh, the ETag not pinned).
    public var eTagLookup: ManifestETagLookup?
    /// Why the manifest cannot be made yet (a report not readable yet); the spec waits.
    public var pending: String?
    /// Why no job is needed (a report with no matching row).
    public var nothingToDo: String?
    /// A manifest made from another job's completion report: whose, and how many rows.
    public var lineage: ReportLineage?
    /// `bucket/key` of the manifest object to record with the job (the delivery a latest
    /// inventory resolved to), when it is not a staged CSV.
    public var recordedManifest: String?
    /// An inventory report's `manifest.json` as the resolver read it, so sizing the job does not
    /// read it again.
    public var inventoryJSON: [UInt8]?
    /// Findings about the manifest's rows for the plan (codes that will fail again).
    public var warnings: [Diagnostic] = []

    public init(jobManifest: JobManifest, digestInput: String?, description: String) {
        self.jobManifest = jobManifest
        self.digestInput = digestInput
        self.description = description
    }

    /// A manifest with no object: no job is made (``nothingToDo`` says why).
    public init(nothing description: String) {
        self.description = description
    }

    /// A manifest that is not known yet: the job waits (``pending``).
    public init(pending: String, description: String) {
        self.pending = pending
        self.description = description
    }

    public init(generator: JobManifestGenerator, description: String) {
        self.generator = generator
        self.description = description
    }
}
