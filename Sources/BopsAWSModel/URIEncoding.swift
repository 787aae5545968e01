/// Percent-encoding as AWS (and botocore) apply it: RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - _ . ~`) stay, every other UTF-8 byte becomes `%XX` with uppercase hex.
public enum URIEncoding {
    /// Encodes every byte except the unreserved characters (query names and values, URI labels).
    public static func encode(_ text: String) -> String {
        encode(text, keepSlash: false)
    }

    /// An S3 object key in a path: like ``encode(_:)`` but `/` stays, so `a b/c+d` is `a%20b/c%2Bd`.
    public static func encodeKey(_ key: String) -> String {
        encode(key, keepSlash: true)
    }

    static func encode(_ text: String, keepSlash: Bool) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "~")
    }

    /// Decodes `%XX` escapes (and `+` as space when `plusIsSpace`, as in form bodies and S3's
    /// `encoding-type=url` answers). Returns `nil` for a malformed escape or bytes that are not UTF-8.
    public static func decode(_ text: String, plusIsSpace: Bool = false) -> String? {
        var out = [UInt8]()
        var bytes = text.utf8.makeIterator()
        while let b = bytes.next() {
            if b == UInt8(ascii: "%") {
                guard let h = bytes.next(), let l = bytes.next(), let hi = hexValue(h), let lo = hexValue(l)
                else { return nil }
                out.append(hi << 4 | lo)
            } else if plusIsSpace && b == UInt8(ascii: "+") {
                out.append(0x20)
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}
