import BopsPrimitives
public import BopsDiagnostics
public import BopsJobs
import BopsManifest
public import BopsPlan
public import BopsSpec
public import BopsState
import Foundation

/// Turns loaded specs into the planner's desired jobs: project defaults applied, CSV manifests
/// read and hashed, S3 manifest ETags looked up, the CreateJob request built.
///
/// Reads files and asks the object store (plan-time checks), but changes nothing.
public struct DesiredJobs: Sendable {
    public let config: ProjectConfig
    public let objects: any ObjectStore
    public let defaultAccount: String
    public let defaultRegion: String
    /// Words the hints of plan-time checks in the engine's terms.
    public let advice: any EngineAdvice
    /// Checks each spec's role (``PermissionCheck``); `nil` checks none.
    public var roles: (any RoleChecking)?
    /// Whether the ETag of a manifest object the spec does not pin is read now (`false` for
    /// `--refresh=false`: it is then known after apply, ``ManifestETagLookup``).
    public var looksUpManifests = true

    public init(
        config: ProjectConfig, objects: any ObjectStore, defaultAccount: String, defaultRegion: String,
        advice: any EngineAdvice = GenericAdvice()
    ) {
        self.config = config
        self.objects = objects
        self.defaultAccount = defaultAccount
        self.defaultRegion = defaultRegion
        self.advice = advice
    }

    /// What the specs of one build share: each distinct plan-time read, each CSV manifest file
    /// (by path and fields) and each distinct role question (role and needed permissions) is done once.
    final class Shared: Sendable {
        let preflight: Preflight
        let scans = OnceMap<String>()
        let roleChecks = OnceMap<PermissionCheck.Question>()

        init(_ preflight: Preflight) { self.preflight = preflight }
    }

    /// The desired job of each spec (in spec order) and every diagnostic, with at most `parallelism`
    /// specs checked at once.
    public func build(
        _ specs: [LoadedSpec], recorded: State?, parallelism: Int = 1
    ) async -> (desired: [DesiredJob], diagnostics: Diagnostics) {
        let shared = Shared(Preflight(objects: objects, advice: advice, memo: OnceMap()))
        let built = await Bounded.map(specs, width: parallelism) { loaded in
            var problems = Diagnostics()
            let job = await build(
                loaded, recorded: recorded?.jobs[loaded.spec.name], shared: shared, diagnostics: &problems)
            return (job, problems)
        }
        var desired: [DesiredJob] = []
        var diagnostics = Diagnostics()
        for (job, problems) in built {
            if let job { desired.append(job) }
            diagnostics.append(contentsOf: problems)
        }
        return (desired, diagnostics)
    }

    func build(
        _ loaded: LoadedSpec, recorded: JobRecord?, shared: Shared, diagnostics: inout Diagnostics
    ) async -> DesiredJob? {
        let preflight = shared.preflight
        let spec = loaded.spec.resolved(
            account: config.account ?? defaultAccount, region: config.region ?? defaultRegion)
        let account = spec.account ?? defaultAccount
        var manifest: JobManifest?
        var generator: JobManifestGenerator?
        var staging: [StagedObject] = []
        var manifestSHA: String?
        var manifestChange: String?
        var source: String?
        var objectCount: Int?
        var manifestBuckets: [String] = []
        var lookup: ManifestETagLookup?
        let errorsBefore = diagnostics.count

        switch spec.manifest {
        case .csv(let csv):
            let fields = csv.fields
            switch csv.source {
            case .file(let relative):
                let path = resolve(relative, from: loaded.file)
                let range = loaded.place(of: "/spec/manifest/csv/file")
                guard FileManager.default.fileExists(atPath: path) else {
                    diagnostics.append(
                        .error(
                            "manifest file \(path) does not exist", at: range,
                            hint: "paths are relative to the spec file \(loaded.file)",
                            pointer: "/spec/manifest/csv/file"))
                    return nil
                }
                let scanFields = csv.fields
                let scanned = try? await shared.scans.value(for: path + "\n" + "\(scanFields)") {
                    Scan(CSVManifestReader.scan(fileAt: path, fields: scanFields))
                }
                let (summary, problems) = (scanned?.summary, scanned?.problems ?? Diagnostics())
                // Findings about the file as a whole (no rows, unreadable) point at its key in the spec.
                for var problem in problems {
                    if problem.range == nil {
                        problem.range = range
                        problem.pointer = "/spec/manifest/csv/file"
                    }
                    diagnostics.append(problem)
                }
                guard let summary else { return nil }
                let key = config.stagingPrefix + summary.sha256Hex + ".csv"
                staging.append(
                    StagedObject(
                        localPath: path, bucket: config.stagingBucket, key: key, sha256: summary.sha256Hex,
                        md5: summary.md5Hex))
                manifest = JobManifest(
                    spec: JobManifestSpec(format: .csv, fields: fields),
                    location: JobManifestLocation(
                        objectArn: "arn:aws:s3:::\(config.stagingBucket)/\(key)", eTag: summary.md5Hex))
                manifestSHA = summary.sha256Hex
                manifestBuckets = summary.buckets
                objectCount = summary.rows
                // The object count is in the operation's sentence; the source adds what is odd about the rows.
                source = path + (summary.duplicateRows > 0 ? " (\(summary.duplicateDescription))" : "")
                if let old = recorded?.manifestObject, old != "\(config.stagingBucket)/\(key)" {
                    manifestChange = await describeChange(from: old, to: path, fields: scanFields)
                }
            case .location(let location) where !looksUpManifests && location.etag == nil:
                lookup = ManifestETagLookup(bucket: location.bucket, key: location.key, versionId: location.versionId)
                manifest = JobManifest(
                    spec: JobManifestSpec(format: .csv, fields: fields),
                    location: JobManifestLocation(
                        objectArn: location.objectArn(), objectVersionId: location.versionId, eTag: ""))
                source = "CSV manifest \(location.uri)"
            case .location(let location):
                guard
                    let etag = await etag(
                        of: location, loaded: loaded, pointer: "/spec/manifest/csv", preflight: preflight,
                        diagnostics: &diagnostics)
                else { return nil }
                manifest = JobManifest(
                    spec: JobManifestSpec(format: .csv, fields: fields),
                    location: JobManifestLocation(
                        objectArn: location.objectArn(), objectVersionId: location.versionId, eTag: etag))
                manifestSHA = "etag:" + etag
                source = "CSV manifest \(location.uri)"
            }
        case .inventory(let inventory) where !looksUpManifests && inventory.location.etag == nil:
            let location = inventory.location
            lookup = ManifestETagLookup(bucket: location.bucket, key: location.key, versionId: location.versionId)
            manifest = JobManifest(
                spec: JobManifestSpec(format: .inventory),
                location: JobManifestLocation(
                        objectArn: location.objectArn(), objectVersionId: location.versionId, eTag: ""))
            source = "S3 Inventory report \(location.uri)"
        case .inventory(let inventory):
            guard
                let etag = await etag(
                    of: inventory.location, loaded: loaded, pointer: "/spec/manifest/inventory",
                    preflight: preflight, diagnostics: &diagnostics)
            else { return nil }
            manifest = JobManifest(
                spec: JobManifestSpec(format: .inventory),
                location: JobManifestLocation(
                    objectArn: inventory.location.objectArn(), objectVersionId: inventory.location.versionId,
                    eTag: etag))
            manifestSHA = "etag:" + etag
            source = "S3 Inventory report \(inventory.location.uri)"
        case .replicationConfiguration(let g):
            source = Self.generatedSource(g, operation: spec.operation.jobOperation)
            generator = JobManifestGenerator(s3JobManifestGenerator: g.s3Generator)
        }
        guard diagnostics.count == errorsBefore || !diagnostics.hasErrors else { return nil }
        let found = await preflight.check(
            preflightInput(spec, loaded: loaded, manifestBuckets: manifestBuckets))
        diagnostics.append(contentsOf: found)
        if found.hasErrors { return nil }

        let request = CreateJobRequest(
            accountId: account, confirmationRequired: spec.confirmationRequired,
            operation: spec.operation.jobOperation, report: spec.report.jobReport,
            clientRequestToken: "", manifest: manifest, description: spec.description,
            priority: spec.priority,
            roleArn: spec.roleArn, tags: nil, manifestGenerator: generator)
        diagnostics.append(
            contentsOf: await PermissionCheck(roles: roles, memo: shared.roleChecks).check(
                request, spec: loaded, region: spec.region ?? defaultRegion, sourceBuckets: manifestBuckets))
        let canonical = String(decoding: spec.canonicalConfiguration, as: UTF8.self)
        var job = DesiredJob(
            name: spec.name,
            digest: lookup == nil
                ? spec.configurationDigest(manifestSHA256: manifestSHA) : ManifestETagLookup.placeholderDigest,
            canonical: canonical,
            accountId: account, region: loaded.spec.region, priority: spec.priority, tags: spec.tags,
            confirm: spec.confirm,
            rerun: spec.rerun, specFile: loaded.file, request: request, staging: staging,
            manifestChange: manifestChange)
        job.manifestObject = staging.first.map { "\($0.bucket)/\($0.key)" }
        job.source = source
        job.objectCount = objectCount
        job.earlierDigests = spec.earlierConfigurationDigests(manifestSHA256: manifestSHA)
        job.manifestETagLookup = lookup
        return job
    }

    /// Where a generated manifest's objects come from: the listing S3 makes of the source bucket,
    /// narrowed by the replication configuration for Replicate and by the filter when there is one.
    static func generatedSource(_ g: JobSpec.ManifestGenerator, operation: JobOperation) -> String {
        var by: [String] = []
        if case .s3ReplicateObject = operation { by.append("replication configuration") }
        if g.filter != nil { by.append("filter") }
        return "objects of \(g.sourceBucket) listed by S3"
            + (by.isEmpty ? "" : " (" + by.joined(separator: " and ") + ")")
    }

    /// What must hold in the account before the job is made: the Replicate source is versioned and
    /// replicates, an Object Lock destination has Object Lock, the report bucket exists. Each at the
    /// key naming the bucket (for a Replicate job over a CSV manifest, the manifest listing it).
    private func preflightInput(
        _ spec: JobSpec, loaded: LoadedSpec, manifestBuckets: [String]
    ) -> PreflightInput {
        func place(_ pointer: String) -> PreflightInput.Place {
            PreflightInput.Place(range: loaded.place(of: pointer), pointer: pointer)
        }
        var input = PreflightInput()
        if case .replicate = spec.operation {
            if case .replicationConfiguration(let g) = spec.manifest {
                let name = S3ARN.bucket(g.sourceBucket) ?? g.sourceBucket
                input.replicationSource = .init(
                    name, place: place("/spec/manifest/replicationConfiguration/sourceBucket"))
            } else if let first = manifestBuckets.first {
                input.replicationSource = .init(first, place: place("/spec/manifest/csv/file"))
            }
        }
        if case .copy(let c) = spec.operation, c.objectLock != nil, let name = S3ARN.bucket(c.destination) {
            input.objectLockDestination = .init(name, place: place("/spec/operation/copy/destination"))
        }
        if spec.report.scope != .disabled, let arn = spec.report.bucket, let name = S3ARN.bucket(arn) {
            input.reportBucket = .init(name, place: place("/spec/report/bucket"))
        }
        return input
    }

    private func resolve(_ relative: String, from specFile: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let folder = (specFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
    }

    /// The ETag a manifest location needs: pinned in the spec (and then checked), or read from the object.
    private func etag(
        of location: JobSpec.S3ObjectLocation, loaded: LoadedSpec, pointer: String, preflight: Preflight,
        diagnostics: inout Diagnostics
    ) async -> String? {
        let at = PreflightInput.Place(
            range: loaded.place(of: pointer + "/location") ?? loaded.place(of: pointer),
            pointer: pointer + "/location")
        let eTagAt = PreflightInput.Place(
            range: loaded.place(of: pointer + "/etag") ?? at.range, pointer: pointer + "/etag")
        let (eTag, found) = await preflight.manifest(
            .init(
                bucket: location.bucket, key: location.key, versionId: location.versionId,
                eTag: location.etag,
                place: at, eTagPlace: eTagAt))
        diagnostics.append(contentsOf: found)
        return eTag
    }

    /// `+120 objects, -3 objects (e.g. +a/b.log, -c.log)` between the staged old manifest and the new file.
    private func describeChange(
        from old: String, to path: String, fields: [BopsManifest.ManifestField]
    ) async -> String? {
        guard let slash = old.firstIndex(of: "/") else { return nil }
        let bucket = String(old[..<slash])
        let key = String(old[old.index(after: slash)...])
        guard let oldBytes = try? await objects.getObject(bucket: bucket, key: key, versionId: nil),
            let newBytes = FileManager.default.contents(atPath: path)
        else { return "contents changed" }
        guard
            let diff = try? CSVManifestReader.diff(
                old: .bytes(oldBytes, name: "s3://\(old)"), new: .bytes([UInt8](newBytes), name: path),
                fields: fields)
        else { return "contents changed" }
        var text = diff.summary
        let samples = diff.addedSamples.map { "+\($0.key)" } + diff.removedSamples.map { "-\($0.key)" }
        if !samples.isEmpty { text += " (e.g. " + samples.prefix(6).joined(separator: ", ") + ")" }
        return text
    }
}

/// One CSV manifest file's scan, shared by the specs that use the file.
private struct Scan: Sendable {
    var summary: CSVManifestSummary?
    var problems: Diagnostics

    init(_ scanned: (summary: CSVManifestSummary?, diagnostics: Diagnostics)) {
        summary = scanned.0
        problems = scanned.1
    }
}
