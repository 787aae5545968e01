import BopsEncoding
import BopsJobs
import Crypto
import Foundation

/// Completion reports in the AWS layout (`Report_CSV_20180820`).
///
/// Under `<bucket>/<prefix>/job-<id>/`: `manifest.json` (`Format`, `ReportCreationDate`,
/// `Results` with one entry per results file: `TaskExecutionStatus`, `Bucket`, `MD5Checksum`,
/// `Key`; and `ReportSchema`) and `results/<40 hex>.csv`, one file per task status, headerless.
///
/// Rows are `Bucket,Key,VersionId,TaskStatus,<HTTP status>,<error code>,ResultMessage`: AWS's
/// `ReportSchema` names the fifth column `ErrorCode` and the sixth `HTTPStatusCode`, but the rows
/// AWS writes carry the HTTP status first (`...,failed,404,NoSuchKey,...`); this engine writes what
/// AWS writes, so readers must take the numeric one of the two as the HTTP status. Keys are
/// URL-encoded as in manifests. A disabled report, or a job that ran no task, writes nothing.
enum CompletionReport {
    static let schema = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// URL encoding of a key for report and manifest rows (`/` kept, space as `%20`).
    static func encodeKey(_ key: String) -> String { URIEncoding.encodeKey(key) }

    static func row(_ task: TaskRow, _ o: TaskOutcome) -> String {
        [
            csvField(task.bucket), csvField(encodeKey(task.key)), csvField(task.versionId ?? ""),
            o.succeeded ? "succeeded" : "failed", String(o.httpStatus), csvField(o.errorCode),
            csvField(o.message),
        ].joined(separator: ",") + "\n"
    }

    /// Writes the report; returns the key of `manifest.json`, or nil when nothing was written.
    static func write(
        store: LocalStore, report: JobReport?, jobId: String, tasks: [TaskRow], outcomes: [TaskOutcome],
        now: Date
    ) throws -> String? {
        guard let report, report.enabled, let arn = report.bucket, let bucket = S3ARN.bucket(arn),
            !outcomes.isEmpty
        else { return nil }
        let base = (report.prefix.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "") + "job-\(jobId)/"
        let failedOnly = report.reportScope == .failedTasksOnly
        var results: [[String: String]] = []
        for succeeded in [true, false] where !(succeeded && failedOnly) {
            let mine = outcomes.filter { $0.succeeded == succeeded }.sorted { $0.index < $1.index }
            guard !mine.isEmpty else { continue }
            var text = ""
            for o in mine where o.index < tasks.count { text += row(tasks[o.index], o) }
            let body = Array(text.utf8)
            let name = Hex.encode(Insecure.SHA1.hash(data: Array("\(jobId)/\(succeeded)".utf8)))
            let key = base + "results/\(name).csv"
            var attributes = ObjectAttributes()
            attributes.metadata.contentType = "text/csv"
            let info = try store.putObject(bucket: bucket, key: key, body: body, attributes: attributes)
            results.append([
                "TaskExecutionStatus": succeeded ? "succeeded" : "failed", "Bucket": bucket,
                "MD5Checksum": info.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")), "Key": key,
            ])
        }
        let manifest: [String: Any] = [
            "Format": JobReportFormat.csv20180820.rawValue, "ReportCreationDate": JobJSON.format(now),
            "Results": results, "ReportSchema": schema,
        ]
        let json = try JSONSerialization.data(
            withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        var attributes = ObjectAttributes()
        attributes.metadata.contentType = "application/json"
        _ = try store.putObject(
            bucket: bucket, key: base + "manifest.json", body: Array(json), attributes: attributes)
        return base + "manifest.json"
    }
}
