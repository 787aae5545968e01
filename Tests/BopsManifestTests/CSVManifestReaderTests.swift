import BopsDiagnostics
import BopsTestSupport
import Foundation
import Testing

@testable import BopsManifest

@Suite(.tags(.process)) struct CSVManifestReaderTests {
    static let decoding: [(String, String)] = [
        ("plain/key.txt", "plain/key.txt"),
        ("a%20b", "a b"),
        ("a+b", "a b"),
        ("a%2Bb", "a+b"),
        ("%E2%82%AC%20price", "€ price"),
        ("caf%C3%A9", "café"),
        ("raw-é", "raw-é"),
        ("100%25", "100%"),
        ("%2c%2C", ",,"),
    ]

    @Test(arguments: decoding)
    func decodesURLEncodedKeys(_ encoded: String, _ key: String) throws {
        var rows: [ManifestRow] = []
        let (summary, diagnostics) = CSVManifestReader.scan(
            bytes: Array("bucket-1,\(encoded)\n".utf8), fields: [.bucket, .key], file: "m.csv"
        ) { rows.append($0) }
        #expect(diagnostics.isEmpty)
        #expect(summary?.rows == 1)
        #expect(rows == [ManifestRow(bucket: "bucket-1", key: key)])
    }

    static let quoting: [(String, ManifestRow)] = [
        ("\"b\",\"k\"", ManifestRow(bucket: "b", key: "k")),
        ("b,\"a,b\"", ManifestRow(bucket: "b", key: "a,b")),
        ("b,\"say \"\"hi\"\"\"", ManifestRow(bucket: "b", key: "say \"hi\"")),
        ("b,\"a%20\"\"b\"", ManifestRow(bucket: "b", key: "a \"b")),
        ("b,k\r", ManifestRow(bucket: "b", key: "k")),
    ]

    @Test(arguments: quoting)
    func readsRFC4180Quoting(_ line: String, _ row: ManifestRow) {
        var rows: [ManifestRow] = []
        let (summary, diagnostics) = CSVManifestReader.scan(
            bytes: Array("\(line)\n".utf8), fields: [.bucket, .key], file: "m.csv"
        ) { rows.append($0) }
        #expect(diagnostics.isEmpty, "\(diagnostics.items.map(\.summary))")
        #expect(summary != nil)
        #expect(rows == [row])
    }

    @Test func readsVersionIdsIncludingTheNullVersion() {
        var rows: [ManifestRow] = []
        let csv = "b,k1,3HL4kqtJlcpXroDTDmJ%2Brmv\r\nb,k2,null\r\n"
        let (summary, diagnostics) = CSVManifestReader.scan(
            bytes: Array(csv.utf8), fields: [.bucket, .key, .versionId], file: "m.csv"
        ) { rows.append($0) }
        #expect(diagnostics.isEmpty)
        #expect(summary?.hasVersionIds == true)
        // Version ids are not URL-decoded: S3 version ids never need encoding.
        #expect(
            rows == [
                ManifestRow(bucket: "b", key: "k1", versionId: "3HL4kqtJlcpXroDTDmJ%2Brmv"),
                ManifestRow(bucket: "b", key: "k2", versionId: "null"),
            ])
    }

    @Test func ignoredColumnsAndColumnOrderFollowFields() {
        var rows: [ManifestRow] = []
        let (_, diagnostics) = CSVManifestReader.scan(
            bytes: Array("x,k%2F1,b\n".utf8), fields: [.ignore, .key, .bucket], file: "m.csv"
        ) { rows.append($0) }
        #expect(diagnostics.isEmpty)
        #expect(rows == [ManifestRow(bucket: "b", key: "k/1")])
    }

    @Test func lastRowWithoutNewlineCounts() {
        let (summary, _) = CSVManifestReader.scan(
            bytes: Array("b,k1\nb,k2".utf8), fields: [.bucket, .key], file: "m.csv")
        #expect(summary?.rows == 2)
    }

    @Test func countsDuplicatesAcrossEncodingsAndQuoting() throws {
        let csv = "b,a b\nb,a+b\nb,a%20b\n\"b\",\"a b\"\nb,c\nb2,c\nb,c\n"
        let (summary, _) = CSVManifestReader.scan(
            bytes: Array(csv.utf8), fields: [.bucket, .key], file: "m.csv")
        let s = try #require(summary)
        #expect(s.rows == 7)
        #expect(s.duplicateRows == 4)
        #expect(s.duplicateCountIsExact)
        #expect(s.duplicateDescription == "4 duplicate rows")
        #expect(s.buckets == ["b", "b2"])
    }

    @Test func duplicateCountBecomesALowerBoundWhenTheTableIsFull() throws {
        // 1,024 slots hold 614 rows; 1,000 distinct rows then each repeated once.
        let distinct = (0..<1000).map { "b,key-\($0)" }
        let csv = (distinct + distinct).joined(separator: "\n")
        var reader = CSVManifestReader(fields: [.bucket, .key], file: "m.csv")
        reader.duplicateTableBytes = 4096
        let s = try #require(reader.scan(bytes: Array(csv.utf8)).summary)
        #expect(s.rows == 2000)
        #expect(!s.duplicateCountIsExact)
        #expect(s.duplicateRows >= 600 && s.duplicateRows <= 1000)
        #expect(s.duplicateDescription.hasPrefix("at least "))
    }

    @Test func listsAtMostTheBucketLimit() throws {
        let csv = (0..<40).map { "bucket-\($0),k" }.joined(separator: "\n")
        let s = try #require(
            CSVManifestReader.scan(bytes: Array(csv.utf8), fields: [.bucket, .key], file: "m.csv").summary)
        #expect(s.buckets.count == CSVManifestSummary.bucketLimit)
        #expect(s.buckets.first == "bucket-0")
        #expect(s.moreBuckets)
    }

    /// A file several chunks long, with rows of varying length so rows straddle chunk boundaries;
    /// the file scan must agree with the in-memory scan and with md5sum and sha256sum.
    @Test func fileScanMatchesMd5sumAndSha256sumAcrossChunks() throws {
        let dir = try TempFolder(prefix: "bops-manifest")
        var text = ""
        for i in 0..<60_000 {
            let pad = String(repeating: "x", count: i % 37)
            text +=
                i % 5 == 0 ? "\"bkt-\(i % 3)\",\"dir%2F\(pad)+\(i)\"\r\n" : "bkt-\(i % 3),dir/\(pad)-\(i)\n"
        }
        text += "bkt-0,dir/-0\n"
        let bytes = Array(text.utf8)
        #expect(bytes.count > 2 * CSVManifestReader.chunkBytes)
        let path = dir.file("m.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        var fileRows: [ManifestRow] = []
        let (fromFile, fileDiagnostics) = CSVManifestReader.scan(fileAt: path, fields: [.bucket, .key]) {
            fileRows.append($0)
        }
        var memoryRows: [ManifestRow] = []
        let (fromBytes, _) = CSVManifestReader.scan(bytes: bytes, fields: [.bucket, .key], file: path) {
            memoryRows.append($0)
        }
        #expect(fileDiagnostics.isEmpty)
        let s = try #require(fromFile)
        #expect(s == fromBytes)
        #expect(fileRows == memoryRows)
        #expect(s.rows == 60_001)
        #expect(s.bytes == bytes.count)
        #expect(fileRows[0] == ManifestRow(bucket: "bkt-0", key: "dir/ 0"))
        #expect(fileRows[7] == ManifestRow(bucket: "bkt-1", key: "dir/xxxxxxx-7"))

        let md5 = String(decoding: try Tool.output("/usr/bin/md5sum", [path]).prefix(32), as: UTF8.self)
        let sha = String(decoding: try Tool.output("/usr/bin/sha256sum", [path]).prefix(64), as: UTF8.self)
        #expect(s.md5Hex == md5)
        #expect(s.sha256Hex == sha)
    }

    @Test func errorsInAFileCarryRealLineNumbersAcrossChunks() throws {
        let dir = try TempFolder(prefix: "bops-manifest")
        var lines = (0..<100_000).map { "bucket,some/longer/key/number-\($0)" }
        lines[70_000] = "bucket,bad%zz"
        let path = dir.file("m.csv")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let (summary, diagnostics) = CSVManifestReader.scan(fileAt: path, fields: [.bucket, .key])
        #expect(summary == nil)
        #expect(diagnostics.items.map(\.range?.start) == [Mark(line: 70_001, column: 11)])
    }
}
