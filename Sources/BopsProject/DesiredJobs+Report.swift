import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsPlan
import BopsPrimitives
import BopsSpec
import BopsState
import FoundationEssentials

extension DesiredJobs {
    /// Error codes after which a retry fails again unless something changes first, with what to change.
    static let failsAgain: [String: String] = [
        "AccessDenied": "the role still lacks the permission, or a bucket policy denies it",
        "NoSuchKey": "the object no longer exists",
        "InvalidObjectState": "the object is archived: restore it first",
        "EntityTooLarge": "the object is over the 5 GiB limit of a copy",
    ]

    /// `manifest.fromReport`: the rows of the referenced spec's current job's completion report
    /// that the spec asks for, written as a CSV manifest (bucket and key as S3 writes them, the
    /// version column on every row or none, `null` for a row without a version), staged
    /// content-addressed. Until that job is Complete and its report readable the manifest is
    /// pending and the spec waits; with no matching row there is nothing to do.
    func fromReport(
        _ report: JobSpec.ReportManifest, loaded: LoadedSpec, shared: Shared, diagnostics: inout Diagnostics
    ) async -> ResolvedManifest? {
        let what = report.tasks == .all ? "tasks" : "\(report.tasks.rawValue) tasks"
        let later = "the \(what) of \(report.spec) (known once its job is Complete)"
        guard let parent = shared.state?.jobs[report.spec], let jobId = parent.jobId else {
            return ResolvedManifest(
                pending: "waits for \(report.spec): it has no job yet", description: later)
        }
        guard looksUpManifests, let jobsIn else {
            return ResolvedManifest(
                pending: "the report of job \(jobId) of \(report.spec) is read when the plan observes jobs",
                description: later)
        }
        let at = "/spec/manifest/fromReport"
        let job: JobDescriptor
        do {
            job = try await jobsIn(parent.region).describeJob(accountId: parent.accountId, jobId: jobId)
        } catch {
            diagnostics.append(
                .error(
                    "cannot describe job \(jobId) of \(report.spec), whose report is this manifest: \(error)",
                    at: loaded.place(of: at + "/spec"), hint: "check the network, credentials and region",
                    pointer: at + "/spec"))
            return nil
        }
        guard job.status == .complete else {
            return ResolvedManifest(
                pending:
                    "waits for job \(jobId) of \(report.spec) to be Complete (it is \(job.status.rawValue))",
                description: later)
        }
        let read: CompletionReport
        do {
            read = try await CompletionReport.read(job: job, objects: objects)
        } catch CompletionReport.ReadError.notWritten(let location) {
            return ResolvedManifest(pending: "the report \(location) is not written yet", description: later)
        } catch {
            diagnostics.append(
                .error(
                    "the report of job \(jobId) of \(report.spec) cannot be read: \(error)",
                    at: loaded.place(of: at + "/spec"),
                    hint: "check that the report bucket is readable, or choose another manifest",
                    pointer: at + "/spec"))
            return nil
        }
        var seen = Set<ManifestRow>()
        var taken: [CompletionReport.Row] = []
        for row in read.rows
        where report.takes(status: row.status, errorCode: row.errorCode, httpStatus: row.httpStatus) {
            if seen.insert(row.object).inserted { taken.append(row) }
        }
        let codes = Dictionary(grouping: taken.filter { $0.status != "succeeded" }) {
            $0.errorCode ?? $0.httpStatus.map(String.init) ?? "unknown"
        }.mapValues(\.count)
        let figures = codes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
            "\(Self.grouped($0.value)) × \($0.key)"
        }
        let lineage = ReportLineage(spec: report.spec, jobId: jobId, rows: taken.count)
        guard !taken.isEmpty else {
            var resolved = ResolvedManifest(
                nothing: "no \(what) in the report of job \(jobId) of \(report.spec)")
            resolved.nothingToDo =
                "nothing to retry: the report of job \(jobId) of \(report.spec) has no \(what)"
                + (report.errorCodes.isEmpty && report.httpStatus.isEmpty ? "" : " matching the filter")
            resolved.lineage = lineage
            return resolved
        }
        let withVersion = taken.contains { $0.object.versionId != nil }
        let csv = taken.map {
            CSVManifestWriter.row(
                bucket: $0.object.bucket, key: $0.object.key,
                versionId: withVersion ? ($0.object.versionId ?? "null") : nil, withVersion: withVersion)
        }.joined()
        let bytes = Array(csv.utf8)
        let fields: [JobManifestFieldName] = withVersion ? [.bucket, .key, .versionId] : [.bucket, .key]
        let path = config.resolve(".bops/manifests/from-report-\(jobId).csv")
        guard
            let summary = CSVManifestReader.scan(
                bytes: bytes, fields: fields.map(ManifestColumn.init), file: path
            ).summary
        else {
            diagnostics.append(
                .error(
                    "the rows taken from the report of job \(jobId) do not make a valid manifest",
                    at: loaded.place(of: at + "/spec"), hint: nil, pointer: at + "/spec"))
            return nil
        }
        do {
            try AtomicFile.write(bytes, to: path, createFolders: true)
        } catch {
            diagnostics.append(
                .error(
                    "cannot write the manifest made from the report to \(path): \(error)",
                    at: loaded.place(of: at + "/spec"), hint: "check that .bops is a writable folder",
                    pointer: at + "/spec"))
            return nil
        }
        let staged = stagedCSV(path: path, summary: summary, fields: fields)
        let verb = report.tasks == .failed ? "Retry" : "Take"
        var resolved = ResolvedManifest(
            jobManifest: staged.manifest, digestInput: summary.sha256Hex,
            description:
                "\(verb) \(Self.grouped(taken.count)) \(taken.count == 1 ? String(what.dropLast()) : what) of \(report.spec) (job \(jobId)"
                + (figures.isEmpty ? ")" : ": " + figures.joined(separator: ", ") + ")"))
        resolved.staging = [staged.object]
        resolved.objectCount = taken.count
        resolved.sourceBuckets = summary.buckets
        resolved.lineage = lineage
        // The warnings are for the reviewer of the job to make; once it exists they are not repeated.
        let made = shared.state?.jobs[loaded.spec.name]?.jobId != nil
        for (code, count) in codes.sorted(by: { $0.key < $1.key }) where !made {
            guard let why = Self.failsAgain[code] else { continue }
            resolved.warnings.append(
                Diagnostic(
                    .warning,
                    "\(Self.grouped(count)) of the tasks to retry failed with \(code): they fail again unless that changes",
                    range: loaded.place(of: at + "/spec"), hint: why, pointer: at + "/spec"))
        }
        return resolved
    }

    /// `1,204`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
