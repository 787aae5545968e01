/// Serialises an ``XMLElementNode`` tree exactly as Python's `xml.etree.ElementTree.tostring` does
/// (which botocore uses for REST-XML bodies): no XML declaration, no whitespace between elements,
/// an element without children and text written as `<Name />`, text escaping `&`, `<`, `>`, and
/// attribute escaping `&`, `<`, `>`, `"`, newline, carriage return and tab.
///
/// Mixed content (text and children in one element) is written text first; AWS bodies never mix.
public enum XMLWriter {
    /// The UTF-8 bytes of `element`.
    public static func bytes(_ element: XMLElementNode) -> [UInt8] {
        Array(string(element).utf8)
    }

    /// A whole answer body as AWS writes one: the XML declaration, a newline, then `element`.
    public static func document(_ element: XMLElementNode) -> [UInt8] {
        Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + string(element)).utf8)
    }

    public static func string(_ element: XMLElementNode) -> String {
        var out = ""
        write(element, into: &out)
        return out
    }

    static func write(_ element: XMLElementNode, into out: inout String) {
        out += "<" + element.name
        for attribute in element.attributes {
            out += " " + attribute.name + "=\"" + escapeAttribute(attribute.value) + "\""
        }
        if element.children.isEmpty && element.text.isEmpty {
            out += " />"
            return
        }
        out += ">"
        out += escapeText(element.text)
        for child in element.children { write(child, into: &out) }
        out += "</" + element.name + ">"
    }

    /// Character data escaping: `&`, `<` and `>`.
    public static func escapeText(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Attribute value escaping (double-quoted values).
    public static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#09;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
