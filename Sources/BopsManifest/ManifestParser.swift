import BopsDiagnostics

/// The byte-level CSV row parser and validator behind every manifest reader.
///
/// Feed it contiguous bytes; it consumes whole rows and returns how many bytes it used, so the
/// caller keeps the unconsumed tail (an incomplete row) and feeds it again with more bytes.
/// It parses RFC 4180 CSV (optional double quotes, `""` inside quotes, LF or CRLF line ends),
/// checks every row against the options, and counts rows and duplicates. Lines and byte columns
/// in diagnostics are 1-based and count physical lines of the file.
final class ManifestParser {
    let options: ManifestParserOptions
    let onRow: ((ManifestRow) -> Void)?
    /// Sees each valid row's 64-bit hash first; `onRow` is called only when it returns true.
    var onRowHash: ((UInt64) -> Bool)?
    /// Called for every valid row with the text of its `Ignore` columns, in column order (how the
    /// completion report reader gets the status columns).
    var onIgnoredColumns: ((ManifestRow, [String]) -> Void)?

    var rows = 0
    var errorCount = 0
    var diagnostics = Diagnostics()
    var buckets: [String] = []
    var moreBuckets = false
    let duplicates: DuplicateTable?

    /// 1-based line number of the next row.
    var line = 1
    var sawFirstRow = false
    var skippingToNewline = false

    let bucketColumn: Int?
    let keyColumn: Int?
    let versionColumn: Int?
    /// The `Ignore` columns, in column order (what ``onIgnoredColumns`` gets the text of).
    let ignoredColumns: [Int]
    let fieldCount: Int

    // Per-row field spans (content bounds, without quotes), reused across rows.
    let maxSpans: Int
    let spanStart: UnsafeMutablePointer<Int>
    let spanEnd: UnsafeMutablePointer<Int>
    let spanRaw: UnsafeMutablePointer<Int>
    let spanFlags: UnsafeMutablePointer<UInt8>
    let spanLine: UnsafeMutablePointer<Int>
    let spanLineStart: UnsafeMutablePointer<Int>
    var spans = 0
    var rowLFs = 0
    var badIndex = 0
    var badMessage: (String, String?) = ("", nil)

    let table: UnsafeMutablePointer<UInt8>
    let scratch: UnsafeMutablePointer<UInt8>
    let scratchCapacity: Int
    let knownBuckets = RecentNames()

    static let percent: UInt8 = 1
    static let plus: UInt8 = 2
    static let high: UInt8 = 4
    static let control: UInt8 = 8
    static let stop: UInt8 = 16
    static let quoted: UInt8 = 32
    static let escapedQuote: UInt8 = 64

    init(options: ManifestParserOptions, onRow: ((ManifestRow) -> Void)?) {
        self.options = options
        self.onRow = onRow
        fieldCount = options.fields.count
        bucketColumn = options.fields.firstIndex(of: .bucket)
        keyColumn = options.fields.firstIndex(of: .key)
        versionColumn = options.fields.firstIndex(of: .versionId)
        ignoredColumns = options.fields.indices.filter { !options.fields[$0].namesTheObject }
        duplicates =
            options.duplicateTableBytes > 0 ? DuplicateTable(bytes: options.duplicateTableBytes) : nil
        maxSpans = options.fields.count + 1
        spanStart = .allocate(capacity: maxSpans)
        spanEnd = .allocate(capacity: maxSpans)
        spanRaw = .allocate(capacity: maxSpans)
        spanFlags = .allocate(capacity: maxSpans)
        spanLine = .allocate(capacity: maxSpans)
        spanLineStart = .allocate(capacity: maxSpans)
        table = .allocate(capacity: 256)
        for b in 0..<256 {
            var c: UInt8 = 0
            switch b {
            case 0x2C, 0x22: c = Self.stop
            case 0x0A, 0x0D: c = Self.stop | Self.control
            case 0x25: c = Self.percent
            case 0x2B: c = Self.plus
            case 0..<0x20, 0x7F: c = Self.control
            case 0x80...: c = Self.high
            default: c = 0
            }
            table[b] = c
        }
        scratchCapacity = options.maxRowBytes + 16
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        spanStart.deallocate()
        spanEnd.deallocate()
        spanRaw.deallocate()
        spanFlags.deallocate()
        spanLine.deallocate()
        spanLineStart.deallocate()
        table.deallocate()
        scratch.deallocate()
    }

    /// Valid after `finish()`.
    var duplicateRows: Int { duplicates?.duplicates ?? 0 }
    var duplicateCountIsExact: Bool { duplicates?.isExact ?? false }

    // MARK: - Diagnostics

    func report(_ summary: String, line: Int, column: Int, length: Int = 1, hint: String? = nil) {
        errorCount += 1
        guard errorCount <= options.maxErrors else { return }
        let start = Mark(line: line, column: column)
        let range = SourceRange(
            file: options.file, start: start, end: Mark(line: line, column: column + max(1, length)))
        diagnostics.append(Diagnostic(.error, summary, range: range, hint: hint))
    }

    /// Adds the closing note about errors beyond `maxErrors`. Call once, after the last feed.
    func finish() {
        duplicates?.flush()
        if errorCount > options.maxErrors {
            let more = errorCount - options.maxErrors
            diagnostics.append(
                Diagnostic(
                    .note, "\(more) more error\(more == 1 ? "" : "s") in this manifest not shown",
                    subject: options.file))
        }
    }

    // MARK: - Feeding

    /// Parses the complete rows in `base[0..<count]` and returns the number of bytes consumed.
    /// With `isEOF` everything is consumed (a last row without a newline is a row).
    func feed(_ base: UnsafePointer<UInt8>, count: Int, isEOF: Bool) -> Int {
        var pos = 0
        while true {
            if skippingToNewline {
                var j = pos
                while j < count && base[j] != 0x0A { j += 1 }
                if j == count { return count }
                line += 1
                pos = j + 1
                skippingToNewline = false
                continue
            }
            if pos == count { return count }
            let r = scanRow(base, from: pos, end: count, isEOF: isEOF)
            if r == -1 {
                if count - pos > options.maxRowBytes {
                    report(
                        "row is longer than \(options.maxRowBytes) bytes", line: line, column: 1,
                        hint: "an S3 key is at most 1,024 bytes; check for an unterminated quote")
                    skippingToNewline = true
                    continue
                }
                return pos
            }
            if r == -2 {
                report(badMessage.0, line: line + badLineOffset, column: badColumn, hint: badMessage.1)
                line += rowLFs
                pos = badIndex
                skippingToNewline = true
                continue
            }
            if r - pos > options.maxRowBytes {
                report(
                    "row is longer than \(options.maxRowBytes) bytes", line: line, column: 1,
                    hint: "an S3 key is at most 1,024 bytes; check for an unterminated quote")
            } else {
                processRow(base, rowStart: pos, rowEnd: r)
            }
            line += rowLFs
            pos = r
        }
    }

    private var badColumn = 1
    private var badLineOffset = 0

    private func fail(
        _ summary: String, hint: String?, at i: Int, lineStart: Int, lineOffset: Int? = nil, resume: Int
    ) -> Int {
        badMessage = (summary, hint)
        badColumn = i - lineStart + 1
        badLineOffset = lineOffset ?? rowLFs
        badIndex = resume
        return -2
    }

    /// Scans one row starting at `start`. Returns the index after its line end (or `end` at EOF),
    /// -1 when more bytes are needed, -2 for a malformed row (see `badMessage`).
    @inline(__always)
    private func scanRow(_ base: UnsafePointer<UInt8>, from start: Int, end: Int, isEOF: Bool) -> Int {
        var i = start
        var lineStart = start
        spans = 0
        rowLFs = 0
        while true {
            let raw = i
            let fieldLineStart = lineStart
            let fieldLine = rowLFs
            var flags: UInt8 = 0
            var cs = i
            var ce = i
            if i < end && base[i] == 0x22 {
                flags = Self.quoted
                i += 1
                cs = i
                while true {
                    if i >= end {
                        if !isEOF { return -1 }
                        return fail(
                            "unterminated quote", hint: "close the quoted field with \"",
                            at: raw, lineStart: fieldLineStart, lineOffset: fieldLine, resume: end)
                    }
                    let b = base[i]
                    if b == 0x22 {
                        if i + 1 >= end && !isEOF { return -1 }
                        if i + 1 < end && base[i + 1] == 0x22 {
                            flags |= Self.escapedQuote
                            i += 2
                            continue
                        }
                        break
                    }
                    if b == 0x0A {
                        rowLFs += 1
                        lineStart = i + 1
                    }
                    flags |= table[Int(b)] & ~Self.stop
                    i += 1
                }
                ce = i
                i += 1
            } else {
                while i < end {
                    let c = table[Int(base[i])]
                    if c == 0 {
                        i += 1
                        continue
                    }
                    if c & Self.stop != 0 { break }
                    flags |= c
                    i += 1
                }
                if i == end && !isEOF { return -1 }
                ce = i
            }
            if spans < maxSpans {
                spanStart[spans] = cs
                spanEnd[spans] = ce
                spanRaw[spans] = raw
                spanFlags[spans] = flags
                spanLine[spans] = fieldLine
                spanLineStart[spans] = fieldLineStart
            }
            spans += 1
            if i >= end { return end }
            let b = base[i]
            if b == 0x2C {
                i += 1
                continue
            }
            if b == 0x0A {
                rowLFs += 1
                return i + 1
            }
            if b == 0x0D {
                if i + 1 < end {
                    if base[i + 1] == 0x0A {
                        rowLFs += 1
                        return i + 2
                    }
                } else if !isEOF {
                    return -1
                } else {
                    return end
                }
                return fail(
                    "carriage return inside a row", hint: "end lines with LF or CRLF; URL-encode a CR as %0D",
                    at: i, lineStart: lineStart, resume: i + 1)
            }
            // A quote in an unquoted field, or text after a closing quote.
            if flags & Self.quoted != 0 {
                return fail(
                    "unexpected character after closing quote",
                    hint: "a quoted field ends at its closing quote; write a quote inside it as \"\"",
                    at: i, lineStart: lineStart, resume: i)
            }
            return fail(
                "quote inside an unquoted field",
                hint: "quote the whole field and double the quote (\"a\"\"b\"), or URL-encode it as %22",
                at: i, lineStart: lineStart, resume: i)
        }
    }
}
