public import BopsDiagnostics
import BopsPrimitives
import FoundationEssentials

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

    public var bucket: String { object.bucket }
    public var key: String { object.key }
    public var versionId: String? { object.versionId }
}

/// The completion report format (`Report_CSV_20180820`), read and written in one place: the local
/// engine writes reports with it, `bops report` and the manifests made from reports read them.
///
/// Under `<bucket>/<prefix>/job-<id>/`: `manifest.json` (`Format`, `ReportCreationDate`,
/// `Results` with one entry per results file: `TaskExecutionStatus`, `Bucket`, `MD5Checksum`,
/// `Key`; and `ReportSchema`) and `results/<name>.csv`, one file per task status: headerless rows
/// `Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage` with URL-encoded
/// keys (`+` is a plus sign here, not a space).
///
/// AWS's `ReportSchema` names the fifth column `ErrorCode` and the sixth `HTTPStatusCode`, but the
/// rows AWS writes carry the HTTP status first (`...,failed,404,NoSuchKey,...`): the writer writes
/// what AWS writes, and the reader takes the numeric one of the two as the HTTP status.
public enum CompletionReportFormat {
    /// `ReportSchema` of `manifest.json`.
    public static let schema = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"

    /// `<prefix>/job-<id>/`: the folder of a job's report (`prefix` may end in `/` or not).
    public static func folder(prefix: String?, jobId: String) -> String {
        (prefix.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "") + "job-\(jobId)/"
    }

    /// The key of a job's `manifest.json`.
    public static func manifestKey(prefix: String?, jobId: String) -> String {
        folder(prefix: prefix, jobId: jobId) + "manifest.json"
    }

    /// One results row as AWS writes it, with its line break.
    public static func row(
        bucket: String, key: String, versionId: String?, succeeded: Bool, httpStatus: Int, errorCode: String,
        message: String
    ) -> String {
        let object = CSVManifestWriter.fields(
            bucket: bucket, key: key, versionId: versionId, withVersion: true)
        let outcome = [
            succeeded ? "succeeded" : "failed", String(httpStatus), CSVManifestWriter.field(errorCode),
            CSVManifestWriter.field(message),
        ]
        return (object + outcome).joined(separator: ",") + "\n"
    }

    /// One entry of `manifest.json`'s `Results`: a results file.
    public struct ResultFile: Sendable, Hashable {
        /// `succeeded` or `failed`.
        public var taskStatus: String
        public var bucket: String
        public var key: String
        /// The file's MD5, hex, without quotes.
        public var md5: String

        public init(taskStatus: String, bucket: String, key: String, md5: String) {
            self.taskStatus = taskStatus
            self.bucket = bucket
            self.key = key
            self.md5 = md5
        }
    }

    /// `manifest.json` of a report made `created` of `files`.
    public static func manifestJSON(files: [ResultFile], created: String) throws -> [UInt8] {
        let manifest: [String: Any] = [
            "Format": "Report_CSV_20180820", "ReportCreationDate": created,
            "Results": files.map {
                [
                    "TaskExecutionStatus": $0.taskStatus, "Bucket": $0.bucket, "MD5Checksum": $0.md5,
                    "Key": $0.key,
                ]
            },
            "ReportSchema": schema,
        ]
        return try JSONAny.serialize(manifest, pretty: true)
    }

    /// The results files a `manifest.json` lists, `nil` when it is not a report manifest.
    public static func resultFiles(manifestJSON bytes: [UInt8]) -> [ResultFile]? {
        guard let top = try? JSONAny.parse(bytes) as? [String: Any],
            let results = top["Results"] as? [[String: Any]]
        else { return nil }
        return results.compactMap { r in
            guard let bucket = r["Bucket"] as? String, let key = r["Key"] as? String else { return nil }
            return ResultFile(
                taskStatus: (r["TaskExecutionStatus"] as? String ?? "").lowercased(), bucket: bucket,
                key: key,
                md5: r["MD5Checksum"] as? String ?? "")
        }
    }

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
