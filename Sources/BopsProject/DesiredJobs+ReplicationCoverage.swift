import BopsDiagnostics
import BopsJobs
import BopsManifest
import BopsPlan
import BopsSpec

/// Replicate over a CSV manifest or an S3 Inventory report: the objects no enabled replication rule of their bucket takes
/// (by its filter's prefix; `And` and tag filters too) are not replicated. A warning at the
/// manifest with their count: exact for a manifest of at most `review.headLimit` rows, else
/// estimated from the sizing's sample (the same seeded rows). Tags are not known before the job
/// runs: objects that only rules with tag filters could take are counted apart, never guessed.
/// `spec.acknowledge.replicationCoverage` skips the check.
extension DesiredJobs {
    func replicationCoverage(
        _ spec: JobSpec, loaded: LoadedSpec, manifest: ResolvedManifest, preflight: Preflight
    ) async -> Diagnostics {
        guard case .replicate = spec.operation else { return Diagnostics() }
        let subject = "spec \(spec.name)"
        switch spec.manifest {
        case .replicationConfiguration:
            return Diagnostics()  // S3 lists only what the replication configuration takes
        case .inventory, .latestInventory, .csv, .fromReport: break
        }
        if spec.acknowledged[PlanCheck.replicationCoverage.rawValue] != nil {
            preflight.noteSkipped(
                .replicationCoverage, subject,
                reason: spec.acknowledged[PlanCheck.replicationCoverage.rawValue] ?? "")
            return Diagnostics()
        }
        let fields = (manifest.jobManifest?.spec.fields ?? [.bucket, .key]).map(ManifestColumn.init)
        let limit = config.review.headLimit
        let at = preflight.place(
            loaded,
            [
                "/spec/manifest/csv/file", "/spec/manifest/csv/location", "/spec/manifest/fromReport",
                "/spec/manifest/inventory/location", "/spec/manifest/inventory/prefix",
            ])
        // The rows, sampled as the sizing samples them.
        var sample: ReservoirSample<ManifestRow>
        var rows: Int
        if let staged = manifest.staging.first, let count = manifest.objectCount {
            rows = count
            sample = ReservoirSample(capacity: max(1, min(rows, limit)), seed: Self.seed(staged.sha256))
            _ = CSVManifestReader.scan(fileAt: staged.localPath, fields: fields) { sample.add($0) }
        } else if let m = manifest.jobManifest, let (bucket, key) = S3ARN.object(m.location.objectArn),
            let bytes = try? await objects.getObject(
                bucket: bucket, key: key, versionId: m.location.objectVersionId),
            bytes.count <= Self.s3CSVReadLimit,
            let summary = CSVManifestReader.scan(bytes: bytes, fields: fields, file: "s3://\(bucket)/\(key)")
                .summary
        {
            rows = summary.rows
            sample = ReservoirSample(capacity: max(1, min(rows, limit)), seed: Self.seed(summary.sha256Hex))
            _ = CSVManifestReader.scan(bytes: bytes, fields: fields, file: "s3://\(bucket)/\(key)") {
                sample.add($0)
            }
        } else if let json = manifest.inventoryJSON,
            let report = try? InventoryManifest.parse(bytes: json, file: "inventory manifest")
        {
            // An inventory report: its data files' rows, up to what a plan reads of a manifest.
            guard report.files.reduce(0, { $0 + Int64($1.size) }) <= Self.s3CSVReadLimit else {
                preflight.note(
                    .replicationCoverage, subject,
                    verdict: .notChecked(
                        "the inventory's data files are larger than a plan reads (\(Self.s3CSVReadLimit >> 20) MiB)"
                    ))
                return Diagnostics()
            }
            var all = ReservoirSample<ManifestRow>(
                capacity: limit, seed: Self.seed(InventoryDelivery.checksum(json)))
            for file in report.files {
                guard
                    let data = try? await objects.getObject(
                        bucket: report.destinationBucketName, key: file.key, versionId: nil)
                else {
                    preflight.note(
                        .replicationCoverage, subject,
                        verdict: .notChecked("the inventory data file \(file.key) could not be read"))
                    return Diagnostics()
                }
                _ = report.readRows(of: file, gzippedBytes: data) { all.add($0) }
            }
            rows = all.seen
            sample = all
        } else {
            preflight.note(
                .replicationCoverage, subject, verdict: .notChecked("the manifest's rows could not be read"))
            return Diagnostics()
        }
        let sampled = sample.items.count < rows
        var byBucket: [String: [String]] = [:]
        for row in sample.items { byBucket[row.bucket, default: []].append(row.key) }
        var found = Diagnostics()
        for bucket in byBucket.keys.sorted() {
            let keys = byBucket[bucket] ?? []
            let objects = objects
            let replication: ReplicationConfiguration?
            do {
                replication = try await preflight.read(.replication(bucket)) {
                    try await objects.replicationConfiguration(bucket: bucket)
                }
            } catch {
                // The replication source check reports a configuration it cannot read.
                preflight.note(
                    .replicationCoverage, "s3://\(bucket)",
                    verdict: .notChecked(
                        "the replication configuration of \(bucket) could not be read: \(error)"))
                continue
            }
            // No configuration at all is the replication source check's error.
            guard let replication else { continue }
            var outside = 0
            var byTags = 0
            for key in keys {
                switch replication.replicates(key: key) {
                case true?: break
                case false?: outside += 1
                case nil: byTags += 1
                }
            }
            let factor = sampled ? Double(rows) / Double(sample.items.count) : 1
            func scaled(_ n: Int) -> Int { Int((Double(n) * factor).rounded()) }
            let total = sampled ? scaled(keys.count) : keys.count
            let observed = CheckRecord.Observation.replicationCoverage(
                bucket: bucket, objects: total, outside: scaled(outside), byTags: scaled(byTags),
                sample: sampled ? sample.items.count : nil)
            guard outside > 0 else {
                preflight.note(.replicationCoverage, "s3://\(bucket)", [observed], Diagnostics())
                continue
            }
            let estimate = sampled ? "about " : ""
            let from =
                sampled
                ? " (estimated from a sample of \(sample.items.count) of the manifest's \(rows) rows)" : ""
            let tags =
                byTags > 0
                ? "; \(estimate)\(scaled(byTags)) more fall only under rules with tag filters, whose tags are not "
                    + "known at plan time"
                : ""
            let diagnostic = Diagnostic(
                .warning,
                "spec \(spec.name): \(estimate)\(scaled(outside)) of the manifest's \(total) objects in \(bucket) fall "
                    + "under no enabled replication rule of \(bucket)\(from): the job does not replicate them\(tags)",
                range: at.range,
                hint: "add a replication rule whose filter takes them (\(advice.addReplication(bucket))), "
                    + "or leave them out of the manifest",
                pointer: at.pointer, subject: "s3://\(bucket)")
            found.append(diagnostic)
            preflight.note(.replicationCoverage, "s3://\(bucket)", [observed], Diagnostics([diagnostic]))
        }
        return found
    }
}
