import BopsNode

/// YAML 1.2 core-schema resolution of scalar text, working on the scalar's bytes so that the common
/// case (a plain word) is decided by its first byte without any number parsing.
enum ScalarResolver {
    /// The value of a plain scalar without an explicit tag.
    static func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> ScalarValue {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if isNull(bytes) { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let b = bool(bytes) { return .bool(b) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let number = number(bytes, text: text) { return number }
        default:
            break
        }
        return .string(text)
    }

    /// `~`, `null`, `Null`, `NULL` or nothing.
    static func isNull(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 0: return true
        case 1: return b[0] == UInt8(ascii: "~")
        case 4: return matches(b, "null", "Null", "NULL")
        default: return false
        }
    }

    /// `true`/`True`/`TRUE` and `false`/`False`/`FALSE`; `nil` for anything else.
    static func bool(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        if b.count == 4, matches(b, "true", "True", "TRUE") { return true }
        if b.count == 5, matches(b, "false", "False", "FALSE") { return false }
        return nil
    }

    /// An integer (decimal with optional sign, `0o` octal, `0x` hex) or a float; `nil` otherwise.
    /// Integers that do not fit `Int` become `.float`.
    static func number(_ b: UnsafeBufferPointer<UInt8>, text: String) -> ScalarValue? {
        if let i = integer(b, text: text) { return i }
        if let d = float(b, text: text) { return .float(d) }
        return nil
    }

    /// The integer forms of the core schema; `.float` when the value overflows `Int`.
    static func integer(_ b: UnsafeBufferPointer<UInt8>, text: String) -> ScalarValue? {
        let n = b.count
        if n > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") || b[1] == UInt8(ascii: "x") {
            let radix = b[1] == UInt8(ascii: "o") ? 8 : 16
            var value = 0
            var overflow = false
            var approximate = 0.0
            for k in 2..<n {
                guard let digit = digitValue(b[k], radix: radix) else { return nil }
                approximate = approximate * Double(radix) + Double(digit)
                if !overflow {
                    let (m, o1) = value.multipliedReportingOverflow(by: radix)
                    let (s, o2) = m.addingReportingOverflow(digit)
                    overflow = o1 || o2
                    value = s
                }
            }
            return overflow ? .float(approximate) : .int(value)
        }
        var k = 0
        var negative = false
        if n > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            k = 1
        }
        guard k < n else { return nil }
        var value = 0
        var overflow = false
        while k < n {
            guard let digit = digitValue(b[k], radix: 10) else { return nil }
            if !overflow {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) =
                    negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
                overflow = o1 || o2
                value = s
            }
            k += 1
        }
        if overflow { return Double(text).map { .float($0) } }
        return .int(value)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.inf` and `.nan` (three casings each).
    static func float(_ b: UnsafeBufferPointer<UInt8>, text: String) -> Double? {
        let n = b.count
        var k = 0
        var negative = false
        if n > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            k = 1
        }
        if n - k == 4, b[k] == UInt8(ascii: ".") {
            let rest = UnsafeBufferPointer(rebasing: b[(k + 1)...])
            if matches(rest, "inf", "Inf", "INF") { return negative ? -.infinity : .infinity }
            if k == 0, matches(rest, "nan", "NaN", "NAN") { return .nan }
        }
        var mantissaDigits = 0
        while k < n, isDigit(b[k]) {
            k += 1
            mantissaDigits += 1
        }
        if k < n, b[k] == UInt8(ascii: ".") {
            k += 1
            while k < n, isDigit(b[k]) {
                k += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return nil }
        if k < n, b[k] == UInt8(ascii: "e") || b[k] == UInt8(ascii: "E") {
            k += 1
            if k < n, b[k] == UInt8(ascii: "-") || b[k] == UInt8(ascii: "+") { k += 1 }
            var exponentDigits = 0
            while k < n, isDigit(b[k]) {
                k += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard k == n else { return nil }
        return Double(text)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static func digitValue(_ c: UInt8, radix: Int) -> Int? {
        let v: Int
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): v = Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): v = Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): v = Int(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return v < radix ? v : nil
    }

    /// Whether `b` equals one of three ASCII spellings (fixed arity: no array per call).
    private static func matches(
        _ b: UnsafeBufferPointer<UInt8>, _ s1: StaticString, _ s2: StaticString, _ s3: StaticString
    ) -> Bool {
        equal(b, s1) || equal(b, s2) || equal(b, s3)
    }

    private static func equal(_ b: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        guard s.utf8CodeUnitCount == b.count else { return false }
        for k in 0..<b.count where s.utf8Start[k] != b[k] { return false }
        return true
    }
}
