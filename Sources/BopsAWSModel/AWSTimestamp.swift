import Foundation

/// Timestamps as AWS protocols write them, computed without locale or time zone state.
///
/// - ``iso8601(_:)`` is botocore's REST-XML form: `2024-01-01T00:00:00Z`, or with six fraction
///   digits (`2024-01-01T00:00:00.500000Z`) when the date has a sub-second part (rounded to the
///   microsecond).
/// - ``parseISO8601(_:)`` reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
/// - ``parseHTTPDate(_:)`` reads RFC 7231 IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`), as in
///   `Last-Modified` and `Expires` headers.
public enum AWSTimestamp {
    public static func iso8601(_ date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let totalMicros = Int64(micros)
        var seconds = totalMicros / 1_000_000
        var fraction = totalMicros % 1_000_000
        if fraction < 0 {
            fraction += 1_000_000
            seconds -= 1
        }
        let (y, mo, d, h, mi, s) = civil(seconds)
        var text =
            pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2) + "T" + pad(h, 2) + ":" + pad(mi, 2) + ":"
            + pad(s, 2)
        if fraction != 0 { text += "." + pad(Int(fraction), 6) }
        return text + "Z"
    }

    /// `Wed, 21 Oct 2015 07:28:00 GMT`.
    public static func httpDate(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (y, mo, d, h, mi, s) = civil(seconds)
        let days = Int((seconds - Int64(h * 3600 + mi * 60 + s)) / 86_400)
        let weekday = weekdays[((days % 7) + 7 + 4) % 7]  // 1970-01-01 was a Thursday
        let clock = "\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
        return "\(weekday), \(pad(d, 2)) \(months[mo - 1]) \(pad(y, 4)) \(clock) GMT"
    }

    public static func parseISO8601(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"), b[13] == UInt8(ascii: ":"),
            b[16] == UInt8(ascii: ":"),
            let y = number(b, 0, 4), let mo = number(b, 5, 2), let d = number(b, 8, 2),
            let h = number(b, 11, 2), let mi = number(b, 14, 2), let s = number(b, 17, 2),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            var digits: Int64 = 0
            var scale: Int64 = 1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if scale < 1_000_000_000 {
                    digits = digits * 10 + Int64(b[i] - 0x30)
                    scale *= 10
                }
                i += 1
            }
            guard i > start else { return nil }
            fraction = Double(digits) / Double(scale)
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = number(b, i + 1, 2),
                let om = number(b, i + 4, 2)
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
            i += 6
        }
        guard i == b.count else { return nil }
        let seconds = epochSeconds(y, mo, d, h, mi, s) - Int64(offset)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    public static func parseHTTPDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT" || parts[5] == "UTC",
            let d = Int(parts[1]), let moIndex = months.firstIndex(of: String(parts[2])),
            let y = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let h = Int(clock[0]), let mi = Int(clock[1]), let s = Int(clock[2]),
            (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        return Date(timeIntervalSince1970: Double(epochSeconds(y, moIndex + 1, d, h, mi, s)))
    }

    /// Either form: ISO 8601 first, then the HTTP date.
    public static func parse(_ text: String) -> Date? {
        parseISO8601(text) ?? parseHTTPDate(text)
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func number(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<start + count {
            guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return nil }
            value = value * 10 + Int(b[i] - 0x30)
        }
        return value
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func epochSeconds(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Int64 {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = Int64(era) * 146_097 + Int64(doe) - 719_468
        return days * 86_400 + Int64(h * 3600 + mi * 60 + s)
    }

    static func civil(_ seconds: Int64) -> (Int, Int, Int, Int, Int, Int) {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d), Int(rest / 3600), Int(rest % 3600 / 60), Int(rest % 60))
    }
}
