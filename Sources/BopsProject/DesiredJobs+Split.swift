import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsPlan
import BopsPrimitives
import BopsSpec
import FoundationEssentials

extension DesiredJobs {
    /// `job` (the whole CSV manifest's desired job) made into parts of at most `maxObjects` rows,
    /// in file order: each part's rows written as a CSV manifest under `.bops/manifests/` and
    /// staged content-addressed, with its own name (`NAME#0001`), digest and client token. Rows
    /// are streamed: memory holds one part at a time.
    ///
    /// A manifest in S3 is read first (a plan without refresh cannot split it: an error).
    func parts(
        of job: DesiredJob, spec: JobSpec, maxObjects: Int, loaded: LoadedSpec, diagnostics: inout Diagnostics
    ) async -> [DesiredJob]? {
        guard case .csv(let csv) = spec.manifest else { return [job] }
        let rows: JobSizing.Rows
        let path: String
        switch csv.source {
        case .file:
            guard let local = loaded.manifestPath else { return [job] }
            rows = .file(local)
            path = local
        case .location(let location):
            guard looksUpManifests,
                let bytes = try? await objects.getObject(
                    bucket: location.bucket, key: location.key, versionId: location.versionId)
            else {
                diagnostics.append(
                    .error(
                        "cannot read \(location.uri) to split it into parts"
                            + (looksUpManifests ? "" : " (--refresh=false reads nothing)"),
                        at: loaded.place(of: "/spec/split/maxObjects"),
                        hint: looksUpManifests
                            ? "check that the object exists and that bops may read it" : "plan with refresh",
                        pointer: "/spec/split/maxObjects"))
                return nil
            }
            rows = .bytes(bytes, name: location.uri)
            path = location.uri
        }
        let resolved = spec.resolved(
            account: config.account ?? defaultAccount, region: config.region ?? defaultRegion)
        let at = "/spec/split/maxObjects"
        let withVersion = csv.fields.contains(.versionId)
        let fields: [JobManifestFieldName] = withVersion ? [.bucket, .key, .versionId] : [.bucket, .key]
        var written: [(path: String, rows: Int, first: Int)] = []
        var buffer = ""
        var inPart = 0
        var row = 0
        var failure: String?
        func flush() {
            guard inPart > 0, failure == nil else { return }
            let partPath = config.resolve(".bops/manifests/\(spec.name)-part-\(written.count + 1).csv")
            do {
                try AtomicFile.write(Array(buffer.utf8), to: partPath, createFolders: true)
                written.append((partPath, inPart, row - inPart + 1))
            } catch {
                failure = "cannot write \(partPath): \(error)"
            }
            buffer = ""
            inPart = 0
        }
        func add(_ r: ManifestRow) {
            buffer += CSVManifestWriter.row(
                bucket: r.bucket, key: r.key, versionId: r.versionId, withVersion: withVersion)
            inPart += 1
            row += 1
            if inPart == maxObjects { flush() }
        }
        let columns = csv.fields.map(ManifestColumn.init)
        switch rows {
        case .file(let local): _ = CSVManifestReader.scan(fileAt: local, fields: columns, onRow: add)
        case .bytes(let bytes, let name):
            _ = CSVManifestReader.scan(bytes: bytes, fields: columns, file: name, onRow: add)
        }
        flush()
        if let failure {
            diagnostics.append(
                .error(
                    failure, at: loaded.place(of: at), hint: "check that .bops is a writable folder",
                    pointer: at))
            return nil
        }
        var out: [DesiredJob] = []
        for (i, part) in written.enumerated() {
            guard
                let summary = CSVManifestReader.scan(
                    fileAt: part.path, fields: fields.map(ManifestColumn.init)
                ).summary
            else { return nil }
            let staged = stagedCSV(path: part.path, summary: summary, fields: fields)
            var p = job
            p.name = JobIdentity.partName(spec.name, i)
            p.digest = resolved.configurationDigest(manifestSHA256: summary.sha256Hex)
            p.earlierDigests = []
            p.definition.manifest = staged.manifest
            p.staging = [staged.object]
            p.manifestObject = "\(staged.object.bucket)/\(staged.object.key)"
            p.manifestChange = nil
            p.objectCount = part.rows
            p.source =
                "part \(i + 1) of \(written.count) of \(path) (rows \(part.first) to \(part.first + part.rows - 1))"
            out.append(p)
        }
        return out
    }

    /// The error for a manifest over `limits.maxObjectsPerJob`, at the manifest key.
    func overLimit(_ count: Int?, spec: JobSpec, loaded: LoadedSpec) -> Diagnostic? {
        guard let count, count > config.maxObjectsPerJob, spec.splitMaxObjects == nil else { return nil }
        let pointer = "/spec/manifest"
        return .error(
            "the manifest lists \(count) objects, more than limits.maxObjectsPerJob (\(config.maxObjectsPerJob)) in bops.yaml",
            at: loaded.keyRange(of: pointer) ?? loaded.place(of: pointer),
            hint: "split it: spec.split: { maxObjects: \(config.maxObjectsPerJob) } makes one job per part",
            pointer: pointer)
    }
}

extension DesiredJobs {
    /// `job` (a whole inventory report's desired job) made into parts of at most `maxFiles` data
    /// files: each part's `manifest.json` (the report's, with its share of `files`) written under
    /// `.bops/manifests/` and staged content-addressed; the data files are read where they are.
    func inventoryParts(
        of job: DesiredJob, spec: JobSpec, maxFiles: Int, loaded: LoadedSpec, diagnostics: inout Diagnostics
    ) async -> [DesiredJob]? {
        let at = "/spec/split/maxFiles"
        guard let manifest = job.definition.manifest,
            let (bucket, key) = S3ARN.object(manifest.location.objectArn)
        else { return [job] }
        let resolved = spec.resolved(
            account: config.account ?? defaultAccount, region: config.region ?? defaultRegion)
        let uri = "s3://\(bucket)/\(key)"
        let json: [UInt8]
        do {
            json = try await objects.getObject(
                bucket: bucket, key: key, versionId: manifest.location.objectVersionId)
        } catch {
            diagnostics.append(
                .error(
                    "cannot read \(uri) to split it: \(error)", at: loaded.place(of: at), hint: nil,
                    pointer: at))
            return nil
        }
        guard let parts = InventoryDelivery.parts(manifestJSON: json, maxFiles: maxFiles) else {
            diagnostics.append(
                .error("\(uri) has no files list to split", at: loaded.place(of: at), hint: nil, pointer: at))
            return nil
        }
        var out: [DesiredJob] = []
        var first = 1
        for (i, part) in parts.enumerated() {
            let path = config.resolve(".bops/manifests/\(spec.name)-part-\(i + 1).json")
            do { try AtomicFile.write(part.json, to: path, createFolders: true) } catch {
                diagnostics.append(
                    .error(
                        "cannot write \(path): \(error)", at: loaded.place(of: at),
                        hint: "check that .bops is a writable folder", pointer: at))
                return nil
            }
            let stagedKey = config.stagingPrefix + part.sha256 + ".json"
            var p = job
            p.name = JobIdentity.partName(spec.name, i)
            p.digest = resolved.configurationDigest(manifestSHA256: part.sha256)
            p.earlierDigests = []
            p.definition.manifest = JobManifest(
                spec: JobManifestSpec(format: .inventory),
                location: JobManifestLocation(
                    objectArn: "arn:aws:s3:::\(config.stagingBucket)/\(stagedKey)", eTag: part.md5))
            p.staging = [
                StagedObject(
                    localPath: path, bucket: config.stagingBucket, key: stagedKey, sha256: part.sha256,
                    md5: part.md5)
            ]
            // The record keeps the report the parts were made from (a latest inventory stays pinned to it).
            p.manifestObject = job.manifestObject
            p.manifestChange = nil
            p.objectCount = nil
            p.source =
                "part \(i + 1) of \(parts.count) of \(uri) (data files \(first) to \(first + part.files - 1))"
            first += part.files
            out.append(p)
        }
        return out
    }
}
