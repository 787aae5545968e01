import BopsEncoding

/// Rows of S3 Batch Operations CSV manifests as S3 writes them: `Bucket,Key[,VersionId]`, the key
/// URL-encoded with `/` kept (a space is `%20`, a plus sign `%2B`), a field quoted only when it
/// holds a comma, a quote or a line break. The one writer of manifest rows (generated manifests,
/// completion reports, manifests made from reports).
public enum CSVManifestWriter {
    /// One row with its line break; `versionId` is written (empty for `nil`) when `withVersion`.
    public static func row(bucket: String, key: String, versionId: String?, withVersion: Bool) -> String {
        fields(bucket: bucket, key: key, versionId: versionId, withVersion: withVersion).joined(
            separator: ",")
            + "\n"
    }

    /// The row's fields, each encoded and quoted as needed (a completion report adds its own).
    public static func fields(bucket: String, key: String, versionId: String?, withVersion: Bool) -> [String]
    {
        [field(bucket), field(URIEncoding.encodeKey(key))] + (withVersion ? [field(versionId ?? "")] : [])
    }

    /// A CSV field, quoted when it must be.
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}
