import BopsDiagnostics
import BopsEncoding
import BopsPrimitives

extension ManifestParser {
    private var fieldList: String { "[" + options.fields.map(\.rawValue).joined(separator: ", ") + "]" }

    private func mark(_ column: Int, _ index: Int) -> (line: Int, column: Int) {
        (line + spanLine[column], index - spanLineStart[column] + 1)
    }

    private func reportField(_ column: Int, at index: Int, _ summary: String, length: Int = 1, hint: String?)
    {
        let m = mark(column, index)
        report(summary, line: m.line, column: m.column, length: length, hint: hint)
    }

    /// Validates the row whose spans `scanRow` just recorded, and counts it when it is valid.
    func processRow(_ base: UnsafePointer<UInt8>, rowStart: Int, rowEnd: Int) {
        let isFirst = !sawFirstRow
        sawFirstRow = true
        if spans == 1 && spanStart[0] == spanEnd[0] && spanFlags[0] & Self.quoted == 0 {
            report(
                "empty row", line: line, column: 1, hint: "remove the blank line; every row names one object")
            return
        }
        if isFirst && options.detectHeader && isHeader(base) {
            report(
                "manifest has a header row", line: line, column: 1,
                length: max(1, spanEnd[min(spans, maxSpans) - 1] - rowStart),
                hint: "S3 Batch Operations manifests have no header row; remove line \(line)")
            return
        }
        if spans != fieldCount {
            reportColumnCount(base, rowEnd: rowEnd)
            return
        }
        var n = 0
        if let c = bucketColumn, !appendBucket(base, c, &n) { return }
        scratch[n] = 0xFF
        n += 1
        let keyOffset = n
        if let c = keyColumn, !appendKey(base, c, &n) { return }
        let keyEnd = n
        scratch[n] = 0xFF
        n += 1
        let versionOffset = n
        var hasVersion = false
        if let c = versionColumn, !appendVersion(base, c, &n, &hasVersion) { return }
        rows += 1
        let hash = ByteTools.hash64(scratch, n)
        if let duplicates { duplicates.add(hash) }
        if let onRowHash, !onRowHash(hash) { return }
        if onRow != nil || onIgnoredColumns != nil {
            let bucket = String(
                decoding: UnsafeBufferPointer(start: scratch, count: keyOffset - 1), as: UTF8.self)
            let key = String(
                decoding: UnsafeBufferPointer(start: scratch + keyOffset, count: keyEnd - keyOffset),
                as: UTF8.self)
            let version =
                hasVersion
                ? String(
                    decoding: UnsafeBufferPointer(start: scratch + versionOffset, count: n - versionOffset),
                    as: UTF8.self) : nil
            let row = ManifestRow(bucket: bucket, key: key, versionId: version)
            onRow?(row)
            if let onIgnoredColumns {
                onIgnoredColumns(row, ignoredColumns.map { text(ofColumn: $0, base) })
            }
        }
    }

    /// The content of column `c` with `""` unescaped.
    private func text(ofColumn c: Int, _ base: UnsafePointer<UInt8>) -> String {
        var bytes: [UInt8] = []
        var j = spanStart[c]
        while j < spanEnd[c] {
            bytes.append(base[j])
            j += base[j] == 0x22 ? 2 : 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func isHeader(_ base: UnsafePointer<UInt8>) -> Bool {
        guard spans <= maxSpans else { return false }
        var names: Set<String> = []
        for c in 0..<spans {
            let text = String(
                decoding: UnsafeBufferPointer(start: base + spanStart[c], count: spanEnd[c] - spanStart[c]),
                as: UTF8.self)
            let folded = text.lowercased().filter { $0 != "_" && $0 != " " && $0 != "-" }
            names.insert(folded)
        }
        return names.contains("bucket") && names.contains("key")
    }

    private func reportColumnCount(_ base: UnsafePointer<UInt8>, rowEnd: Int) {
        let noun = spans == 1 ? "column" : "columns"
        if spans < fieldCount {
            let lastLineStart = spanLineStart[min(spans, maxSpans) - 1]
            let endColumn = spanEnd[min(spans, maxSpans) - 1] - lastLineStart + 1
            let endLine = line + spanLine[min(spans, maxSpans) - 1]
            if let v = versionColumn, v == fieldCount - 1, spans == fieldCount - 1,
                options.emptyVersionIdIsError
            {
                report(
                    "row has no version id; fields \(fieldList) name VersionId, so every row needs one",
                    line: endLine, column: endColumn,
                    hint: "version ids are all-or-none: add one (null for the null version), "
                        + "or remove VersionId from fields")
            } else {
                report(
                    "row has \(spans) \(noun); fields \(fieldList) need \(fieldCount)", line: endLine,
                    column: endColumn, hint: "the manifest's fields must list every column, in order")
            }
            return
        }
        let extra = fieldCount
        let m = mark(extra, spanRaw[extra])
        let hint =
            versionColumn == nil && spans == fieldCount + 1
            ? "if this column is a version id, add VersionId to fields; every row then needs one"
            : "the manifest's fields must list every column, in order (use Ignore for unused columns)"
        report(
            "row has \(spans) \(noun); fields \(fieldList) name \(fieldCount)", line: m.line,
            column: m.column, hint: hint)
    }

    private func appendBucket(_ base: UnsafePointer<UInt8>, _ c: Int, _ n: inout Int) -> Bool {
        let s = spanStart[c]
        let e = spanEnd[c]
        let count = e - s
        if count == 0 {
            reportField(c, at: spanRaw[c], "empty bucket name", hint: "every row names the object's bucket")
            return false
        }
        if !knownBuckets.contains(base + s, count: count) {
            if count > 255 {
                reportField(c, at: s, "bucket name is longer than 255 characters", length: count, hint: nil)
                return false
            }
            for j in s..<e {
                let b = base[j]
                let ok =
                    (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D
                    || (b >= 0x41 && b <= 0x5A) || b == 0x5F
                if !ok {
                    reportField(
                        c, at: j, "invalid character in bucket name",
                        hint:
                            "bucket names use lowercase letters, digits, '.' and '-', and are not URL-encoded"
                    )
                    return false
                }
            }
            let name = String(decoding: UnsafeBufferPointer(start: base + s, count: count), as: UTF8.self)
            if !buckets.contains(name) {
                if buckets.count < CSVManifestSummary.bucketLimit {
                    buckets.append(name)
                } else {
                    moreBuckets = true
                }
            }
            knownBuckets.remember(base + s, count: count)
        }
        (scratch + n).update(from: base + s, count: count)
        n += count
        return true
    }

    private func appendKey(_ base: UnsafePointer<UInt8>, _ c: Int, _ n: inout Int) -> Bool {
        let s = spanStart[c]
        let e = spanEnd[c]
        let f = spanFlags[c]
        if s == e {
            reportField(c, at: spanRaw[c], "empty object key", hint: "every row names an object key")
            return false
        }
        let start = n
        if f & (Self.percent | Self.plus | Self.control | Self.high | Self.escapedQuote) == 0 {
            (scratch + n).update(from: base + s, count: e - s)
            n += e - s
        } else {
            if f & Self.high != 0,
                let bad = UTF8Validation.firstInvalidByte(
                    in: UnsafeBufferPointer(start: base + s, count: e - s))
            {
                reportField(c, at: s + bad, "invalid UTF-8 in object key", hint: "save the manifest as UTF-8")
                return false
            }
            var decodedHigh = false
            var j = s
            while j < e {
                let b = base[j]
                if b == 0x25 {
                    if j + 2 < e, let hi = Hex.value(base[j + 1]),
                        let lo = Hex.value(base[j + 2])
                    {
                        let v = hi << 4 | lo
                        decodedHigh = decodedHigh || v >= 0x80
                        scratch[n] = v
                        n += 1
                        j += 3
                        continue
                    }
                    reportField(
                        c, at: j, "invalid percent-encoding in object key", length: min(3, e - j),
                        hint: "% must start a %XX escape with two hex digits; write a literal % as %25")
                    return false
                }
                if b == 0x22 {
                    j += 1
                } else if b == 0x2B && options.plusIsSpace {
                    scratch[n] = 0x20
                    n += 1
                    j += 1
                    continue
                } else if b < 0x20 || b == 0x7F {
                    let hex = Hex.encode([b]).uppercased()
                    reportField(
                        c, at: j, "control character 0x\(hex) in object key", hint: "URL-encode it as %\(hex)"
                    )
                    return false
                }
                scratch[n] = b
                n += 1
                j += 1
            }
            if decodedHigh,
                UTF8Validation.firstInvalidByte(
                    in: UnsafeBufferPointer(start: scratch + start, count: n - start)) != nil
            {
                reportField(
                    c, at: s, "object key decodes to invalid UTF-8", length: e - s,
                    hint: "percent-escapes must encode the key's UTF-8 bytes")
                return false
            }
        }
        if n - start > 1024 {
            reportField(
                c, at: s, "object key is \(n - start) bytes long; S3 allows at most 1,024", length: e - s,
                hint: nil)
            return false
        }
        return true
    }

    private func appendVersion(
        _ base: UnsafePointer<UInt8>, _ c: Int, _ n: inout Int, _ hasVersion: inout Bool
    ) -> Bool {
        let s = spanStart[c]
        let e = spanEnd[c]
        let f = spanFlags[c]
        if s == e {
            if !options.emptyVersionIdIsError { return true }
            reportField(
                c, at: spanRaw[c], "row has an empty version id; fields \(fieldList) name VersionId",
                hint: "version ids are all-or-none: give every row one (null for the null version), "
                    + "or remove VersionId from fields")
            return false
        }
        if f & Self.high != 0,
            let bad = UTF8Validation.firstInvalidByte(in: UnsafeBufferPointer(start: base + s, count: e - s))
        {
            reportField(c, at: s + bad, "invalid UTF-8 in version id", hint: "save the manifest as UTF-8")
            return false
        }
        var j = s
        while j < e {
            let b = base[j]
            if b < 0x20 || b == 0x7F {
                reportField(c, at: j, "control character in version id", hint: nil)
                return false
            }
            scratch[n] = b
            n += 1
            j += b == 0x22 ? 2 : 1
        }
        hasVersion = true
        return true
    }
}
