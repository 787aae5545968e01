import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsPlan
import BopsSpec
import BopsState
import FoundationEssentials

extension DesiredJobs {
    /// A local CSV manifest: read once per run (shared by the specs naming it), hashed, staged
    /// content-addressed, its rows counted and its buckets listed; findings about the file as a
    /// whole point at its key in the spec. A file outside the project (and outside the folders
    /// bops.yaml allows) is refused before it is read (``ManifestConfinement``).
    func csvFile(
        _ relative: String, fields: [JobManifestFieldName], loaded: LoadedSpec, recorded: JobRecord?,
        shared: Shared, diagnostics: inout Diagnostics
    ) async -> ResolvedManifest? {
        var allowedFolder: String?
        switch ManifestConfinement.check(loaded, config: config) {
        case .refused(let problem)?:
            diagnostics.append(problem)
            return nil
        case .allowed(_, let folder)?:
            allowedFolder = folder
        case .inside?, nil:
            break
        }
        let path = loaded.manifestPath ?? relative
        let range = loaded.place(of: "/spec/manifest/csv/file")
        guard FileManager.default.fileExists(atPath: path) else {
            diagnostics.append(
                .error(
                    "manifest file \(path) does not exist", at: range,
                    hint: "paths are relative to the spec file \(loaded.file)",
                    pointer: "/spec/manifest/csv/file"))
            return nil
        }
        let scanned = try? await shared.scans.value(for: path + "\n" + "\(fields)") {
            Scan(CSVManifestReader.scan(fileAt: path, fields: fields.map(ManifestColumn.init)))
        }
        for var problem in scanned?.problems ?? Diagnostics() {
            if problem.range == nil {
                problem.range = range
                problem.pointer = "/spec/manifest/csv/file"
            }
            diagnostics.append(problem)
        }
        guard let summary = scanned?.summary else { return nil }
        let staged = stagedCSV(path: path, summary: summary, fields: fields)
        var resolved = ResolvedManifest(
            jobManifest: staged.manifest,
            digestInput: summary.sha256Hex,
            // The object count is in the operation's sentence; the source adds what is odd about the rows.
            description: path + (summary.duplicateRows > 0 ? " (\(summary.duplicateDescription))" : "")
                + (allowedFolder.map { " (outside the project, in the allowed folder \($0))" } ?? ""))
        resolved.staging = [staged.object]
        resolved.sourceBuckets = summary.buckets
        resolved.objectCount = summary.rows
        if let old = recorded?.manifestObject, old != "\(staged.object.bucket)/\(staged.object.key)" {
            resolved.change = await describeChange(
                from: old, to: path, fields: fields.map(ManifestColumn.init))
        }
        return resolved
    }

    /// The CSV manifest at `path` (its `summary`) as CreateJob names it once staged: the object
    /// named by its SHA-256 under the staging prefix, its ETag the MD5 S3 gives it. The one place a
    /// staged CSV's name and ETag are made.
    func stagedCSV(
        path: String, summary: CSVManifestSummary, fields: [JobManifestFieldName]
    ) -> (manifest: JobManifest, object: StagedObject) {
        let key = config.stagingPrefix + summary.sha256Hex + ".csv"
        return (
            JobManifest(
                spec: JobManifestSpec(format: .csv, fields: fields),
                location: JobManifestLocation(
                    objectArn: "arn:aws:s3:::\(config.stagingBucket)/\(key)", eTag: summary.md5Hex)),
            StagedObject(
                localPath: path, bucket: config.stagingBucket, key: key, sha256: summary.sha256Hex,
                md5: summary.md5Hex)
        )
    }

    /// `+120 objects, -3 objects (e.g. +a/b.log, -c.log)` between the staged old manifest and the new file.
    func describeChange(
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
struct Scan: Sendable {
    var summary: CSVManifestSummary?
    var problems: Diagnostics

    init(_ scanned: (summary: CSVManifestSummary?, diagnostics: Diagnostics)) {
        summary = scanned.0
        problems = scanned.1
    }
}
