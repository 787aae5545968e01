import BopsDiagnostics
import BopsJobs
import BopsManifest
import Foundation

/// Reads the rows of a manifest CSV already known to be small enough to hold in memory.
///
/// The seam between the engine and manifest parsing: headerless rows, RFC 4180 quoting, keys
/// URL-decoded (`%XX`, and `+` as a space, as S3 Inventory writes them), `null` kept as the null
/// version id. A row with the wrong column count or a bad escape is an error naming its line.
enum ManifestCSV {
    struct Failure: Error {
        var message: String
    }

    /// A Batch Operations CSV manifest, read and validated by `BopsManifest` (the reader `bops
    /// validate` uses). The first error becomes the job's failure reason, with its line and column.
    static func csvManifestRows(
        _ bytes: [UInt8], fields: [JobManifestFieldName], file: String
    )
        -> Result<[TaskRow], JobFailure>
    {
        var rows: [TaskRow] = []
        let scanned = CSVManifestReader.scan(
            bytes: bytes, fields: fields.compactMap { ManifestField(rawValue: $0.rawValue) }, file: file,
            maxErrors: 1
        ) { row in
            rows.append(TaskRow(bucket: row.bucket, key: row.key, versionId: row.versionId))
        }
        guard scanned.summary != nil else {
            let first = scanned.diagnostics.sorted.first { $0.severity == .error }
            let at = first?.range.map { "line \($0.start.line), column \($0.start.column): " } ?? ""
            let text = at + (first?.summary ?? "the manifest is not valid")
            return .failure(
                JobFailure(failureCode: "InvalidManifestContent", failureReason: String(text.prefix(256))))
        }
        return .success(rows)
    }

    /// `columns` maps each column to a field; `nil` columns are ignored.
    static func rows(_ bytes: [UInt8], columns: [JobManifestFieldName?]) throws(Failure) -> [TaskRow] {
        guard let bucketColumn = columns.firstIndex(of: .bucket), let keyColumn = columns.firstIndex(of: .key)
        else {
            throw Failure(message: "the manifest fields name no Bucket or no Key column")
        }
        let versionColumn = columns.firstIndex(of: .versionId)
        var rows: [TaskRow] = []
        var line = 0
        for record in try records(bytes) {
            line += 1
            if record.count == 1 && record[0].isEmpty { continue }
            guard record.count == columns.count else {
                throw Failure(message: "line \(line): \(record.count) columns, expected \(columns.count)")
            }
            guard let key = urlDecode(record[keyColumn]) else {
                throw Failure(message: "line \(line): key '\(record[keyColumn])' is not valid URL encoding")
            }
            let version = versionColumn.map { record[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            rows.append(TaskRow(bucket: record[bucketColumn], key: key, versionId: version))
        }
        if let versionColumn, rows.contains(where: { $0.versionId == nil }),
            rows.contains(where: { $0.versionId != nil })
        {
            throw Failure(
                message: "column \(versionColumn + 1) has version ids on some rows only (all or none)")
        }
        return rows
    }

    /// `%XX` escapes and `+` as space; nil for a malformed escape or invalid UTF-8.
    static func urlDecode(_ s: String) -> String? {
        guard s.contains("%") || s.contains("+") else { return s }
        var out: [UInt8] = []
        var bytes = Array(s.utf8)[...]
        while let b = bytes.popFirst() {
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%") {
                guard bytes.count >= 2, let hi = hexValue(bytes.popFirst()!),
                    let lo = hexValue(bytes.popFirst()!)
                else { return nil }
                out.append(hi << 4 | lo)
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }

    /// Splits CSV bytes into records of fields (RFC 4180 quotes; CRLF or LF line ends).
    static func records(_ bytes: [UInt8]) throws(Failure) -> [[String]] {
        var result: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(c)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if c == UInt8(ascii: ",") {
                endField()
            } else if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                if c == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") {
                    i += 1
                }
                endField()
                result.append(record)
                record = []
            } else {
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw Failure(message: "line \(result.count + 1): unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty {
            endField()
            result.append(record)
        }
        return result
    }
}
