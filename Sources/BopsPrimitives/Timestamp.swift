public import FoundationEssentials

/// An instant written as an RFC 3339 date-time (`2030-01-01T00:00:00Z`, `2030-01-01T01:00:00.5+01:00`).
///
/// Stored exactly as whole seconds since 1970-01-01T00:00:00Z plus nanoseconds, so two spellings of the
/// same instant are equal and `description` is one canonical UTC spelling. Leap seconds (`:60`) are
/// refused, as AWS refuses them. The one RFC 3339 and civil-date routine of bops: spec values,
/// AWS wire timestamps and the local engine's records all go through it.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let seconds: Int64
    /// 0 ..< 1_000_000_000.
    public let nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public init(date: Date) {
        let whole = date.timeIntervalSince1970.rounded(.down)
        self.seconds = Int64(whole)
        self.nanoseconds = Int32(((date.timeIntervalSince1970 - whole) * 1e9).rounded(.down))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`, `z` and a space for `T` are accepted.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for i in at..<at + n {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        func byte(_ at: Int, _ allowed: String) -> Bool { at < b.count && allowed.utf8.contains(b[at]) }
        guard let year = digits(0, 4), byte(4, "-"), let month = digits(5, 2), byte(7, "-"),
            let day = digits(8, 2), byte(10, "Tt "), let hour = digits(11, 2), byte(13, ":"),
            let minute = digits(14, 2), byte(16, ":"), let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var nanos = 0
        if byte(i, ".") {
            i += 1
            var count = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if count < 9 { nanos = nanos * 10 + Int(b[i] - 0x30) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        var offset = 0
        if byte(i, "Zz") {
            i += 1
        } else if byte(i, "+-"), let oh = digits(i + 1, 2), byte(i + 3, ":"), let om = digits(i + 4, 2),
            oh < 24, om < 60
        {
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        self.seconds = Int64(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
        self.nanoseconds = Int32(nanos)
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    /// `date` rounded to the nearest multiple of 10^-`digits` seconds (0 ... 9 digits).
    public init(date: Date, roundedToFractionDigits digits: Int) {
        var unit: Int64 = 1
        for _ in 0..<(9 - min(max(digits, 0), 9)) { unit *= 10 }
        let perSecond = 1_000_000_000 / unit
        let units = Int64((date.timeIntervalSince1970 * Double(perSecond)).rounded())
        var seconds = units / perSecond
        var fraction = units % perSecond
        if fraction < 0 {
            fraction += perSecond
            seconds -= 1
        }
        self.init(seconds: seconds, nanoseconds: Int32(fraction * unit))
    }

    /// UTC, `Z`, fraction only when non-zero and without trailing zeros: `2030-01-01T00:00:00Z`.
    public var description: String {
        var out = rfc3339(fractionDigits: 0)
        if nanoseconds > 0 {
            var fraction = Self.pad(Int(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            out.insert(contentsOf: "." + fraction, at: out.index(before: out.endIndex))
        }
        return out
    }

    /// UTC with exactly `digits` fraction digits (truncated; none for 0), as wire formats want
    /// them: `2024-01-01T00:00:00.500000Z` for 6. With `dropZeroFraction`, a fraction of all zeros
    /// is left out (`2024-01-01T00:00:00Z`).
    public func rfc3339(fractionDigits digits: Int, dropZeroFraction: Bool = false) -> String {
        let c = civil
        var out = Self.pad(c.year, 4) + "-" + Self.pad(c.month, 2) + "-" + Self.pad(c.day, 2)
        out += "T" + Self.pad(c.hour, 2) + ":" + Self.pad(c.minute, 2) + ":" + Self.pad(c.second, 2)
        let digits = min(max(digits, 0), 9)
        if digits > 0 {
            let fraction = String(Self.pad(Int(nanoseconds), 9).prefix(digits))
            if !(dropZeroFraction && fraction.allSatisfy { $0 == "0" }) { out += "." + fraction }
        }
        return out + "Z"
    }

    /// The UTC calendar date and clock time of the whole seconds (proleptic Gregorian).
    public var civil: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = Self.civilFromDays(days)
        return (y, m, d, rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// The instant of a UTC calendar date and clock time; fields are not range-checked.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        self.init(seconds: Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
    }

    /// Days since 1970-01-01 (negative before), for weekday arithmetic.
    public var daysSinceEpoch: Int { Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400) }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 date-time: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
