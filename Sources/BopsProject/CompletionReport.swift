import BopsDiagnostics
public import BopsJobs
public import BopsManifest
import FoundationEssentials

/// A job's completion report read back from the object store, summarised. The files are read
/// with the one report format (``CompletionReportFormat``, BopsManifest).
public struct CompletionReport: Sendable, Hashable {
    public typealias Row = CompletionReportRow

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
        let manifestKey = CompletionReportFormat.manifestKey(prefix: report.prefix, jobId: job.jobId)
        let location = "s3://\(bucket)/\(manifestKey)"
        let bytes: [UInt8]
        do {
            bytes = try await objects.getObject(bucket: bucket, key: manifestKey, versionId: nil)
        } catch {
            throw ReadError.notWritten(location)
        }
        guard let results = CompletionReportFormat.resultFiles(manifestJSON: bytes) else {
            throw ReadError.unreadable(location, "manifest.json has no Results list")
        }
        var rows: [Row] = []
        for result in results {
            let csv = try await objects.getObject(bucket: result.bucket, key: result.key, versionId: nil)
            rows.append(contentsOf: try parse(csv, file: "s3://\(result.bucket)/\(result.key)"))
        }
        return CompletionReport(location: location, rows: rows, files: results.count)
    }

    /// Parses one headerless results file with the manifest CSV parser (``CompletionReportFormat``).
    /// Throws `unreadable` naming the first bad row.
    public static func parse(_ bytes: [UInt8], file: String) throws(ReadError) -> [Row] {
        let (rows, diagnostics) = CompletionReportFormat.rows(bytes, file: file)
        if let problem = diagnostics.items.first(where: { $0.severity == .error }) {
            let at = problem.range.map { " (line \($0.start.line))" } ?? ""
            throw ReadError.unreadable(file, problem.summary + at)
        }
        return rows
    }
}
