/// The parts of one HTTP request the emulator works with, as they came off the wire.
struct IncomingRequest: Sendable {
    var method: String
    /// The request target's path, still percent-encoded (what SigV4 signs for S3).
    var rawPath: String
    /// Query items, percent-decoded, in order; an item without `=` has an empty value.
    var query: [(name: String, value: String)]
    /// Header names lowercased, in order of arrival; `host` included.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        rawPath = parts.isEmpty || parts[0].isEmpty ? "/" : String(parts[0])
        query = []
        if parts.count == 2 {
            for item in parts[1].split(separator: "&") where !item.isEmpty {
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Percent.decode(String(pair[0]))
                let value = pair.count == 2 ? Percent.decode(String(pair[1])) : ""
                query.append((name, value))
            }
        }
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    func queryValues(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    func hasQuery(_ name: String) -> Bool { query.contains { $0.name == name } }

    /// The Host header without its port, lowercased.
    var hostName: String {
        let host = (header("host") ?? "").lowercased()
        if host.hasPrefix("[") { return String(host.prefix { $0 != "]" }.dropFirst()) }
        return String(host.split(separator: ":", maxSplits: 1).first ?? "")
    }
}

/// Percent-decoding and RFC 3986 encoding.
enum Percent {
    /// Decodes `%XX` escapes; malformed escapes are kept as they are. `+` stays `+` (S3 rules).
    static func decode(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// RFC 3986 encoding: everything but `A-Z a-z 0-9 - . _ ~` (and `/` when `keepSlash`).
    static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out += "/"
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
