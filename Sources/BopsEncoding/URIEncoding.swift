/// RFC 3986 percent-encoding as SigV4, AWS and botocore apply it; the one copy bops has.
///
/// Invariant: the unreserved characters `A-Z a-z 0-9 - . _ ~` are kept, every other byte of the
/// UTF-8 form becomes `%XX` with uppercase hex digits; `/` is kept only when asked. Decoding comes
/// in two strengths: ``decode(_:)`` never fails (for text as it came off the wire), and
/// ``decodeIfValid(_:plusIsSpace:)`` refuses a malformed escape or bytes that are not UTF-8.
public enum URIEncoding {
    /// Encodes `text`, keeping `/` when `keepSlash` is true (paths) and encoding it otherwise
    /// (query names and values, URI labels).
    public static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(Hex.digit(byte >> 4, uppercase: true))
                out.append(Hex.digit(byte, uppercase: true))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An S3 object key in a path: `/` stays, so `a b/c+d` is `a%20b/c%2Bd`.
    public static func encodeKey(_ key: String) -> String {
        encode(key, keepSlash: true)
    }

    /// Decodes `%XX` sequences. A `%` not followed by two hex digits is kept as it is, and bytes
    /// that are not valid UTF-8 become U+FFFD. `+` is not treated as a space.
    public static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = Hex.value(bytes[index + 1]), let low = Hex.value(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (and `+` as a space when `plusIsSpace`, as in form bodies and S3's
    /// `encoding-type=url` answers). Returns `nil` for a `%` not followed by two hex digits or for
    /// bytes that are not UTF-8.
    public static func decodeIfValid(_ text: String, plusIsSpace: Bool = false) -> String? {
        var out: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = bytes.next().flatMap(Hex.value), let low = bytes.next().flatMap(Hex.value)
                else { return nil }
                out.append(high << 4 | low)
            } else if plusIsSpace && byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

}
