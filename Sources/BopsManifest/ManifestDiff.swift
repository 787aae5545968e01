public import BopsDiagnostics

/// Where a manifest's bytes come from.
public enum ManifestSource: Sendable {
    case file(path: String)
    /// Bytes already in memory (an object read from a store); `name` is used in diagnostics.
    case bytes([UInt8], name: String)
}

/// How the set of objects named by a manifest changed: `+120 objects, -3 objects`.
///
/// Rows are compared as (bucket, decoded key, version id); duplicate rows count once. Samples are
/// the first `sampleLimit` added rows in the new manifest's order and the first removed rows in
/// the old manifest's order. Rows are compared by 64-bit hash, so two different rows with equal
/// hashes (odds about 1 in 10^8 for a million rows) would be taken as the same object.
public struct ManifestDiff: Sendable, Hashable, Codable {
    public static let sampleLimit = 5

    public var added: Int
    public var removed: Int
    public var unchanged: Int
    public var addedSamples: [ManifestRow]
    public var removedSamples: [ManifestRow]

    public var isEmpty: Bool { added == 0 && removed == 0 }

    /// `+120 objects, -3 objects` (singular for 1), or `no object changes`.
    public var summary: String {
        if isEmpty { return "no object changes" }
        func n(_ k: Int) -> String { k == 1 ? "1 object" : "\(k) objects" }
        return "+\(n(added)), -\(n(removed))"
    }
}

extension CSVManifestReader {
    /// Compares two CSV manifests. Memory: 8 bytes per row of each manifest (sorted row hashes),
    /// so 10 million rows a side take about 160 MB; each manifest is read twice (once for hashes,
    /// once for samples, only when there are changes). Both manifests must be valid.
    public static func diff(
        old: ManifestSource, new: ManifestSource, fields: [ManifestField], oldFields: [ManifestField]? = nil
    ) throws(Diagnostics) -> ManifestDiff {
        let oldHashes = try hashes(old, fields: oldFields ?? fields)
        let newHashes = try hashes(new, fields: fields)
        var addedSet: [UInt64] = []
        var removedSet: [UInt64] = []
        var unchanged = 0
        var i = 0
        var j = 0
        while i < oldHashes.count || j < newHashes.count {
            if j == newHashes.count || (i < oldHashes.count && oldHashes[i] < newHashes[j]) {
                removedSet.append(oldHashes[i])
                i += 1
            } else if i == oldHashes.count || newHashes[j] < oldHashes[i] {
                addedSet.append(newHashes[j])
                j += 1
            } else {
                unchanged += 1
                i += 1
                j += 1
            }
        }
        let addedSamples = try samples(new, fields: fields, among: addedSet)
        let removedSamples = try samples(old, fields: oldFields ?? fields, among: removedSet)
        return ManifestDiff(
            added: addedSet.count, removed: removedSet.count, unchanged: unchanged,
            addedSamples: addedSamples,
            removedSamples: removedSamples)
    }

    /// Sorted distinct row hashes of a manifest.
    private static func hashes(
        _ source: ManifestSource, fields: [ManifestField]
    ) throws(Diagnostics) -> [UInt64] {
        var out: [UInt64] = []
        try run(source, fields: fields) { h in
            out.append(h)
            return false
        }
        out.sort()
        var unique = 0
        for k in out.indices where k == 0 || out[k] != out[k - 1] {
            out[unique] = out[k]
            unique += 1
        }
        out.removeLast(out.count - unique)
        return out
    }

    private static func samples(
        _ source: ManifestSource, fields: [ManifestField], among sorted: [UInt64]
    ) throws(Diagnostics) -> [ManifestRow] {
        guard !sorted.isEmpty else { return [] }
        var found: [ManifestRow] = []
        var taken = Set<UInt64>()
        try run(
            source, fields: fields,
            onHash: { h in
                guard found.count < ManifestDiff.sampleLimit, !taken.contains(h), contains(sorted, h) else {
                    return false
                }
                taken.insert(h)
                return true
            }, onRow: { found.append($0) })
        return found
    }

    private static func contains(_ sorted: [UInt64], _ h: UInt64) -> Bool {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == h
    }

    private static func run(
        _ source: ManifestSource, fields: [ManifestField], onHash: @escaping (UInt64) -> Bool,
        onRow: ((ManifestRow) -> Void)? = nil
    ) throws(Diagnostics) {
        var reader: CSVManifestReader
        switch source {
        case .file(let path): reader = CSVManifestReader(fields: fields, file: path)
        case .bytes(_, let name): reader = CSVManifestReader(fields: fields, file: name)
        }
        reader.duplicateTableBytes = 0
        let result: (summary: CSVManifestSummary?, diagnostics: Diagnostics)
        switch source {
        case .file(let path): result = reader.scan(fileAt: path, onRow: onRow, onRowHash: onHash)
        case .bytes(let bytes, _): result = reader.scan(bytes: bytes, onRow: onRow, onRowHash: onHash)
        }
        if result.diagnostics.hasErrors { throw result.diagnostics }
    }
}
