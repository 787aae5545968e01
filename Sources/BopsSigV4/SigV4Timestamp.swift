import FoundationEssentials

/// The two UTC renderings of the signing time: `yyyyMMdd'T'HHmmss'Z'` and `yyyyMMdd`.
///
/// Foundation's ISO 8601 style in GMT (no locale, no time zone database); fractions of a second
/// are truncated.
struct SigV4Timestamp: Sendable, Equatable {
    let amzDate: String
    let dateStamp: String

    private static let style = Date.ISO8601FormatStyle(
        dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)

    init(_ date: Date) {
        amzDate = date.formatted(Self.style)
        dateStamp = String(amzDate.prefix(8))
    }
}
