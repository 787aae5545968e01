import BopsManifest
import Testing

@Suite struct CompletionReportFormatTests {
    @Test func readsReportRowsWithTheManifestParser() {
        let text = """
            b,logs/a%20b+c.txt,,succeeded,200,,Successful
            b,k2,v1,failed,404,NoSuchKey,"The key, ""k2"", does not exist"
            b,k3,,FAILED,AccessDenied,403,
            """
        let (rows, diagnostics) = CompletionReportFormat.rows(Array(text.utf8), file: "r.csv")
        #expect(diagnostics.items.isEmpty)
        #expect(rows.count == 3)
        #expect(rows[0].object == ManifestRow(bucket: "b", key: "logs/a b+c.txt"))
        #expect(rows[0].status == "succeeded" && rows[0].httpStatus == 200 && rows[0].errorCode == nil)
        #expect(rows[1].object.versionId == "v1")
        #expect(rows[1].errorCode == "NoSuchKey" && rows[1].httpStatus == 404)
        #expect(rows[1].message == "The key, \"k2\", does not exist")
        #expect(
            rows[2].status == "failed" && rows[2].errorCode == "AccessDenied" && rows[2].httpStatus == 403)
        #expect(rows[2].message == nil)
    }

    @Test func aBadRowIsADiagnosticWithItsLine() {
        let text = "b,k,,succeeded,200,,ok\nb,k\n"
        let (rows, diagnostics) = CompletionReportFormat.rows(Array(text.utf8), file: "r.csv")
        #expect(rows.count == 1)
        #expect(diagnostics.items.count == 1)
        #expect(diagnostics.items.first?.range?.start.line == 2)
    }

    /// What the writer writes the reader reads back: keys with spaces, plus signs, commas, quotes,
    /// non-ASCII and percent signs, versioned and not, and messages that need quoting.
    @Test(arguments: [
        ManifestRow(bucket: "b", key: "a b+c.txt"),
        ManifestRow(bucket: "b", key: "dir/ü/日本語.log", versionId: "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"),
        ManifestRow(bucket: "b", key: "comma,quote\"percent%25", versionId: "null"),
        ManifestRow(bucket: "b.with.dots", key: "trailing/slash/"),
    ])
    func writtenRowsReadBack(_ object: ManifestRow) {
        let text =
            CompletionReportFormat.row(
                bucket: object.bucket, key: object.key, versionId: object.versionId, succeeded: false,
                httpStatus: 503, errorCode: "SlowDown", message: "Please reduce your request rate, \"now\"")
            + CompletionReportFormat.row(
                bucket: object.bucket, key: object.key, versionId: object.versionId, succeeded: true,
                httpStatus: 200, errorCode: "", message: "Successful")
        let (rows, diagnostics) = CompletionReportFormat.rows(Array(text.utf8), file: "r.csv")
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)\n\(text)")
        #expect(rows.map(\.object) == [object, object], "\(text)")
        #expect(rows.first?.errorCode == "SlowDown" && rows.first?.httpStatus == 503)
        #expect(rows.first?.message == "Please reduce your request rate, \"now\"")
        #expect(rows.last?.status == "succeeded" && rows.last?.errorCode == nil)
    }

    @Test func theManifestJSONListsItsFilesAndReadsBack() throws {
        let files = [
            CompletionReportFormat.ResultFile(
                taskStatus: "failed", bucket: "reports", key: "r/job-1/results/a.csv", md5: "0cc175b9")
        ]
        let bytes = try CompletionReportFormat.manifestJSON(files: files, created: "2026-12-07T10:00:00.000Z")
        #expect(CompletionReportFormat.resultFiles(manifestJSON: bytes) == files)
        #expect(String(decoding: bytes, as: UTF8.self).contains(CompletionReportFormat.schema))
        #expect(CompletionReportFormat.resultFiles(manifestJSON: Array("[]".utf8)) == nil)
        #expect(CompletionReportFormat.manifestKey(prefix: "r", jobId: "1") == "r/job-1/manifest.json")
        #expect(CompletionReportFormat.manifestKey(prefix: "r/", jobId: "1") == "r/job-1/manifest.json")
        #expect(CompletionReportFormat.manifestKey(prefix: nil, jobId: "1") == "job-1/manifest.json")
    }
}
