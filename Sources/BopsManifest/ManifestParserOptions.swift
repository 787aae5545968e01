/// How a manifest parser reads rows. CSV manifests and inventory data files differ only here.
struct ManifestParserOptions: Sendable {
    /// Column roles, in file order.
    var fields: [ManifestField]
    /// The file named in diagnostics.
    var file: String
    /// Diagnostics kept at most (the rest are counted in one closing note).
    var maxErrors: Int
    /// Decode `+` as a space (form encoding, as S3 inventory reports write keys).
    var plusIsSpace = true
    /// CSV manifests need a version id in every row when `VersionId` is a field (all-or-none);
    /// inventory reports leave it empty for objects without one.
    var emptyVersionIdIsError = true
    /// Report a first row equal to the field names.
    var detectHeader = true
    /// Memory for the duplicate-row table; 0 turns duplicate counting off.
    var duplicateTableBytes = 32 << 20
    /// A row longer than this is refused (an S3 key is at most 1,024 bytes, 3,072 URL-encoded).
    var maxRowBytes = 64 << 10
}
