/// A JSON string literal for `s`, escaped as RFC 8259 requires: quote, backslash and the control
/// characters below U+0020 (`\n`, `\r`, `\t`, `\b`, `\f` by name, the others as `\u00XX`); `/` as
/// `\/` when `escapingSlashes` (as Foundation's JSONSerialization writes it); everything else as is.
public func jsonStringLiteral(_ s: String, escapingSlashes: Bool = false) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "/" where escapingSlashes: out += "\\/"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
