import BopsEncoding

/// A query-protocol request body (`Action=GetRole&Version=2010-05-08&RoleName=...`) as botocore's
/// query serialiser writes it: pairs in the order they are added, names and values encoded as
/// Python's `urlencode` does (the unreserved `A-Z a-z 0-9 _ . - ~` kept, a space as `+`, every
/// other UTF-8 byte `%XX` with uppercase hex digits), lists as `Name.member.N` from 1, an empty
/// list as `Name=`.
struct QueryForm {
    private(set) var pairs: [(name: String, value: String)]

    init(action: String, version: String) {
        pairs = [("Action", action), ("Version", version)]
    }

    mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        pairs.append((name, value))
    }

    mutating func add(_ name: String, _ value: Int?) {
        add(name, value.map(String.init))
    }

    /// `Name.member.1=..&Name.member.2=..`; an empty list is `Name=`.
    mutating func add(_ name: String, _ values: [String]?) {
        guard let values else { return }
        if values.isEmpty { return pairs.append((name, "")) }
        for (index, value) in values.enumerated() { pairs.append(("\(name).member.\(index + 1)", value)) }
    }

    /// A list of structures: `write` adds one item's members under the prefix it is given
    /// (`Tags.member.1.`).
    mutating func add<T>(_ name: String, _ items: [T]?, _ write: (inout QueryForm, String, T) -> Void) {
        guard let items else { return }
        if items.isEmpty { return pairs.append((name, "")) }
        for (index, item) in items.enumerated() { write(&self, "\(name).member.\(index + 1).", item) }
    }

    var body: [UInt8] {
        Array(pairs.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&").utf8)
    }

    /// Python's `quote_plus(text, safe='')`.
    static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(Hex.digit(byte >> 4, uppercase: true))
                out.append(Hex.digit(byte, uppercase: true))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
