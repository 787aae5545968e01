/// JSON text as botocore's JSON 1.1 serialiser writes it (Python's `json.dumps` with its defaults):
/// members in the model's order, `", "` and `": "` separators, every non-ASCII character escaped as
/// `\uXXXX` (UTF-16 surrogate pairs above U+FFFF), so request bodies are byte-equal to botocore's.
enum KMSJSON {
    enum Value {
        case string(String)
        case bool(Bool)
        case number(Double)
        case strings([String])
        case object([(String, Value)])
    }

    static func object(_ members: [(String, Value?)]) -> [UInt8] {
        Array(text(.object(members.compactMap { name, value in value.map { (name, $0) } })).utf8)
    }

    static func text(_ value: Value) -> String {
        switch value {
        case .string(let s): return literal(s)
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .strings(let list): return "[" + list.map(literal).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { literal($0.0) + ": " + text($0.1) }.joined(separator: ", ") + "}"
        }
    }

    static func literal(_ s: String) -> String {
        var out = "\""
        for unit in s.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }
}
