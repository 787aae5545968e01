import BopsPrimitives

/// A JSON value written in one canonical way: object keys sorted by their UTF-8 bytes, no
/// whitespace, strings escaped minimally (`"`, `\`, control characters), integers in decimal.
/// Equal values always give equal bytes.
enum CanonicalJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    var bytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .int(let i): out += Array(String(i).utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (i, member) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension CanonicalJSON {
    /// An object without the members whose value is nil.
    static func members(_ pairs: [(String, CanonicalJSON?)]) -> CanonicalJSON {
        var out: [String: CanonicalJSON] = [:]
        for (k, v) in pairs { if let v { out[k] = v } }
        return .object(out)
    }

    static func string(_ s: String?) -> CanonicalJSON? { s.map(CanonicalJSON.string) }
    static func bool(_ b: Bool?) -> CanonicalJSON? { b.map(CanonicalJSON.bool) }
    static func int(_ i: Int?) -> CanonicalJSON? { i.map(CanonicalJSON.int) }
    static func time(_ t: Timestamp?) -> CanonicalJSON? { t.map { .string($0.description) } }
    static func strings(_ list: [String]) -> CanonicalJSON? {
        list.isEmpty ? nil : .array(list.map(CanonicalJSON.string))
    }
    static func map(_ m: [String: String]) -> CanonicalJSON { .object(m.mapValues(CanonicalJSON.string)) }
}
