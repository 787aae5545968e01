import BopsCost
import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsPlan
import BopsSpec

extension DesiredJobs {
    /// What the plan can know of the job's objects (``JobSizing``), by its manifest's kind; with
    /// `copy.oversize: exclude` also the rows over Copy's limit. `nil` when there is no job to size.
    func size(
        of spec: JobSpec, manifest: ResolvedManifest, shared: Shared
    ) async -> (size: JobSize, oversizeRows: Set<ManifestRow>)? {
        guard manifest.nothingToDo == nil, manifest.pending == nil else { return nil }
        guard looksUpManifests else { return (.notObserved(objects: manifest.objectCount), []) }
        var copying = false
        var exclude = false
        if case .copy(let c) = spec.operation {
            copying = true
            exclude = c.oversize == .exclude
        }
        let sizing = sizing(shared)
        if let g = manifest.generator?.s3JobManifestGenerator {
            return (await sizing.generated(g, operation: spec.operation.jobOperation, copying: copying), [])
        }
        guard let m = manifest.jobManifest else { return nil }
        if let staged = manifest.staging.first, let rows = manifest.objectCount {
            return await sizeStaged(
                staged, manifest: m, rows: rows, sizing: sizing, everyObject: exclude, copying: copying)
        }
        guard let (bucket, key) = S3ARN.object(m.location.objectArn) else { return nil }
        guard m.spec.format == .inventory else {
            return await s3CSV(
                bucket: bucket, key: key, versionId: m.location.objectVersionId,
                fields: (m.spec.fields ?? [.bucket, .key]).map(ManifestColumn.init), sizing: sizing,
                copying: copying)
        }
        let read: [UInt8]?
        if let kept = manifest.inventoryJSON {
            read = kept
        } else {
            read = try? await objects.getObject(bucket: bucket, key: key, versionId: nil)
        }
        guard let json = read,
            let inventory = try? InventoryManifest.parse(bytes: json, file: "s3://\(bucket)/\(key)")
        else {
            var size = JobSize(objects: .unknown, bytes: .unknown)
            size.note = "s3://\(bucket)/\(key) could not be read to size the job"
            return (size, [])
        }
        return (await sizing.inventory(inventory, copying: copying), [])
    }

    /// The largest CSV manifest in S3 a plan reads to size its job.
    static let s3CSVReadLimit: Int64 = 64 << 20

    /// A CSV manifest in S3: read (up to ``s3CSVReadLimit``) and sized as a local one.
    func s3CSV(
        bucket: String, key: String, versionId: String?, fields: [ManifestColumn], sizing: JobSizing,
        copying: Bool
    ) async -> (size: JobSize, oversizeRows: Set<ManifestRow>) {
        func unknown(_ why: String) -> (JobSize, Set<ManifestRow>) {
            var size = JobSize(objects: .unknown, bytes: .unknown)
            size.note = why
            return (size, [])
        }
        let uri = "s3://\(bucket)/\(key)"
        guard let info = try? await objects.headObject(bucket: bucket, key: key, versionId: versionId) else {
            return unknown("\(uri) could not be read to size the job")
        }
        guard info.size <= Self.s3CSVReadLimit else {
            return unknown("\(uri) is \(info.size.formattedBytes), more than a plan reads to size its job")
        }
        guard let bytes = try? await objects.getObject(bucket: bucket, key: key, versionId: versionId),
            let summary = CSVManifestReader.scan(bytes: bytes, fields: fields, file: uri).summary
        else { return unknown("\(uri) could not be read to size the job") }
        return await sizing.csv(
            .bytes(bytes, name: uri), fields: fields, rows: summary.rows, seed: Self.seed(summary.sha256Hex),
            everyObject: false, copying: copying)
    }

    /// The parts of a split job, each sized: a CSV part by its own rows (HEADs are shared with the
    /// whole), an inventory part by its share of the whole's objects (estimated).
    func sizedParts(_ parts: [DesiredJob], of whole: DesiredJob, shared: Shared) async -> [DesiredJob] {
        guard let size = whole.size, size.observed else { return parts }
        let sizing = sizing(shared)
        var out: [DesiredJob] = []
        for var part in parts {
            let copying = size.oversize != nil
            if let staged = part.staging.first, staged.localPath.hasSuffix(".csv"),
                let rows = part.objectCount
            {
                part.size = await sizeStaged(
                    staged, manifest: part.definition.manifest, rows: rows, sizing: sizing,
                    everyObject: false,
                    copying: copying
                ).size
            } else if let all = size.objects.value, all > 0, let mine = part.objectCount {
                part.size = size.scaled(Double(mine) / Double(all))
            } else {
                var unknown = JobSize(objects: .unknown, bytes: .unknown)
                unknown.note = "a part of a split inventory: its share is not known"
                part.size = unknown
            }
            out.append(part)
        }
        return out
    }

    /// The build's sizer: a generated manifest's bucket listed to the end where listing is cheap,
    /// else up to `review.listLimit`; HEADs and listings shared by the build's specs.
    func sizing(_ shared: Shared) -> JobSizing {
        JobSizing(
            objects: objects, limits: config.review, listLimit: listsCheaply ? nil : config.review.listLimit,
            parallelism: shared.parallelism, shared: shared.sizing)
    }

    /// A staged local CSV (the spec's file, a part, the manifest without the objects over Copy's
    /// limit) sized by its rows, sampled with the seed of its SHA-256.
    func sizeStaged(
        _ staged: StagedObject, manifest: JobManifest?, rows: Int, sizing: JobSizing, everyObject: Bool,
        copying: Bool
    ) async -> (size: JobSize, oversizeRows: Set<ManifestRow>) {
        await sizing.csv(
            path: staged.localPath,
            fields: (manifest?.spec.fields ?? [.bucket, .key]).map(ManifestColumn.init),
            rows: rows, seed: Self.seed(staged.sha256), everyObject: everyObject, copying: copying)
    }

    /// The sample's seed for a manifest: the first 16 hex digits of its SHA-256, so the same
    /// manifest is always sampled the same way.
    static func seed(_ sha256Hex: String) -> UInt64 {
        UInt64(sha256Hex.prefix(16), radix: 16) ?? 0
    }
}
