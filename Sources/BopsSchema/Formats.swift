/// The `format` values this validator asserts; every other format is an annotation only.
enum Format: String, Sendable {
    case dateTime = "date-time"
    case date
    case email
    case uri

    /// What a valid value looks like, for hints.
    var example: String {
        switch self {
        case .dateTime: "an RFC 3339 date-time such as 2030-01-31T12:00:00Z"
        case .date: "a date such as 2030-01-31"
        case .email: "an e-mail address such as ops@example.com"
        case .uri: "an absolute URI such as https://example.com/path"
        }
    }

    func accepts(_ s: String) -> Bool {
        let b = Array(s.utf8)
        switch self {
        case .dateTime: return FormatCheck.dateTime(b)
        case .date: return b.count == 10 && FormatCheck.fullDate(b[...]) != nil
        case .email: return FormatCheck.email(b)
        case .uri: return FormatCheck.uri(b)
        }
    }
}

enum FormatCheck {
    static func digits(_ b: ArraySlice<UInt8>) -> Int? {
        guard !b.isEmpty else { return nil }
        var v = 0
        for c in b {
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    /// `YYYY-MM-DD` with a day that exists in that month; returns year, month and day.
    static func fullDate(_ b: ArraySlice<UInt8>) -> (Int, Int, Int)? {
        guard b.count == 10 else { return nil }
        let s = b.startIndex
        guard b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
            let y = digits(b[s..<s + 4]), let m = digits(b[s + 5..<s + 7]), let d = digits(b[s + 8..<s + 10]),
            (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days ? (y, m, d) : nil
    }

    /// RFC 3339 `date-time`; a leap second is accepted only at 23:59:60 UTC.
    static func dateTime(_ b: [UInt8]) -> Bool {
        guard b.count >= 20, fullDate(b[0..<10]) != nil, b[10] | 0x20 == UInt8(ascii: "t") else {
            return false
        }
        var i = 11
        guard b.count >= i + 8, b[i + 2] == UInt8(ascii: ":"), b[i + 5] == UInt8(ascii: ":"),
            let hh = digits(b[i..<i + 2]), let mm = digits(b[i + 3..<i + 5]),
            let ss = digits(b[i + 6..<i + 8]),
            hh <= 23, mm <= 59, ss <= 60
        else { return false }
        i += 8
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            if i == start { return false }
        }
        guard i < b.count else { return false }
        var offsetMinutes = 0
        if b[i] | 0x20 == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "+") ? 1 : -1
            guard b.count == i + 6, b[i + 3] == UInt8(ascii: ":"), let oh = digits(b[i + 1..<i + 3]),
                let om = digits(b[i + 4..<i + 6]), oh <= 23, om <= 59
            else { return false }
            offsetMinutes = sign * (oh * 60 + om)
            i += 6
        } else {
            return false
        }
        guard i == b.count else { return false }
        if ss == 60 {
            let utc = ((hh * 60 + mm - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
    }

    /// A practical e-mail check: dot-atom local part, `@`, and a dotted host name or bracketed literal.
    static func email(_ b: [UInt8]) -> Bool {
        guard let at = b.lastIndex(of: UInt8(ascii: "@")), at > 0, at < b.count - 1 else { return false }
        let local = b[..<at]
        let domain = b[(at + 1)...]
        let atext = Set("!#$%&'*+/=?^_`{|}~-".utf8)
        guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".") else { return false }
        var previousDot = false
        for c in local {
            if c == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
                continue
            }
            previousDot = false
            guard isAlnum(c) || atext.contains(c) else { return false }
        }
        if domain.first == UInt8(ascii: "[") { return domain.last == UInt8(ascii: "]") && domain.count > 2 }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// An absolute URI (RFC 3986 `URI`): scheme, then ASCII characters allowed in their part.
    static func uri(_ b: [UInt8]) -> Bool {
        guard let colon = b.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        let scheme = b[..<colon]
        guard let first = scheme.first, first | 0x20 >= 0x61, first | 0x20 <= 0x7A,
            scheme.allSatisfy({
                isAlnum($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == 0x2E
            })
        else { return false }
        var rest = b[(colon + 1)...]
        let fragmentStart = rest.firstIndex(of: UInt8(ascii: "#"))
        let beforeFragment = fragmentStart.map { rest[..<$0] } ?? rest
        if let f = fragmentStart, !validChars(rest[(f + 1)...], extra: "/?") { return false }
        rest = beforeFragment
        let queryStart = rest.firstIndex(of: UInt8(ascii: "?"))
        if let q = queryStart, !validChars(rest[(q + 1)...], extra: "/?") { return false }
        rest = queryStart.map { rest[..<$0] } ?? rest
        if rest.starts(with: "//".utf8) {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
            guard authority(afterSlashes[..<end]) else { return false }
            rest = afterSlashes[end...]
        }
        return validChars(rest, extra: "/")
    }

    static let subDelims = Set("!$&'()*+,;=".utf8)
    static let unreserved = Set("-._~".utf8)

    static func validChars(_ s: ArraySlice<UInt8>, extra: String) -> Bool {
        let extraSet = Set(extra.utf8)
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < s.endIndex,
                    hexDigit(s[i + 1]), hexDigit(s[i + 2])
                else { return false }
                i += 3
                continue
            }
            guard
                isAlnum(c) || unreserved.contains(c) || subDelims.contains(c) || c == UInt8(ascii: ":")
                    || c == UInt8(ascii: "@") || extraSet.contains(c)
            else { return false }
            i += 1
        }
        return true
    }

    static func hexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)
    }

    static func authority(_ s: ArraySlice<UInt8>) -> Bool {
        var hostPart = s
        if let at = s.lastIndex(of: UInt8(ascii: "@")) {
            let userinfo = s[..<at]
            guard validChars(userinfo, extra: "") else { return false }
            hostPart = s[(at + 1)...]
        }
        if hostPart.first == UInt8(ascii: "[") {
            guard let close = hostPart.firstIndex(of: UInt8(ascii: "]")),
                ipv6(hostPart[(hostPart.startIndex + 1)..<close])
            else { return false }
            let after = hostPart[(close + 1)...]
            if after.isEmpty { return true }
            return after.first == UInt8(ascii: ":")
                && after.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        var host = hostPart
        if let colon = hostPart.lastIndex(of: UInt8(ascii: ":")) {
            guard hostPart[(colon + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            host = hostPart[..<colon]
        }
        return host.allSatisfy { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: "@") }
            && validChars(host, extra: "")
    }

    /// IPv6 address text: up to eight hex groups with at most one `::`, optionally ending in IPv4.
    static func ipv6(_ s: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: s, as: UTF8.self)
        let halves = text.components(separatedByString: "::")
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (h, half) in halves.enumerated() {
            if half.isEmpty { continue }
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if part.contains("."), h == halves.count - 1, i == parts.count - 1 {
                    guard ipv4(part) else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(part.count), part.utf8.allSatisfy(hexDigit) else { return false }
                    groups += 1
                }
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    static func ipv4(_ s: Substring) -> Bool {
        let octets = s.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4
            && octets.allSatisfy { o in
                guard let v = digits(ArraySlice(o.utf8)), v <= 255 else { return false }
                return o.count == 1 || o.first != "0"
            }
    }
}

extension String {
    func components(separatedByString separator: String) -> [String] {
        var result: [String] = []
        var rest = self[...]
        while let r = rest.firstRange(of: separator) {
            result.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}
