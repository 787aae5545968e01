import BopsManifest
import Testing

@Suite struct CompletionReportCSVTests {
    @Test func readsReportRowsWithTheManifestParser() {
        let text = """
            b,logs/a%20b+c.txt,,succeeded,200,,Successful
            b,k2,v1,failed,404,NoSuchKey,"The key, ""k2"", does not exist"
            b,k3,,FAILED,AccessDenied,403,
            """
        let (rows, diagnostics) = CompletionReportCSV.rows(Array(text.utf8), file: "r.csv")
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
        let (rows, diagnostics) = CompletionReportCSV.rows(Array(text.utf8), file: "r.csv")
        #expect(rows.count == 1)
        #expect(diagnostics.items.count == 1)
        #expect(diagnostics.items.first?.range?.start.line == 2)
    }
}
