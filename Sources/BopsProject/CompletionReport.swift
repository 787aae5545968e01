import BopsDiagnostics
public import BopsJobs
import BopsManifest
import Foundation

/// A job's completion report read back from the object store, summarised.
///
/// Rows are headerless CSV (`Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode,
/// ResultMessage`), read by the manifest CSV parser (``CompletionReportCSV``).
public struct CompletionReport: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var bucket: String
        public var key: String
        public var versionId: String?
        public var status: String
        public var errorCode: String?
        public var httpStatus: Int?
        public var message: String?
    }

    public var location: String
    public var rows: [Row]
    public var files: Int

    public var byStatus: [String: Int] {
        rows.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }

    public var failuresByCode: [String: Int] {
        rows.filter { $0.status != "succeeded" }.reduce(into: [:]) {
            $0[$1.errorCode ?? ($1.httpStatus.map(String.init) ?? "unknown"), default: 0] += 1
        }
    }

    public enum ReadError: Error, Sendable, Hashable {
        case disabled
        case notWritten(String)
        case unreadable(String, String)
    }

    /// Reads the report of a job that has ended.
    public static func read(job: JobDescriptor, objects: any ObjectStore) async throws -> CompletionReport {
        guard let report = job.report, report.enabled, let bucketArn = report.bucket else {
            throw ReadError.disabled
        }
        let bucket = bucketArn.split(separator: ":").last.map(String.init) ?? bucketArn
        let prefix = (report.prefix.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "")
        let manifestKey = "\(prefix)job-\(job.jobId)/manifest.json"
        let location = "s3://\(bucket)/\(manifestKey)"
        let bytes: [UInt8]
        do {
            bytes = try await objects.getObject(bucket: bucket, key: manifestKey, versionId: nil)
        } catch {
            throw ReadError.notWritten(location)
        }
        guard let top = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let results = top["Results"] as? [[String: Any]]
        else { throw ReadError.unreadable(location, "manifest.json has no Results list") }
        var rows: [Row] = []
        for result in results {
            guard let b = result["Bucket"] as? String, let k = result["Key"] as? String else { continue }
            let csv = try await objects.getObject(bucket: b, key: k, versionId: nil)
            rows.append(contentsOf: try parse(csv, file: "s3://\(b)/\(k)"))
        }
        return CompletionReport(location: location, rows: rows, files: results.count)
    }

    /// Parses one headerless results file with the manifest CSV parser (`CompletionReportCSV`).
    /// Throws `unreadable` naming the first bad row.
    public static func parse(_ bytes: [UInt8], file: String) throws(ReadError) -> [Row] {
        let (rows, diagnostics) = CompletionReportCSV.rows(bytes, file: file)
        if let problem = diagnostics.items.first(where: { $0.severity == .error }) {
            let at = problem.range.map { " (line \($0.start.line))" } ?? ""
            throw ReadError.unreadable(file, problem.summary + at)
        }
        return rows.map {
            Row(
                bucket: $0.object.bucket, key: $0.object.key, versionId: $0.object.versionId,
                status: $0.status,
                errorCode: $0.errorCode, httpStatus: $0.httpStatus, message: $0.message)
        }
    }
}
