public import BopsDiagnostics

/// One row of an S3 Batch Operations completion report (`Report_CSV_20180820`).
public struct CompletionReportRow: Sendable, Hashable {
    /// The task's object, key decoded.
    public var object: ManifestRow
    /// `succeeded` or `failed`, lowercased.
    public var status: String
    public var errorCode: String?
    public var httpStatus: Int?
    public var message: String?

    public init(
        object: ManifestRow, status: String, errorCode: String? = nil, httpStatus: Int? = nil,
        message: String? = nil
    ) {
        self.object = object
        self.status = status
        self.errorCode = errorCode
        self.httpStatus = httpStatus
        self.message = message
    }
}

/// Completion report files, read by the manifest CSV parser: headerless rows
/// `Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage` with
/// URL-encoded keys (`+` is a plus sign here, not a space).
///
/// AWS's own reports put the HTTP status before the error code, so the two columns are told apart
/// by content: the numeric one is the HTTP status.
public enum CompletionReportCSV {
    /// The column roles as the manifest parser sees them.
    static let fields: [ManifestField] = [.bucket, .key, .versionId, .ignore, .ignore, .ignore, .ignore]

    /// Every valid row of one results file, in file order, and a diagnostic for each bad row.
    public static func rows(
        _ bytes: [UInt8], file: String, maxErrors: Int = 50
    ) -> (rows: [CompletionReportRow], diagnostics: Diagnostics) {
        var options = ManifestParserOptions(fields: fields, file: file, maxErrors: maxErrors)
        options.plusIsSpace = false
        options.emptyVersionIdIsError = false
        options.detectHeader = false
        options.duplicateTableBytes = 0
        var rows: [CompletionReportRow] = []
        let parser = ManifestParser(options: options, onRow: nil)
        parser.onIgnoredColumns = { object, columns in
            func value(_ i: Int) -> String? { columns[i].isEmpty ? nil : columns[i] }
            var errorCode = value(1)
            var http = value(2)
            if let e = errorCode, Int(e) != nil, http.flatMap({ Int($0) }) == nil { swap(&errorCode, &http) }
            rows.append(
                CompletionReportRow(
                    object: object, status: value(0)?.lowercased() ?? "unknown", errorCode: errorCode,
                    httpStatus: http.flatMap { Int($0) }, message: value(3)))
        }
        bytes.withUnsafeBufferPointer { p in
            if let base = p.baseAddress { _ = parser.feed(base, count: p.count, isEOF: true) }
        }
        parser.finish()
        return (rows, parser.diagnostics)
    }
}
