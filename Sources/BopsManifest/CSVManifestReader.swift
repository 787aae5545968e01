public import BopsDiagnostics

/// Reads and validates S3 Batch Operations CSV manifests (`S3BatchOperations_CSV_20180820`).
///
/// A manifest has no header row; each row names one object with the columns given by `fields`
/// (exactly one `Bucket`, one `Key`, at most one `VersionId`, any number of `Ignore`). Keys are
/// URL-encoded: `%XX` escapes are decoded and `+` is a space (form encoding, as S3 inventory
/// reports write keys), so a literal `+` must be written `%2B`. Fields may be double-quoted (RFC 4180).
/// With `VersionId` every row needs a version id (all-or-none); `null` names the null version.
///
/// One pass reads the bytes in 1 MiB chunks, validates every row, counts duplicate rows in a
/// bounded table, and computes MD5 (on a second thread) and SHA-256. Memory stays constant:
/// the chunk buffer, one row, and `duplicateTableBytes`.
public struct CSVManifestReader: Sendable {
    public var fields: [ManifestField]
    /// The file named in diagnostics.
    public var file: String
    /// At most this many errors are returned; the rest are counted in one closing note.
    public var maxErrors: Int
    /// Memory for counting duplicate rows (default 32 MiB: exact up to 6,291,456 distinct rows).
    public var duplicateTableBytes: Int

    public static let chunkBytes = 1 << 20

    public init(
        fields: [ManifestField], file: String, maxErrors: Int = 50, duplicateTableBytes: Int = 32 << 20
    ) {
        self.fields = fields
        self.file = file
        self.maxErrors = maxErrors
        self.duplicateTableBytes = duplicateTableBytes
    }

    /// One pass over a manifest file. `summary` is present exactly when there are no errors.
    /// `onRow` is called for every valid row in file order, before later rows are checked.
    public static func scan(
        fileAt path: String, fields: [ManifestField], maxErrors: Int = 50,
        onRow: ((ManifestRow) -> Void)? = nil
    ) -> (summary: CSVManifestSummary?, diagnostics: Diagnostics) {
        CSVManifestReader(fields: fields, file: path, maxErrors: maxErrors).scan(fileAt: path, onRow: onRow)
    }

    /// Same as `scan(fileAt:)`, for a manifest already in memory (an object read from a store).
    public static func scan(
        bytes: [UInt8], fields: [ManifestField], file: String, maxErrors: Int = 50,
        onRow: ((ManifestRow) -> Void)? = nil
    ) -> (summary: CSVManifestSummary?, diagnostics: Diagnostics) {
        CSVManifestReader(fields: fields, file: file, maxErrors: maxErrors).scan(bytes: bytes, onRow: onRow)
    }

    /// The error for a `fields` list S3 would refuse, or nil when it is usable.
    public static func checkFields(_ fields: [ManifestField], subject: String) -> Diagnostic? {
        let names = "[" + fields.map(\.rawValue).joined(separator: ", ") + "]"
        let count = { (f: ManifestField) in fields.filter { $0 == f }.count }
        if count(.bucket) != 1 || count(.key) != 1 || count(.versionId) > 1 {
            return Diagnostic(
                .error,
                "manifest fields \(names) must name Bucket and Key once each, and VersionId at most once",
                hint: "for example [Bucket, Key] or [Bucket, Key, VersionId]", subject: subject)
        }
        return nil
    }

    private func options() -> ManifestParserOptions {
        var o = ManifestParserOptions(fields: fields, file: file, maxErrors: maxErrors)
        o.duplicateTableBytes = duplicateTableBytes
        return o
    }

    public func scan(
        fileAt path: String, onRow: ((ManifestRow) -> Void)? = nil
    ) -> (summary: CSVManifestSummary?, diagnostics: Diagnostics) {
        scan(fileAt: path, onRow: onRow, onRowHash: nil)
    }

    func scan(
        fileAt path: String, onRow: ((ManifestRow) -> Void)?, onRowHash: ((UInt64) -> Bool)?
    ) -> (summary: CSVManifestSummary?, diagnostics: Diagnostics) {
        if let d = Self.checkFields(fields, subject: file) { return (nil, Diagnostics([d])) }
        let reader: FileReader
        switch FileReader.open(path) {
        case .success(let r): reader = r
        case .failure(let e): return (nil, Diagnostics([Self.readError(e, file: file)]))
        }
        let parser = ManifestParser(options: options(), onRow: onRow)
        parser.onRowHash = onRowHash
        let digest = ManifestDigest()
        let capacity = Self.chunkBytes + parser.options.maxRowBytes + 64
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var carry = 0
        while true {
            let n = reader.read(into: buffer + carry, count: Self.chunkBytes)
            if n < 0 {
                digest.wait()
                return (
                    nil, Diagnostics([Self.readError(FileError(path: path, errno: errnoValue()), file: file)])
                )
            }
            digest.update(UnsafeRawBufferPointer(start: buffer + carry, count: n))
            let total = carry + n
            let used = parser.feed(buffer, count: total, isEOF: n == 0)
            digest.wait()
            carry = total - used
            if carry > 0 && used > 0 { buffer.update(from: buffer + used, count: carry) }
            if n == 0 { break }
        }
        return finish(parser, digest)
    }

    public func scan(
        bytes: [UInt8], onRow: ((ManifestRow) -> Void)? = nil
    ) -> (summary: CSVManifestSummary?, diagnostics: Diagnostics) {
        scan(bytes: bytes, onRow: onRow, onRowHash: nil)
    }

    func scan(
        bytes: [UInt8], onRow: ((ManifestRow) -> Void)?, onRowHash: ((UInt64) -> Bool)?
    ) -> (summary: CSVManifestSummary?, diagnostics: Diagnostics) {
        if let d = Self.checkFields(fields, subject: file) { return (nil, Diagnostics([d])) }
        let parser = ManifestParser(options: options(), onRow: onRow)
        parser.onRowHash = onRowHash
        let digest = ManifestDigest()
        bytes.withUnsafeBufferPointer { p in
            digest.update(UnsafeRawBufferPointer(p))
            if let base = p.baseAddress { _ = parser.feed(base, count: p.count, isEOF: true) }
            digest.wait()
        }
        return finish(parser, digest)
    }

    private func finish(
        _ parser: ManifestParser, _ digest: ManifestDigest
    ) -> (summary: CSVManifestSummary?, diagnostics: Diagnostics) {
        parser.finish()
        let (md5, sha) = digest.finish()
        var diagnostics = parser.diagnostics
        if parser.errorCount == 0 && parser.rows == 0 {
            diagnostics.append(
                Diagnostic(
                    .error, "manifest has no rows",
                    hint: "list one object per line as \(fields.map(\.rawValue).joined(separator: ","))",
                    subject: file))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let summary = CSVManifestSummary(
            rows: parser.rows, duplicateRows: parser.duplicateRows,
            duplicateCountIsExact: parser.duplicateCountIsExact, bytes: digest.bytes, md5Hex: md5,
            sha256Hex: sha, hasVersionIds: fields.contains(.versionId), buckets: parser.buckets,
            moreBuckets: parser.moreBuckets)
        return (summary, diagnostics)
    }

    static func readError(_ e: FileError, file: String) -> Diagnostic {
        Diagnostic(
            .error, "cannot read manifest \(e.path): \(e.message)",
            hint: "check the path (it is relative to the project root) and its permissions", subject: file)
    }
}
