/// A small non-validating XML parser for AWS response bodies: one root element, attributes,
/// character data with the five predefined entities and numeric character references, CDATA,
/// comments and processing instructions (skipped). A document type declaration is refused (no
/// entity expansion), as is nesting deeper than `maxDepth`. `\r\n` and `\r` read as `\n`. Text
/// made only of whitespace in an element that has children is dropped (indentation).
public struct XMLReader {
    public static let maxDepth = 256

    /// Parses `bytes` (UTF-8, an optional byte order mark) into its root element.
    public static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLElementNode {
        var reader = XMLReader(bytes: bytes)
        return try reader.document()
    }

    public static func parse(_ text: String) throws(XMLParseError) -> XMLElementNode {
        try parse(Array(text.utf8))
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private func fail(_ message: String, at position: Int? = nil) -> XMLParseError {
        let end = min(position ?? index, bytes.count)
        var line = 1
        var column = 1
        for byte in bytes[..<end] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return XMLParseError(line: line, column: column, message: message)
    }

    private var atEnd: Bool { index >= bytes.count }

    private func peek(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        return bytes[index..<index + utf8.count].elementsEqual(utf8)
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    private mutating func skipSpace() {
        while !atEnd && Self.isSpace(bytes[index]) { index += 1 }
    }

    /// Skips past the next `terminator`, failing with `what` when it never comes.
    private mutating func skip(past terminator: String, what: String) throws(XMLParseError) {
        let start = index
        while !atEnd {
            if peek(terminator) {
                index += terminator.utf8.count
                return
            }
            index += 1
        }
        throw fail("unterminated \(what)", at: start)
    }

    private mutating func skipMisc() throws(XMLParseError) {
        while true {
            skipSpace()
            if peek("<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if peek("<!--") {
                try skip(past: "-->", what: "comment")
            } else if peek("<!DOCTYPE") || peek("<!doctype") {
                throw fail("a document type declaration is not accepted in an AWS response")
            } else {
                return
            }
        }
    }

    private mutating func document() throws(XMLParseError) -> XMLElementNode {
        try skipMisc()
        guard !atEnd else { throw fail("empty document: expected a root element") }
        guard bytes[index] == UInt8(ascii: "<") else { throw fail("expected '<' to start the root element") }
        let root = try element(depth: 1)
        try skipMisc()
        guard atEnd else { throw fail("unexpected content after the root element") }
        return root
    }

    private mutating func name() throws(XMLParseError) -> String {
        let start = index
        while !atEnd {
            let b = bytes[index]
            if Self.isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") || b == UInt8(ascii: "=")
                || b == UInt8(ascii: "<")
            {
                break
            }
            index += 1
        }
        guard index > start else { throw fail("expected a name") }
        return try decode(bytes[start..<index], at: start)
    }

    private func decode(_ slice: ArraySlice<UInt8>, at position: Int) throws(XMLParseError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw fail("invalid UTF-8", at: position)
        }
        return text
    }

    private mutating func element(depth: Int) throws(XMLParseError) -> XMLElementNode {
        guard depth <= Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth)") }
        index += 1  // "<"
        var node = XMLElementNode(try name())
        while true {
            skipSpace()
            guard !atEnd else { throw fail("unterminated start tag <\(node.name)>") }
            if peek("/>") {
                index += 2
                return node
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            let attributeName = try name()
            skipSpace()
            guard !atEnd, bytes[index] == UInt8(ascii: "=") else {
                throw fail("expected '=' after attribute \(attributeName)")
            }
            index += 1
            skipSpace()
            guard !atEnd, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("expected a quoted value for attribute \(attributeName)")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while !atEnd && bytes[index] != quote { index += 1 }
            guard !atEnd else { throw fail("unterminated value of attribute \(attributeName)", at: start) }
            let raw = try decode(bytes[start..<index], at: start)
            index += 1
            let value = try resolve(raw, at: start, attribute: true)
            node.attributes.append(XMLAttribute(attributeName, value))
        }
        var text = ""
        while true {
            guard !atEnd else { throw fail("missing end tag </\(node.name)>") }
            if peek("</") {
                index += 2
                let closing = try name()
                guard closing == node.name else {
                    throw fail("end tag </\(closing)> does not match <\(node.name)>")
                }
                skipSpace()
                guard !atEnd, bytes[index] == UInt8(ascii: ">") else { throw fail("expected '>' in end tag") }
                index += 1
                break
            } else if peek("<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>", what: "CDATA section")
                text += try decode(bytes[start..<index - 3], at: start)
            } else if peek("<!--") {
                try skip(past: "-->", what: "comment")
            } else if peek("<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if peek("<!") {
                throw fail("unexpected markup declaration")
            } else if bytes[index] == UInt8(ascii: "<") {
                node.children.append(try element(depth: depth + 1))
            } else {
                let start = index
                while !atEnd && bytes[index] != UInt8(ascii: "<") { index += 1 }
                text += try resolve(try decode(bytes[start..<index], at: start), at: start, attribute: false)
            }
        }
        if !node.children.isEmpty && text.allSatisfy(\.isWhitespace) { text = "" }
        node.text = text
        return node
    }

    /// Resolves entity and character references and normalises line ends.
    private func resolve(_ raw: String, at position: Int, attribute: Bool) throws(XMLParseError) -> String {
        if !raw.contains("&") && !raw.contains("\r") && !(attribute && raw.contains(where: \.isWhitespace)) {
            return raw
        }
        var out = ""
        var scalars = raw.unicodeScalars[...]
        while let ch = scalars.first {
            scalars = scalars.dropFirst()
            if ch == "&" {
                guard let semicolon = scalars.firstIndex(of: ";") else {
                    throw fail("'&' not followed by a reference ending in ';'", at: position)
                }
                let reference = String(String.UnicodeScalarView(scalars[..<semicolon]))
                scalars = scalars[scalars.index(after: semicolon)...]
                out.unicodeScalars.append(try entity(reference, at: position))
            } else if ch == "\r" {
                if scalars.first == "\n" { scalars = scalars.dropFirst() }
                out += attribute ? " " : "\n"
            } else if attribute && (ch == "\n" || ch == "\t") {
                out += " "
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private func entity(_ reference: String, at position: Int) throws(XMLParseError) -> Unicode.Scalar {
        switch reference {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        var value: UInt32?
        if reference.hasPrefix("#x") {
            value = UInt32(reference.dropFirst(2), radix: 16)
        } else if reference.hasPrefix("#") {
            value = UInt32(reference.dropFirst(), radix: 10)
        }
        guard let value, let scalar = Unicode.Scalar(value) else {
            throw fail("unknown entity reference &\(reference);", at: position)
        }
        return scalar
    }
}
