/// A value the plan could not know and the apply looks up before it creates the job: the ETag of
/// a manifest object the spec does not pin, in a plan made with `--refresh=false` (no object
/// store was asked). A saved plan records it, so `bops apply PLANFILE` looks it up too.
///
/// Until it is resolved, the request's manifest `eTag` is empty and the action's digest, client token and `bops:digest` tag are
/// placeholders: the resolution fixes all of them from the ETag before any token is recorded.
public struct ManifestETagLookup: Codable, Sendable, Hashable {
    public var bucket: String
    public var key: String
    public var versionId: String?

    public init(bucket: String, key: String, versionId: String? = nil) {
        self.bucket = bucket
        self.key = key
        self.versionId = versionId
    }

    /// `s3://bucket/key`.
    public var uri: String { "s3://\(bucket)/\(key)" }

    /// What the plan shows where a digest would be.
    public static let placeholderDigest = "(known after apply)"

    enum CodingKeys: String, CodingKey {
        case bucket, key
        case versionId = "version_id"
    }
}
