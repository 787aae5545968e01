import BopsEncoding
import BopsJobs
import FoundationEssentials

/// One object a job works on: a manifest row.
struct TaskRow: Sendable, Hashable {
    var bucket: String
    var key: String
    var versionId: String?
}

/// The outcome of one task, as the completion report shows it.
struct TaskOutcome: Sendable, Hashable {
    var index: Int
    var succeeded: Bool
    var httpStatus: Int
    var errorCode: String
    var message: String
}

/// The per-job task files: `tasks` (the prepared manifest, one row a line) and `results` (one
/// outcome a line, appended in batches). Fields are tab-separated and percent-encoded.
enum TaskFiles {
    static func encode(_ text: String) -> String {
        URIEncoding.encodeKey(text)
    }

    static func decode(_ text: Substring) -> String {
        URIEncoding.decode(String(text))
    }

    static func taskLines(_ rows: [TaskRow]) -> [UInt8] {
        var out = ""
        out.reserveCapacity(rows.count * 48)
        for row in rows {
            out +=
                encode(row.bucket) + "\t" + encode(row.key) + "\t" + (row.versionId.map(encode) ?? "") + "\n"
        }
        return Array(out.utf8)
    }

    static func parseTasks(_ bytes: [UInt8]) -> [TaskRow] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 3 else { return nil }
            return TaskRow(
                bucket: decode(f[0]), key: decode(f[1]), versionId: f[2].isEmpty ? nil : decode(f[2]))
        }
    }

    static func resultLines(_ outcomes: [TaskOutcome]) -> [UInt8] {
        var out = ""
        for o in outcomes {
            out += "\(o.index)\t\(o.succeeded ? "s" : "f")\t\(o.httpStatus)\t\(encode(o.errorCode))\t"
            out += encode(o.message) + "\n"
        }
        return Array(out.utf8)
    }

    /// Complete lines only: a torn last line (a crash mid-append) is ignored.
    static func parseResults(_ bytes: [UInt8]) -> [TaskOutcome] {
        guard let end = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        return String(decoding: bytes[...end], as: UTF8.self).split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 5, let index = Int(f[0]), let http = Int(f[2]) else { return nil }
            return TaskOutcome(
                index: index, succeeded: f[1] == "s", httpStatus: http, errorCode: decode(f[3]),
                message: decode(f[4]))
        }
    }
}
