/// A parsed XML element: name (prefix removed), attributes, child elements and its own text.
///
/// Enough XML for AWS request bodies: elements, attributes, character data, the five predefined
/// entities, numeric character references, CDATA, comments and processing instructions. No DTDs.
struct XElement: Sendable, Equatable {
    var name: String
    var attributes: [String: String] = [:]
    var children: [XElement] = []
    var text: String = ""

    init(_ name: String, text: String = "", children: [XElement] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child with this name.
    func child(_ name: String) -> XElement? { children.first { $0.name == name } }

    /// The text of the first child with this name.
    func value(_ name: String) -> String? { child(name)?.text }

    /// Serialises the element (no XML declaration); an element without children or text is `<a/>`.
    func render(into out: inout String) {
        out += "<" + name
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            out += " " + key + "=\"" + XMLText.escape(value, quotes: true) + "\""
        }
        if children.isEmpty && text.isEmpty {
            out += "/>"
            return
        }
        out += ">"
        out += XMLText.escape(text, quotes: false)
        for child in children { child.render(into: &out) }
        out += "</" + name + ">"
    }

    /// The document with an XML declaration, as AWS answers.
    var document: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        render(into: &out)
        return out
    }
}

/// A malformed XML body: `offset` is the byte offset where reading stopped.
struct XMLParseError: Error, Sendable, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "malformed XML at byte \(offset): \(message)" }
}

enum XMLText {
    static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
