import BopsPrimitives
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z", Int64(1_893_456_000)),
        ("2030-01-01T01:00:00+01:00", "2030-01-01T00:00:00Z", 1_893_456_000),
        ("1969-12-31T23:59:59.5z", "1969-12-31T23:59:59.5Z", -1),
        ("2024-02-29t12:30:00.120-02:30", "2024-02-29T15:00:00.12Z", 1_709_218_800),
        ("1970-01-01 00:00:00Z", "1970-01-01T00:00:00Z", 0),
    ])
    func parsesAndPrintsCanonicalUTC(_ text: String, _ canonical: String, _ seconds: Int64) throws {
        let t = try #require(Timestamp(rfc3339: text))
        #expect(t.description == canonical)
        #expect(t.seconds == seconds)
        #expect(Timestamp(rfc3339: t.description) == t)
    }

    @Test(arguments: [
        "", "2030-01-01", "2030-01-01T00:00:00", "2023-02-29T00:00:00Z", "2030-13-01T00:00:00Z",
        "2030-01-01T24:00:00Z", "2030-01-01T00:00:60Z", "2030-01-01T00:00:00.Z", "2030-01-01T00:00:00Zx",
        "2030-01-01T00:00:00+1:00", "２030-01-01T00:00:00Z",
    ])
    func refusesMalformed(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }
}
