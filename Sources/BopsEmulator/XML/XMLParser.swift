/// A small recursive-descent XML reader over UTF-8 bytes. Depth is limited so a hostile body
/// cannot exhaust the stack.
struct XMLReader {
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var i = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses a whole document and returns its root element.
    static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XElement {
        var reader = XMLReader(bytes)
        try reader.skipMisc()
        guard reader.peek == UInt8(ascii: "<") else { throw reader.fail("expected the root element") }
        let root = try reader.element(depth: 0)
        try reader.skipMisc()
        guard reader.i == bytes.count else { throw reader.fail("content after the root element") }
        return root
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func fail(_ message: String) -> XMLParseError { XMLParseError(message: message, offset: i) }

    private func starts(with text: String) -> Bool {
        let t = Array(text.utf8)
        return i + t.count <= bytes.count && Array(bytes[i..<i + t.count]) == t
    }

    private mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
    }

    private mutating func skip(past terminator: String) throws(XMLParseError) {
        let t = Array(terminator.utf8)
        while i + t.count <= bytes.count {
            if Array(bytes[i..<i + t.count]) == t {
                i += t.count
                return
            }
            i += 1
        }
        throw fail("unterminated construct, expected \(terminator)")
    }

    /// Whitespace, comments, processing instructions and the XML declaration.
    private mutating func skipMisc() throws(XMLParseError) {
        while true {
            skipSpace()
            if starts(with: "<?") {
                try skip(past: "?>")
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<!DOCTYPE") {
                throw fail("DTDs are not accepted")
            } else {
                return
            }
        }
    }

    private mutating func name() throws(XMLParseError) -> String {
        let start = i
        while let c = peek,
            !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ">")
                || c == UInt8(ascii: "/") || c == UInt8(ascii: "="))
        { i += 1 }
        guard i > start else { throw fail("expected a name") }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    private mutating func element(depth: Int) throws(XMLParseError) -> XElement {
        guard depth < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth)") }
        i += 1  // <
        let qualified = try name()
        var element = XElement(Self.localName(qualified))
        while true {
            skipSpace()
            guard let c = peek else { throw fail("unterminated start tag <\(qualified)>") }
            if c == UInt8(ascii: "/") {
                i += 1
                guard peek == UInt8(ascii: ">") else { throw fail("expected > after /") }
                i += 1
                return element
            }
            if c == UInt8(ascii: ">") {
                i += 1
                break
            }
            let attribute = try name()
            skipSpace()
            guard peek == UInt8(ascii: "=") else { throw fail("expected = after attribute \(attribute)") }
            i += 1
            skipSpace()
            guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw fail("expected a quoted attribute value")
            }
            i += 1
            let start = i
            while let d = peek, d != quote { i += 1 }
            guard peek == quote else { throw fail("unterminated attribute value") }
            element.attributes[attribute] = try decodeEntities(bytes[start..<i])
            i += 1
        }
        var text: [UInt8] = []
        while true {
            guard let c = peek else { throw fail("element <\(qualified)> is not closed") }
            if c != UInt8(ascii: "<") {
                let start = i
                while let d = peek, d != UInt8(ascii: "<") { i += 1 }
                text += Array(try decodeEntities(bytes[start..<i]).utf8)
            } else if starts(with: "</") {
                i += 2
                let closing = try name()
                guard closing == qualified else { throw fail("</\(closing)> closes <\(qualified)>") }
                skipSpace()
                guard peek == UInt8(ascii: ">") else { throw fail("expected > in end tag") }
                i += 1
                element.text = String(decoding: text, as: UTF8.self)
                return element
            } else if starts(with: "<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>")
                text += bytes[start..<i - 3]
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<?") {
                try skip(past: "?>")
            } else {
                element.children.append(try self.element(depth: depth + 1))
            }
        }
    }

    private func decodeEntities(_ slice: ArraySlice<UInt8>) throws(XMLParseError) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out = ""
        var j = slice.startIndex
        while j < slice.endIndex {
            if slice[j] == UInt8(ascii: "&") {
                guard let end = slice[j...].firstIndex(of: UInt8(ascii: ";")) else {
                    throw fail("unterminated entity reference")
                }
                let entity = String(decoding: slice[(j + 1)..<end], as: UTF8.self)
                switch entity {
                case "amp": out += "&"
                case "lt": out += "<"
                case "gt": out += ">"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    let scalar: Unicode.Scalar?
                    if entity.hasPrefix("#x") {
                        scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if entity.hasPrefix("#") {
                        scalar = UInt32(entity.dropFirst(1)).flatMap(Unicode.Scalar.init)
                    } else {
                        scalar = nil
                    }
                    guard let scalar else { throw fail("unknown entity &\(entity);") }
                    out.unicodeScalars.append(scalar)
                }
                j = end + 1
            } else {
                let start = j
                while j < slice.endIndex, slice[j] != UInt8(ascii: "&") { j += 1 }
                out += String(decoding: slice[start..<j], as: UTF8.self)
            }
        }
        return out
    }
}
