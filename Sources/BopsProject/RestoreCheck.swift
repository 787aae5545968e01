public import BopsJobs
import BopsManifest
public import BopsPlan
import BopsPrimitives
public import BopsState
public import FoundationEssentials

/// The observation behind `when: restored`: the objects of a restore job's manifest (read from
/// the manifest object the job names: a CSV manifest or an inventory report), those the job failed
/// on left out (its completion report), then HEAD of each, or of a seeded random sample of
/// `sample` of them, with at most `width` HEADs at once. Effects: reads only.
public enum RestoreCheck {
    public static func observe(
        _ record: JobRecord, sample: Int, jobs: any JobsEngine, objects: any ObjectStore, width: Int,
        now: Date
    ) async throws -> RestoreObservation {
        guard let jobId = record.jobId else {
            return RestoreObservation(
                jobId: "", manifestObjects: 0, checked: 0, restored: 0, unreadable: "no job")
        }
        let job = try await jobs.describeJob(accountId: record.accountId, jobId: jobId)
        func unreadable(_ why: String) -> RestoreObservation {
            RestoreObservation(jobId: jobId, manifestObjects: 0, checked: 0, restored: 0, unreadable: why)
        }
        guard let manifest = job.manifest else {
            return unreadable("S3 generated the job's manifest, so bops cannot list its objects")
        }
        let rows: [ManifestRow]
        do {
            rows = try await manifestRows(manifest, objects: objects)
        } catch let why as Unreadable {
            return unreadable(why.text)
        }
        var failed = Set<ManifestRow>()
        if let report = try? await CompletionReport.read(job: job, objects: objects) {
            for row in report.rows where row.status != "succeeded" { failed.insert(row.object) }
        }
        var failedKeys: [String] = []
        var counted: [ManifestRow] = []
        var seen = Set<ManifestRow>()
        for row in rows where seen.insert(row).inserted {
            if failed.contains(row) || failed.contains(ManifestRow(bucket: row.bucket, key: row.key)) {
                failedKeys.append(row.key)
            } else {
                counted.append(row)
            }
        }
        let picked = Sample.pick(counted, count: sample, seed: jobId)
        let infos = try await Bounded.map(picked, width: width) { row in
            try await objects.headObject(bucket: row.bucket, key: row.key, versionId: row.versionId)
        }
        var observation = RestoreObservation(
            jobId: jobId, manifestObjects: seen.count, checked: picked.count, restored: 0,
            failedByJob: Array(failedKeys.prefix(10)), failedByJobCount: failedKeys.count)
        for info in infos {
            guard let info else {
                observation.missing += 1
                continue
            }
            if info.isReadable(at: now) {
                observation.restored += 1
                if let expiry = info.restore?.expiryDate, info.isArchived {
                    observation.earliestExpiry = min(observation.earliestExpiry ?? expiry, expiry)
                }
            } else if let restore = info.restore, restore.isOngoing(at: now) {
                observation.ongoing += 1
            } else {
                observation.archived += 1
            }
        }
        return observation
    }

    struct Unreadable: Error {
        var text: String
    }

    /// The rows of the manifest object a job names.
    static func manifestRows(_ manifest: JobManifest, objects: any ObjectStore) async throws -> [ManifestRow]
    {
        guard let (bucket, key) = S3ARN.object(manifest.location.objectArn) else {
            throw Unreadable(text: "the manifest \(manifest.location.objectArn) is not an object ARN")
        }
        let uri = "s3://\(bucket)/\(key)"
        let bytes: [UInt8]
        do {
            bytes = try await objects.getObject(
                bucket: bucket, key: key, versionId: manifest.location.objectVersionId)
        } catch {
            throw Unreadable(text: "the manifest \(uri) cannot be read: \(error)")
        }
        var rows: [ManifestRow] = []
        switch manifest.spec.format {
        case .csv:
            let fields = (manifest.spec.fields ?? [.bucket, .key]).map(ManifestColumn.init)
            let (summary, problems) = CSVManifestReader.scan(bytes: bytes, fields: fields, file: uri) {
                rows.append($0)
            }
            guard summary != nil else {
                throw Unreadable(
                    text: "the manifest \(uri) is not a valid CSV manifest: "
                        + (problems.items.first?.summary ?? "unknown problem"))
            }
        case .inventory:
            let inventory: InventoryManifest
            do { inventory = try InventoryManifest.parse(bytes: bytes, file: uri) } catch {
                throw Unreadable(
                    text: "the inventory manifest \(uri) cannot be read: \(error.items.first?.summary ?? "")")
            }
            for file in inventory.files {
                let data = try await objects.getObject(
                    bucket: inventory.destinationBucketName, key: file.key, versionId: nil)
                let problems = inventory.readRows(of: file, gzippedBytes: data) { rows.append($0) }
                if problems.hasErrors {
                    throw Unreadable(
                        text: problems.items.first?.summary ?? "an inventory data file is unreadable")
                }
            }
        }
        return rows
    }
}

/// A seeded random sample: the same items and seed give the same sample, so two plans of one
/// job look at the same objects.
enum Sample {
    static func pick<T>(_ items: [T], count: Int, seed: String) -> [T] {
        guard items.count > count else { return items }
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
        func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        var indices = Array(items.indices)
        for i in 0..<count {
            let j = i + Int(next() % UInt64(indices.count - i))
            indices.swapAt(i, j)
        }
        return indices.prefix(count).sorted().map { items[$0] }
    }
}
