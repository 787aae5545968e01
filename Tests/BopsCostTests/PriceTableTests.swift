import BopsCost
import BopsDiagnostics
import BopsTestSupport
import Foundation
import Testing

@Suite struct PriceTableTests {
    static let repoFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("pricing/aws.json").path

    @Test func theShippedTableReadsAndIsTheRepositorysFile() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.repoFile)))
        let table = try PriceTable.read(bytes, file: "pricing/aws.json")
        #expect(table == PriceTable.builtIn())
        let east = try #require(table.regions["us-east-1"])
        #expect(east.job == .known(0.25))
        #expect(east.storageClasses["DEEP_ARCHIVE"]?.minimumDays == 180)
        #expect(east.restore["DEEP_ARCHIVE"]?["BULK"]?.perGB == .known(0.0025))
        #expect(east.restore["DEEP_ARCHIVE"]?["EXPEDITED"] == nil)
        if case .unknown(let why) = east.updateEncryptionPer1000 {
            #expect(why.contains("UpdateObjectEncryption"))
        } else {
            Issue.record("UpdateObjectEncryption has no public price; the table must say so")
        }
        #expect(table.readOn == "2026-12-07" && table.source.contains("aws.amazon.com/s3/pricing"))
    }

    /// A marked fixture: `⟨name⟩` marks the position the diagnostic must point at.
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        var message: String
    }

    static let minimal = """
        {"format_version": "1.0", "name": "n", "currency": "USD", "source": "s", "read_on": "2026-12-07",
         "regions": {"r": {
          "batch_operations": {"job": 0.25, "objects_per_million": 1, "manifest_generation_per_million_objects": 0.015},
          "storage_classes": {"STANDARD": {"put_per_1000": 0.005, "get_per_1000": 0.0004, "retrieval_per_gb": 0,
            "storage_per_gb_month": 0.023, "minimum_days": 0}},
          "restore": {}, "restored_copy_storage_per_gb_month": 0.023, "checksum_per_gb": 0.004,
          "lambda": {"requests_per_million": 0.2, "per_gb_second": 0.0000166667}, "kms": {"requests_per_10000": 0.03},
          "update_encryption_per_1000": {"unknown": "none"}}}}
        """

    static let cases: [Case] = [
        Case(
            description: "a negative price",
            text: minimal.replacingOccurrences(of: "\"job\": 0.25", with: "\"job\": ⟨-1⟩"),
            message: "/regions/r/batch_operations/job must be a number of at least 0"),
        Case(
            description: "a price as text",
            text: minimal.replacingOccurrences(
                of: "\"checksum_per_gb\": 0.004", with: "\"checksum_per_gb\": ⟨\"0.004\"⟩"),
            message:
                "/regions/r/checksum_per_gb must be a number of at least 0, or {\"unknown\": \"why\"}, not string"
        ),
        Case(
            description: "a misspelt key",
            text: minimal.replacingOccurrences(
                of: "\"minimum_days\": 0", with: "\"minimum_days\": 0, ⟨\"minimum_day\"⟩: 1"),
            message: "unknown key 'minimum_day' at /regions/r/storage_classes/STANDARD"),
        Case(
            description: "a missing price",
            text: minimal.replacingOccurrences(
                of: "\"kms\": {\"requests_per_10000\": 0.03}", with: "\"kms\": ⟨{}⟩"),
            message: "/regions/r/kms/requests_per_10000 is missing"),
        Case(
            description: "another major version",
            text: minimal.replacingOccurrences(
                of: "\"format_version\": \"1.0\"", with: "\"format_version\": ⟨\"2.0\"⟩"),
            message: "price table format_version 2.0 is not one this bops reads"),
    ]

    @Test(arguments: cases) func aBadTableNamesTheLineAndColumn(_ c: Case) throws {
        let (text, mark) = Self.unmark(c.text)
        do {
            _ = try PriceTable.read(Array(text.utf8), file: "prices.json")
            Issue.record("read a bad table")
        } catch {
            let found = try #require(
                error.items.first { $0.summary.hasPrefix(c.message) }, "\(error.items.map(\.summary))")
            #expect(found.range?.file == "prices.json")
            #expect(
                found.range?.start.line == mark.line && found.range?.start.column == mark.column,
                "\(String(describing: found.range))")
            #expect(found.hint != nil)
        }
    }

    @Test func everyProblemOfAFileAtOnce() {
        let text = Self.minimal.replacingOccurrences(of: "\"job\": 0.25", with: "\"job\": -1")
            .replacingOccurrences(of: "\"checksum_per_gb\": 0.004", with: "\"checksum_per_gb\": true")
        #expect(throws: Diagnostics.self) { try PriceTable.read(Array(text.utf8), file: "p.json") }
        do { _ = try PriceTable.read(Array(text.utf8), file: "p.json") } catch { #expect(error.count == 2) }
    }

    @Test func badJSONIsAnErrorAtItsPlace() {
        do {
            _ = try PriceTable.read(Array("{\"format_version\": \"1.0\",\n  ]".utf8), file: "p.json")
            Issue.record("read bad JSON")
        } catch {
            #expect(error.items.first?.range?.start.line == 2)
        }
    }

    /// The text without its mark, and the mark's line and column.
    static func unmark(_ marked: String) -> (String, (line: Int, column: Int)) {
        let (text, line, column) = MarkedText.unmark(marked)
        return (text, (line, column))
    }
}
