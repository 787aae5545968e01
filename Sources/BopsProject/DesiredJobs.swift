public import BopsCost
public import BopsDiagnostics
public import BopsJobs
import BopsManifest
public import BopsPlan
import BopsPrimitives
public import BopsSpec
public import BopsState
import FoundationEssentials

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
    /// Reads the KMS keys specs use (``Preflight/kmsKeys(_:spec:region:)``); `nil` checks none.
    public var keys: (any KeyChecking)?
    /// Checks the caller that would create the jobs (``CallerPermissionCheck``); `nil` checks none
    /// (reported as not applicable).
    public var callers: (any CallerChecking)?
    /// Whether the ETag of a manifest object the spec does not pin is read now (`false` for
    /// `--refresh=false`: it is then known after apply, ``ManifestETagLookup``).
    public var looksUpManifests = true
    /// The jobs engine of a region, to describe the job whose report a `fromReport` manifest is
    /// made from; `nil`: such a manifest waits (it is not read).
    public var jobsIn: (@Sendable (String?) -> any JobsEngine)?
    /// Whether listing a bucket costs nothing worth counting (the local engine, an emulator on
    /// this machine): a generated manifest's bucket is then listed to the end, not up to
    /// `review.listLimit`.
    public var listsCheaply = false
    /// The prices risks are worded with (the minimum storage a copy commits to).
    public var prices: PriceTable = .builtIn()
    /// Where each spec's checks record what they observed (`bops plan --explain`); `nil` records
    /// nothing.
    public var checkLog: CheckLog?

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
        let callerChecks = OnceMap<CallerPermissionCheck.Question>()
        /// The state the build plans against (`fromReport` reads other specs' records).
        let state: State?
        /// Each object HEADed and each bucket listed to size the jobs.
        let sizing = JobSizing.Shared()
        /// The calls in flight at most (`--parallelism`).
        let parallelism: Int

        init(_ preflight: Preflight, state: State? = nil, parallelism: Int = 1) {
            self.preflight = preflight
            self.state = state
            self.parallelism = parallelism
        }
    }

    /// The desired job of each spec (in spec order) and every diagnostic, with at most `parallelism`
    /// specs checked at once.
    public func build(
        _ specs: [LoadedSpec], recorded: State?, parallelism: Int = 1
    ) async -> (desired: [DesiredJob], diagnostics: Diagnostics) {
        let shared = Shared(
            Preflight(objects: objects, advice: advice, memo: OnceMap(), keys: keys), state: recorded,
            parallelism: parallelism)
        let built = await Bounded.map(specs, width: parallelism) { loaded in
            var problems = Diagnostics()
            // A split inventory's first part stands for the spec's record (the delivery it was made from).
            let record =
                recorded?.jobs[loaded.spec.name]
                ?? (loaded.spec.splitMaxFiles == nil
                    ? nil : recorded?.jobs[JobIdentity.partName(loaded.spec.name, 0)])
            let job = await build(loaded, recorded: record, shared: shared, diagnostics: &problems)
            var jobs = job.map { [$0] } ?? []
            if let job, let max = loaded.spec.splitMaxFiles {
                jobs =
                    await inventoryParts(
                        of: job, spec: loaded.spec, maxFiles: max, loaded: loaded, diagnostics: &problems)
                    ?? []
            } else if let job, let max = loaded.spec.splitMaxObjects {
                jobs =
                    await parts(
                        of: job, spec: loaded.spec, maxObjects: max, loaded: loaded, diagnostics: &problems)
                    ?? []
            } else if let job, let problem = overLimit(job.objectCount, spec: loaded.spec, loaded: loaded) {
                problems.append(problem)
                jobs = []
            }
            if let job, jobs.count > 1 || jobs.first?.name != job.name {
                jobs = await sizedParts(jobs, of: job, shared: shared)
            }
            return (jobs, problems)
        }
        var desired: [DesiredJob] = []
        var diagnostics = Diagnostics()
        for (jobs, problems) in built {
            desired.append(contentsOf: jobs)
            diagnostics.append(contentsOf: problems)
        }
        return (desired, diagnostics)
    }

    func build(
        _ loaded: LoadedSpec, recorded: JobRecord?, shared: Shared, diagnostics: inout Diagnostics
    ) async -> DesiredJob? {
        let spec = loaded.spec.resolved(
            account: config.account ?? defaultAccount, region: config.region ?? defaultRegion)
        let errorsBefore = diagnostics.count
        let recorder = checkLog.map { CheckRecorder(log: $0, spec: loaded.spec.name) }
        let preflight = shared.preflight.recording(recorder)
        guard
            let manifest = await resolveManifest(
                of: spec, loaded: loaded, recorded: recorded, shared: shared, preflight: preflight,
                diagnostics: &diagnostics)
        else {
            if let problem = diagnostics.items[errorsBefore...].first(where: { $0.severity == .error }) {
                recorder?.log.record(
                    CheckRecord(.manifest, subject: "spec \(spec.name)", verdict: .failed(problem)),
                    spec: loaded.spec.name)
            }
            return nil
        }
        if case .csv(let csv) = spec.manifest, case .file(let file) = csv.source,
            let staged = manifest.staging.first
        {
            recorder?.log.record(
                CheckRecord(
                    .manifest, subject: file,
                    observed: [
                        .localManifest(
                            file: file, rows: manifest.objectCount, eTag: staged.md5,
                            fields: csv.fields.map(\.rawValue))
                    ], verdict: .passed), spec: loaded.spec.name)
        }
        guard diagnostics.count == errorsBefore || !diagnostics.hasErrors else { return nil }
        // The objects are sized while the checks run: neither waits for the other.
        async let measured = size(of: spec, manifest: manifest, shared: shared)
        var input = preflightInput(spec, loaded: loaded, manifestBuckets: manifest.sourceBuckets)
        input.inventory = Self.replicatedInventory(spec, manifest: manifest, loaded: loaded)
        // An inventory report at a literal location names its source bucket only in its manifest.json.
        if input.replicationSource == nil, let inventory = input.inventory {
            input.replicationSource = .init(inventory.sourceBucket, place: inventory.place)
        }
        let found = await preflight.check(input)
        diagnostics.append(contentsOf: found)
        if !found.hasErrors {
            diagnostics.append(
                contentsOf: await replicationCoverage(
                    spec, loaded: loaded, manifest: manifest, preflight: preflight))
        }

        let definition = JobDefinition(
            confirmationRequired: spec.confirmationRequired, operation: spec.operation.jobOperation,
            report: spec.report.jobReport, manifest: manifest.jobManifest,
            manifestGenerator: manifest.generator,
            description: spec.description, roleArn: spec.roleArn)
        let canonical = String(decoding: spec.canonicalConfiguration, as: UTF8.self)
        var job = DesiredJob(
            name: spec.name,
            digest: manifest.eTagLookup == nil
                ? spec.configurationDigest(manifestSHA256: manifest.digestInput)
                : ManifestETagLookup.placeholderDigest,
            canonical: canonical, accountId: spec.account ?? defaultAccount, region: loaded.spec.region,
            priority: spec.priority, tags: spec.tags, confirm: spec.confirm, rerun: spec.rerun,
            specFile: loaded.file, definition: definition, staging: manifest.staging,
            manifestChange: manifest.change)
        job.manifestObject =
            manifest.staging.first.map { "\($0.bucket)/\($0.key)" } ?? manifest.recordedManifest
        job.source = manifest.description
        job.objectCount = manifest.objectCount
        job.earlierDigests = spec.earlierConfigurationDigests(manifestSHA256: manifest.digestInput)
        job.dependsOn = spec.dependsOn.map(Dependency.init)
        if case .fromReport(let report) = spec.manifest,
            !job.dependsOn.contains(where: { $0.spec == report.spec })
        {
            job.dependsOn.append(Dependency(spec: report.spec, when: .completed))
        }
        job.acknowledged = spec.acknowledged
        job.manifestPending = manifest.pending
        job.nothingToDo = manifest.nothingToDo
        job.reportLineage = manifest.lineage
        diagnostics.append(contentsOf: manifest.warnings)
        job.manifestETagLookup = manifest.eTagLookup
        let request = job.createJobRequest(generation: 0)
        if !found.hasErrors {
            diagnostics.append(
                contentsOf: await PermissionCheck(
                    roles: roles, memo: shared.roleChecks, keys: keys, recorder: recorder
                ).check(
                    request, spec: loaded, region: spec.region ?? defaultRegion,
                    sourceBuckets: manifest.sourceBuckets))
        } else {
            recorder?.log.record(
                CheckRecord(
                    .role, subject: spec.roleArn,
                    verdict: .notChecked("not made while the manifest or bucket checks find errors")),
                spec: loaded.spec.name)
        }
        diagnostics.append(
            contentsOf: await CallerPermissionCheck(
                callers: callers, memo: shared.callerChecks, recorder: recorder
            ).check(request, spec: loaded))
        // The bucket settings are checked whatever else was found, so one plan names every fix.
        let settings = await preflight.bucketSettings(
            request, spec: loaded, region: spec.region ?? defaultRegion, sourceBuckets: manifest.sourceBuckets
        )
        diagnostics.append(contentsOf: settings)
        let size = await measured
        if found.hasErrors || settings.hasErrors { return nil }
        return await sized(
            job, size: size, spec: spec, manifest: manifest, loaded: loaded, shared: shared,
            diagnostics: &diagnostics)
    }

    /// `job` with its size, the objects over Copy's limit handled (``handleOversize``), and its
    /// risks (``RiskReview``).
    func sized(
        _ job: DesiredJob, size measured: (size: JobSize, oversizeRows: Set<ManifestRow>)?, spec: JobSpec,
        manifest: ResolvedManifest, loaded: LoadedSpec, shared: Shared, diagnostics: inout Diagnostics
    ) async -> DesiredJob? {
        var job = job
        if let (size, oversizeRows) = measured {
            job.size = size
            if job.objectCount == nil, size.objects.exactness == .exact, let n = size.objects.value {
                job.objectCount = Int(n)
            }
            if case .copy(let copy) = spec.operation {
                guard
                    let handled = await handleOversize(
                        job, spec: spec, copy: copy, rows: oversizeRows, loaded: loaded, shared: shared,
                        diagnostics: &diagnostics)
                else { return nil }
                job = handled
            }
        }
        var buckets = manifest.sourceBuckets
        if let g = manifest.generator?.s3JobManifestGenerator, let b = S3ARN.bucket(g.sourceBucket) {
            buckets.append(b)
        }
        let (risks, problems) = RiskReview(prices: prices).review(
            loaded, job: job, sourceBuckets: buckets, region: spec.region ?? defaultRegion)
        diagnostics.append(contentsOf: problems)
        if problems.hasErrors { return nil }
        job.risks = risks
        return job
    }

    /// The manifest of `spec` as CreateJob takes it, by the resolver of its kind: a local CSV
    /// file (read, hashed and staged), a manifest object in S3 (its ETag), or S3's generator.
    func resolveManifest(
        of spec: JobSpec, loaded: LoadedSpec, recorded: JobRecord?, shared: Shared, preflight: Preflight,
        diagnostics: inout Diagnostics
    ) async -> ResolvedManifest? {
        switch spec.manifest {
        case .csv(let csv):
            switch csv.source {
            case .file(let relative):
                return await csvFile(
                    relative, fields: csv.fields, loaded: loaded, recorded: recorded, shared: shared,
                    diagnostics: &diagnostics)
            case .location(let location):
                return await s3Manifest(
                    location, spec: JobManifestSpec(format: .csv, fields: csv.fields), kind: "CSV manifest",
                    pointer: "/spec/manifest/csv", loaded: loaded, preflight: preflight,
                    diagnostics: &diagnostics)
            }
        case .inventory(let inventory):
            return await s3Manifest(
                inventory.location, spec: JobManifestSpec(format: .inventory), kind: "S3 Inventory report",
                pointer: "/spec/manifest/inventory", loaded: loaded, preflight: preflight,
                diagnostics: &diagnostics)
        case .replicationConfiguration(let g):
            return ResolvedManifest(
                generator: JobManifestGenerator(s3JobManifestGenerator: g.s3Generator),
                description: Self.generatedSource(g, operation: spec.operation.jobOperation))
        case .fromReport(let report):
            return await fromReport(report, loaded: loaded, shared: shared, diagnostics: &diagnostics)
        case .latestInventory(let latest):
            return await latestInventory(
                latest, spec: spec, loaded: loaded, recorded: recorded, diagnostics: &diagnostics)
        }
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

    /// The inventory report a Replicate job reads, for the check of its configuration's versions.
    static func replicatedInventory(
        _ spec: JobSpec, manifest: ResolvedManifest, loaded: LoadedSpec
    ) -> PreflightInput.Inventory? {
        let pointer: String
        switch spec.manifest {
        case .inventory: pointer = "/spec/manifest/inventory/location"
        case .latestInventory: pointer = "/spec/manifest/inventory/prefix"
        default: return nil
        }
        guard case .replicate = spec.operation, let json = manifest.inventoryJSON,
            let arn = manifest.jobManifest?.location.objectArn, let object = S3ARN.object(arn),
            let report = try? InventoryManifest.parse(
                bytes: json, file: "s3://\(object.bucket)/\(object.key)")
        else { return nil }
        return PreflightInput.Inventory(
            sourceBucket: report.sourceBucket, bucket: object.bucket, key: object.key,
            place: PreflightInput.Place(
                range: loaded.place(of: pointer) ?? loaded.place(of: "/spec/manifest/inventory"),
                pointer: pointer))
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
        input.skipped = Set(spec.acknowledged.keys.compactMap(PlanCheck.init(rawValue:)))
        input.reasons = spec.acknowledged
        if case .replicate = spec.operation {
            if case .replicationConfiguration(let g) = spec.manifest {
                let name = S3ARN.bucket(g.sourceBucket) ?? g.sourceBucket
                input.replicationSource = .init(
                    name, place: place("/spec/manifest/replicationConfiguration/sourceBucket"))
            } else if let first = manifestBuckets.first {
                let pointer: String
                switch spec.manifest {
                case .latestInventory: pointer = "/spec/manifest/inventory/prefix"
                case .fromReport: pointer = "/spec/manifest/fromReport"
                default: pointer = "/spec/manifest/csv/file"
                }
                input.replicationSource = .init(first, place: place(pointer))
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
}
