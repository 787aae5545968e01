import BopsEncoding
import BopsJobs
import BopsManifest
import Crypto
import FoundationEssentials

/// Writes a job's completion report into the store in the AWS layout, through the one report
/// format (``CompletionReportFormat``, BopsManifest). A disabled report, or a job that ran no task,
/// writes nothing.
enum CompletionReport {
    /// Writes the report; returns the key of `manifest.json`, or nil when nothing was written.
    static func write(
        store: LocalStore, report: JobReport?, jobId: String, tasks: [TaskRow], outcomes: [TaskOutcome],
        now: Date
    ) throws -> String? {
        guard let report, report.enabled, let arn = report.bucket, let bucket = S3ARN.bucket(arn),
            !outcomes.isEmpty
        else { return nil }
        let base = CompletionReportFormat.folder(prefix: report.prefix, jobId: jobId)
        let failedOnly = report.reportScope == .failedTasksOnly
        var files: [CompletionReportFormat.ResultFile] = []
        for succeeded in [true, false] where !(succeeded && failedOnly) {
            let mine = outcomes.filter { $0.succeeded == succeeded }.sorted { $0.index < $1.index }
            guard !mine.isEmpty else { continue }
            var text = ""
            for o in mine where o.index < tasks.count {
                let task = tasks[o.index]
                text += CompletionReportFormat.row(
                    bucket: task.bucket, key: task.key, versionId: task.versionId, succeeded: o.succeeded,
                    httpStatus: o.httpStatus, errorCode: o.errorCode, message: o.message)
            }
            let name = Hex.encode(Insecure.SHA1.hash(data: Array("\(jobId)/\(succeeded)".utf8)))
            let key = base + "results/\(name).csv"
            var attributes = ObjectAttributes()
            attributes.metadata.contentType = "text/csv"
            let info = try store.putObject(
                bucket: bucket, key: key, body: Array(text.utf8), attributes: attributes)
            files.append(
                CompletionReportFormat.ResultFile(
                    taskStatus: succeeded ? "succeeded" : "failed", bucket: bucket, key: key,
                    md5: info.eTag.trimmingQuotes()))
        }
        var attributes = ObjectAttributes()
        attributes.metadata.contentType = "application/json"
        _ = try store.putObject(
            bucket: bucket, key: base + "manifest.json",
            body: try CompletionReportFormat.manifestJSON(files: files, created: JobJSON.format(now)),
            attributes: attributes)
        return base + "manifest.json"
    }
}
