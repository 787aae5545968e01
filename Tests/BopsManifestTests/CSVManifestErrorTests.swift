import BopsDiagnostics
import Testing

@testable import BopsManifest

struct ErrorCase: CustomTestStringConvertible, Sendable {
    var name: String
    var csv: String
    var fields: [ManifestField] = [.bucket, .key]
    var line: Int
    var column: Int
    var summary: String
    var testDescription: String { name }
}

@Suite struct CSVManifestErrorTests {
    static let cases: [ErrorCase] = [
        ErrorCase(
            name: "too few columns", csv: "b,k1\nb\n", line: 2, column: 2,
            summary: "row has 1 column; fields [Bucket, Key] need 2"),
        ErrorCase(
            name: "too many columns", csv: "b,k1\nb,k2,extra\n", line: 2, column: 6,
            summary: "row has 3 columns"),
        ErrorCase(
            name: "bad percent escape", csv: "b,k1\nb,ab%zzc\n", line: 2, column: 5,
            summary: "invalid percent-encoding"),
        ErrorCase(
            name: "truncated percent escape", csv: "b,a%4\n", line: 1, column: 4,
            summary: "invalid percent-encoding"),
        ErrorCase(name: "empty bucket", csv: "b,k\n,k2\n", line: 2, column: 1, summary: "empty bucket name"),
        ErrorCase(name: "empty key", csv: "b,k\nb,\n", line: 2, column: 3, summary: "empty object key"),
        ErrorCase(
            name: "missing version id", csv: "b,k,v1\nb,k2\n", fields: [.bucket, .key, .versionId], line: 2,
            column: 5,
            summary: "row has no version id"),
        ErrorCase(
            name: "empty version id", csv: "b,k,v1\nb,k2,\n", fields: [.bucket, .key, .versionId], line: 2,
            column: 6,
            summary: "empty version id"),
        ErrorCase(
            name: "header row", csv: "Bucket,Key\nb,k\n", line: 1, column: 1,
            summary: "manifest has a header row"),
        ErrorCase(
            name: "lowercase header row", csv: "bucket,key,version_id\nb,k,v\n",
            fields: [.bucket, .key, .versionId], line: 1, column: 1, summary: "manifest has a header row"),
        ErrorCase(
            name: "invalid UTF-8", csv: "b,k\nb,ab\u{FFFD}\n", line: 2, column: 5, summary: "invalid UTF-8"),
        ErrorCase(
            name: "decoded invalid UTF-8", csv: "b,%C3%28\n", line: 1, column: 3,
            summary: "decodes to invalid UTF-8"),
        ErrorCase(
            name: "unterminated quote", csv: "b,k\nb,\"abc\n", line: 2, column: 3,
            summary: "unterminated quote"),
        ErrorCase(
            name: "text after closing quote", csv: "b,\"ab\"c\n", line: 1, column: 7,
            summary: "unexpected character after closing quote"),
        ErrorCase(
            name: "quote in unquoted field", csv: "b,a\"b\n", line: 1, column: 4,
            summary: "quote inside an unquoted field"),
        ErrorCase(name: "empty row", csv: "b,k\n\nb,k2\n", line: 2, column: 1, summary: "empty row"),
        ErrorCase(
            name: "bad bucket character", csv: "b,k\nmy bucket,k\n", line: 2, column: 3,
            summary: "invalid character in bucket name"),
        ErrorCase(
            name: "control character in key", csv: "b,a\tb\n", line: 1, column: 4,
            summary: "control character 0x09"),
        ErrorCase(
            name: "error after quoted newline", csv: "b,k,i\nb,k1,\"x\ny\"\nb,%g1,z\n",
            fields: [.bucket, .key, .ignore],
            line: 4, column: 3, summary: "invalid percent-encoding"),
    ]

    @Test(arguments: cases)
    func reportsErrorAtRowAndColumn(_ c: ErrorCase) throws {
        var bytes = Array(c.csv.utf8)
        if c.name == "invalid UTF-8" {
            // Replace the encoded U+FFFD (3 bytes) by one stray continuation byte.
            let at = try #require(bytes.firstIndex(of: 0xEF))
            bytes.replaceSubrange(at..<at + 3, with: [0x80])
        }
        let (summary, diagnostics) = CSVManifestReader.scan(bytes: bytes, fields: c.fields, file: "m.csv")
        #expect(summary == nil)
        let first = try #require(diagnostics.items.first)
        #expect(first.severity == .error)
        #expect(first.summary.contains(c.summary), "\(first.summary)")
        #expect(first.range?.file == "m.csv")
        #expect(first.range?.start == Mark(line: c.line, column: c.column), "\(first.summary)")
    }

    @Test func headerRowHasTheAgreedHint() throws {
        let (_, diagnostics) = CSVManifestReader.scan(
            bytes: Array("Bucket,Key\nb,k\n".utf8), fields: [.bucket, .key], file: "m.csv")
        let d = try #require(diagnostics.items.first)
        #expect(d.hint == "S3 Batch Operations manifests have no header row; remove line 1")
        #expect(diagnostics.count == 1)
    }

    @Test func keepsScanningAfterAnErrorAndCapsTheList() {
        let csv = (1...30).map { "b,bad%g\($0)" }.joined(separator: "\n")
        let (_, diagnostics) = CSVManifestReader.scan(
            bytes: Array(csv.utf8), fields: [.bucket, .key], file: "m.csv", maxErrors: 10)
        #expect(diagnostics.items.filter { $0.severity == .error }.count == 10)
        #expect(diagnostics.items.last?.summary == "20 more errors in this manifest not shown")
        #expect(diagnostics.items[9].range?.start.line == 10)
    }

    @Test func refusesFieldListsS3Refuses() {
        for fields: [ManifestField] in [
            [.key], [.bucket, .bucket, .key], [.bucket, .key, .versionId, .versionId],
        ] {
            let (summary, diagnostics) = CSVManifestReader.scan(
                bytes: Array("b,k\n".utf8), fields: fields, file: "m.csv")
            #expect(summary == nil)
            #expect(diagnostics.items.first?.summary.contains("must name Bucket and Key") == true)
        }
    }

    @Test func emptyManifestIsAnError() {
        let (summary, diagnostics) = CSVManifestReader.scan(
            bytes: [], fields: [.bucket, .key], file: "m.csv")
        #expect(summary == nil)
        #expect(diagnostics.items.first?.summary == "manifest has no rows")
    }

    @Test func missingFileIsAnErrorNotACrash() {
        let (summary, diagnostics) = CSVManifestReader.scan(
            fileAt: "/nonexistent/m.csv", fields: [.bucket, .key])
        #expect(summary == nil)
        #expect(diagnostics.items.first?.summary.contains("cannot read manifest /nonexistent/m.csv") == true)
    }

    @Test func tooLongRowIsRefusedAndScanningResumes() {
        let long = String(repeating: "a", count: 70_000)
        let csv = "b,\(long)\nb,%zz\n"
        let (_, diagnostics) = CSVManifestReader.scan(
            bytes: Array(csv.utf8), fields: [.bucket, .key], file: "m.csv")
        #expect(diagnostics.items.map(\.range?.start.line) == [1, 2])
        #expect(diagnostics.items.first?.summary.contains("longer than") == true)
    }
}
