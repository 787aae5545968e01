import BopsPrimitives
public import FoundationEssentials

/// Timestamps as AWS protocols write them, computed without locale or time zone state.
///
/// - ``iso8601(_:)`` is botocore's REST-XML form: `2024-01-01T00:00:00Z`, or with six fraction
///   digits (`2024-01-01T00:00:00.500000Z`) when the date has a sub-second part (rounded to the
///   microsecond).
/// - ``parseISO8601(_:)`` reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
/// - ``parseHTTPDate(_:)`` reads RFC 7231 IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`), as in
///   `Last-Modified` and `Expires` headers.
///
/// The calendar arithmetic and RFC 3339 parsing are BopsPrimitives' ``Timestamp``.
public enum AWSTimestamp {
    public static func iso8601(_ date: Date) -> String {
        Timestamp(date: date, roundedToFractionDigits: 6).rfc3339(fractionDigits: 6, dropZeroFraction: true)
    }

    /// `2024-01-01T00:00:00.000Z`: always three fraction digits (rounded to the millisecond), as
    /// AWS writes timestamps in its answers.
    public static func iso8601Milliseconds(_ date: Date) -> String {
        Timestamp(date: date, roundedToFractionDigits: 3).rfc3339(fractionDigits: 3)
    }

    /// `Wed, 21 Oct 2015 07:28:00 GMT`.
    public static func httpDate(_ date: Date) -> String {
        let time = Timestamp(date: date)
        let c = time.civil
        let weekday = weekdays[((time.daysSinceEpoch % 7) + 7 + 4) % 7]  // 1970-01-01 was a Thursday
        let clock = "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        return "\(weekday), \(pad(c.day, 2)) \(months[c.month - 1]) \(pad(c.year, 4)) \(clock) GMT"
    }

    /// RFC 3339, through ``Timestamp/init(rfc3339:)``.
    public static func parseISO8601(_ text: String) -> Date? {
        Timestamp(rfc3339: text)?.date
    }

    /// `Wed, 21 Oct 2015 07:28:00 GMT`; the zone may also be `UTC`, `+0000` or `-0000` (Python's
    /// `email.utils.formatdate`, which botocore uses for a `Date` header).
    public static func parseHTTPDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), ["GMT", "UTC", "+0000", "-0000"].contains(parts[5]),
            let d = Int(parts[1]), let moIndex = months.firstIndex(of: String(parts[2])),
            let y = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let h = Int(clock[0]), let mi = Int(clock[1]), let s = Int(clock[2]),
            (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        return Timestamp(year: y, month: moIndex + 1, day: d, hour: h, minute: mi, second: s).date
    }

    /// Either form: ISO 8601 first, then the HTTP date.
    public static func parse(_ text: String) -> Date? {
        parseISO8601(text) ?? parseHTTPDate(text)
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    static func pad(_ value: Int, _ width: Int) -> String { Timestamp.pad(value, width) }
}
