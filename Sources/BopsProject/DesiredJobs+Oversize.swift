import BopsCost
import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsPlan
import BopsPrimitives
import BopsSpec

extension DesiredJobs {
    /// Objects over Copy's 5 GiB limit: an error at `copy` unless the spec says what to do
    /// (`copy.oversize`). With `exclude` the job's manifest becomes the local CSV without those
    /// rows (written under `.bops/manifests/`, staged content-addressed, so the digest follows the
    /// rows); with `fail` the job runs as it is and the plan lists them as a risk.
    func handleOversize(
        _ job: DesiredJob, spec: JobSpec, copy: JobSpec.CopyOperation, rows: Set<ManifestRow>,
        loaded: LoadedSpec, shared: Shared, diagnostics: inout Diagnostics
    ) async -> DesiredJob? {
        guard let size = job.size, var over = size.oversize, let count = over.objects.value, count > 0 else {
            return job
        }
        let pointer = "/spec/operation/copy"
        let at = loaded.keyRange(of: pointer) ?? loaded.place(of: pointer)
        let keys = over.firstKeys.prefix(5).joined(separator: ", ")
        let counted = over.objects.exactness == .exact ? "\(count)" : "about \(count)"
        switch copy.oversize {
        case nil:
            diagnostics.append(
                .error(
                    "\(counted) object\(count == 1 ? "" : "s") of the manifest \(count == 1 ? "is" : "are") larger than Copy's 5 GiB limit; each task would fail with 400 InvalidRequest (\(keys))",
                    at: at,
                    hint:
                        "set copy.oversize: exclude (bops leaves them out of the manifest it stages) or copy.oversize: fail (run anyway; their tasks fail)",
                    pointer: pointer))
            return nil
        case .fail:
            return job
        case .exclude:
            guard case .csv(let csv) = spec.manifest, let path = job.staging.first?.localPath, !rows.isEmpty
            else {
                diagnostics.append(
                    .error(
                        "copy.oversize: exclude needs a local CSV manifest (bops writes it without the objects over 5 GiB)",
                        at: loaded.place(of: pointer + "/oversize"),
                        hint:
                            "use oversize: fail, or a generated manifest with filter.objectSizeLessThanBytes: 5368709121",
                        pointer: pointer + "/oversize"))
                return nil
            }
            guard
                var kept = excluding(
                    rows, from: job, spec: spec, csvFields: csv.fields, path: path, loaded: loaded,
                    diagnostics: &diagnostics),
                let staged = kept.staging.first, let count = kept.objectCount
            else { return nil }
            // The staged manifest sized again (its HEADs were made for the whole one).
            var resized = await sizeStaged(
                staged, manifest: kept.definition.manifest, rows: count, sizing: sizing(shared),
                everyObject: true,
                copying: true
            ).size
            over.excluded = true
            resized.oversize = over
            kept.size = resized
            return kept
        }
    }

    private func excluding(
        _ rows: Set<ManifestRow>, from job: DesiredJob, spec: JobSpec, csvFields: [JobManifestFieldName],
        path: String,
        loaded: LoadedSpec, diagnostics: inout Diagnostics
    ) -> DesiredJob? {
        let withVersion = csvFields.contains(.versionId)
        let fields: [JobManifestFieldName] = withVersion ? [.bucket, .key, .versionId] : [.bucket, .key]
        var text = ""
        var kept = 0
        _ = CSVManifestReader.scan(fileAt: path, fields: csvFields.map(ManifestColumn.init)) { r in
            guard !rows.contains(r) else { return }
            text += CSVManifestWriter.row(
                bucket: r.bucket, key: r.key, versionId: r.versionId, withVersion: withVersion)
            kept += 1
        }
        let out = config.resolve(".bops/manifests/\(spec.name)-within-copy-limit.csv")
        do {
            try AtomicFile.write(Array(text.utf8), to: out, createFolders: true)
        } catch {
            diagnostics.append(
                .error(
                    "cannot write \(out): \(error)", at: loaded.place(of: "/spec/operation/copy/oversize"),
                    hint: "check that .bops is a writable folder", pointer: "/spec/operation/copy/oversize"))
            return nil
        }
        guard
            let summary = CSVManifestReader.scan(fileAt: out, fields: fields.map(ManifestColumn.init)).summary
        else { return nil }
        let staged = stagedCSV(path: out, summary: summary, fields: fields)
        let resolved = spec.resolved(
            account: config.account ?? defaultAccount, region: config.region ?? defaultRegion)
        var j = job
        j.digest = resolved.configurationDigest(manifestSHA256: summary.sha256Hex)
        j.earlierDigests = []
        j.definition.manifest = staged.manifest
        j.staging = [staged.object]
        j.manifestObject = "\(staged.object.bucket)/\(staged.object.key)"
        j.objectCount = kept
        j.source =
            (job.source ?? path) + " without \(rows.count) object\(rows.count == 1 ? "" : "s") over 5 GiB"
        return j
    }
}
