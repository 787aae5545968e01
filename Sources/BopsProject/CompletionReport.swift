public import BopsJobs
import Foundation

/// A job's completion report read back from the object store, summarised.
///
/// Rows are headerless CSV (`Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode,
/// ResultMessage`). AWS's own examples put the HTTP status before the error code, so the two
/// columns are told apart by content: the numeric one is the HTTP status.
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
        guard let report = job.report, report.enabled, let bucketArn = report.bucket else { throw ReadError.disabled }
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
            rows.append(contentsOf: parse(csv))
        }
        return CompletionReport(location: location, rows: rows, files: results.count)
    }

    /// Parses headerless report rows; short or odd rows are kept with what they have.
    public static func parse(_ bytes: [UInt8]) -> [Row] {
        var rows: [Row] = []
        for fields in CSVLines.parse(String(decoding: bytes, as: UTF8.self)) where fields.count >= 2 {
            func field(_ i: Int) -> String? { i < fields.count && !fields[i].isEmpty ? fields[i] : nil }
            var errorCode = field(4)
            var http = field(5)
            if let e = errorCode, Int(e) != nil, let h = http, Int(h) == nil { swap(&errorCode, &http) }
            rows.append(
                Row(
                    bucket: fields[0], key: fields[1].removingPercentEncoding ?? fields[1], versionId: field(2),
                    status: field(3)?.lowercased() ?? "unknown", errorCode: errorCode, httpStatus: http.flatMap { Int($0) },
                    message: fields.count > 6 ? fields[6...].joined(separator: ",") : nil))
        }
        return rows
    }
}

/// RFC 4180 lines: quoted fields with doubled quotes, CRLF or LF.
enum CSVLines {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character?
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
