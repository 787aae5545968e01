import BopsCost
import BopsJobs
import BopsManifest
import BopsPrimitives
import FoundationEssentials

/// Sizes a job's objects at plan time, for its estimate and its risks: HEAD of a CSV manifest's
/// objects (all up to `review.headLimit`, else a seeded sample of that many, extrapolated), an
/// inventory's rows and `Size` column, a generated manifest's listing (exhaustive where listing
/// is cheap, else up to `review.listLimit` keys). Reads only; every HEAD and listing is done once
/// per run however many specs ask (``Shared``).
struct JobSizing: Sendable {
    let objects: any ObjectStore
    let limits: ReviewLimits
    /// `nil`: list a generated manifest's bucket to the end (the local engine, the emulator).
    let listLimit: Int?
    let parallelism: Int
    let shared: Shared

    /// What the specs of one plan share.
    final class Shared: Sendable {
        let heads = OnceMap<String>()
        let listings = OnceMap<String>()
        init() {}
    }

    /// A local CSV manifest's objects: every one HEADed when there are at most `headLimit` rows
    /// (or `everyObject`, as `copy.oversize: exclude` needs), else a sample drawn with `seed`.
    /// With `everyObject`, also the rows over Copy's limit (for `copy.oversize: exclude`).
    func csv(
        path: String, fields: [ManifestColumn], rows: Int, seed: UInt64, everyObject: Bool, copying: Bool
    ) async -> (size: JobSize, oversizeRows: Set<ManifestRow>) {
        await csv(
            .file(path), fields: fields, rows: rows, seed: seed, everyObject: everyObject, copying: copying)
    }

    /// Where a CSV manifest's rows are read from: a local file, or an object's bytes.
    enum Rows {
        case file(String)
        case bytes([UInt8], name: String)
    }

    func csv(
        _ source: Rows, fields: [ManifestColumn], rows: Int, seed: UInt64, everyObject: Bool, copying: Bool
    ) async -> (size: JobSize, oversizeRows: Set<ManifestRow>) {
        let sampled = !everyObject && rows > limits.headLimit
        var reservoir = ReservoirSample<ManifestRow>(
            capacity: sampled ? limits.headLimit : max(1, rows), seed: seed)
        switch source {
        case .file(let path): _ = CSVManifestReader.scan(fileAt: path, fields: fields) { reservoir.add($0) }
        case .bytes(let bytes, let name):
            _ = CSVManifestReader.scan(bytes: bytes, fields: fields, file: name) { reservoir.add($0) }
        }
        let infos = await head(reservoir.items)
        var tally = ObjectTally()
        var oversize: Set<ManifestRow> = []
        for (row, info) in zip(reservoir.items, infos) {
            guard let info else {
                tally.missing += 1
                continue
            }
            tally.add(info)
            if everyObject && info.size > JobSize.copyLimit { oversize.insert(row) }
        }
        guard sampled else { return (tally.size(exactness: .exact, copying: copying), oversize) }
        var size = tally.size(
            exactness: .estimated, factor: Double(rows) / Double(reservoir.items.count), copying: copying)
        size.objects = .exact(Int64(rows))
        size.sample = JobSize.Sample(headed: reservoir.items.count, of: rows, seed: seed)
        return (size, [])
    }

    /// HEAD of each row, `parallelism` at a time; an object that does not exist (or cannot be
    /// read) is `nil`.
    func head(_ rows: [ManifestRow]) async -> [ObjectInfo?] {
        let store = objects
        let memo = shared.heads
        let answers = try? await Bounded.map(rows, width: parallelism) { row -> ObjectInfo? in
            let key = "\(row.bucket)\n\(row.key)\n\(row.versionId ?? "")"
            return try? await memo.value(for: key) { () async throws -> ObjectInfo? in
                try? await store.headObject(
                    bucket: row.bucket, key: row.key, versionId: row.versionId)
            }
        }
        return answers ?? rows.map { _ in nil }
    }
}
