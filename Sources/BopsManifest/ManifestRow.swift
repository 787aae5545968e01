public import BopsJobs

/// A column of a manifest, as the readers take it (``ManifestColumn``).
public typealias ManifestField = ManifestColumn

/// One object named by a manifest.
///
/// `key` is the decoded object key (never URL-encoded). `versionId` is nil when the manifest has no
/// version ids; the literal `null` names the null version of an object, as in S3.
public struct ManifestRow: Sendable, Hashable, Codable, CustomStringConvertible {
    public var bucket: String
    public var key: String
    public var versionId: String?

    public init(bucket: String, key: String, versionId: String? = nil) {
        self.bucket = bucket
        self.key = key
        self.versionId = versionId
    }

    public var description: String {
        if let versionId { return "s3://\(bucket)/\(key)?versionId=\(versionId)" }
        return "s3://\(bucket)/\(key)"
    }
}

/// What one pass over a CSV manifest learned.
///
/// `md5Hex` is the ETag S3 gives the file when it is uploaded in a single part; `sha256Hex` is the
/// content digest the planner records. `rows` counts every data row, duplicates included.
/// When `duplicateCountIsExact` is false the manifest had more distinct rows than the bounded
/// duplicate table holds, and `duplicateRows` is a lower bound ("at least N duplicates").
/// `buckets` lists distinct bucket names in order of first appearance, at most
/// `CSVManifestSummary.bucketLimit` of them; `moreBuckets` says whether others were seen.
public struct CSVManifestSummary: Sendable, Hashable, Codable {
    public static let bucketLimit = 32

    public var rows: Int
    public var duplicateRows: Int
    public var duplicateCountIsExact: Bool
    public var bytes: Int
    public var md5Hex: String
    public var sha256Hex: String
    public var hasVersionIds: Bool
    public var buckets: [String]
    public var moreBuckets: Bool

    public init(
        rows: Int, duplicateRows: Int, duplicateCountIsExact: Bool, bytes: Int, md5Hex: String,
        sha256Hex: String, hasVersionIds: Bool, buckets: [String], moreBuckets: Bool
    ) {
        self.rows = rows
        self.duplicateRows = duplicateRows
        self.duplicateCountIsExact = duplicateCountIsExact
        self.bytes = bytes
        self.md5Hex = md5Hex
        self.sha256Hex = sha256Hex
        self.hasVersionIds = hasVersionIds
        self.buckets = buckets
        self.moreBuckets = moreBuckets
    }

    /// `3 duplicate rows`, or `at least 3 duplicate rows` when the count is a lower bound.
    public var duplicateDescription: String {
        let noun = duplicateRows == 1 ? "duplicate row" : "duplicate rows"
        return duplicateCountIsExact ? "\(duplicateRows) \(noun)" : "at least \(duplicateRows) \(noun)"
    }
}
