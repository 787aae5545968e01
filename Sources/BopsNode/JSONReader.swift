public import BopsDiagnostics

/// A strict RFC 8259 JSON parser that produces the same `Node` tree as the YAML reader.
///
/// Invariants: every node carries 1-based marks (columns count Unicode code points, `end` is the mark
/// just past the value); strings become `.string` scalars in double-quoted style; a number literal
/// without fraction or exponent that fits `Int` becomes `.int`, any other number `.float`; `true`,
/// `false` and `null` become `.bool` and `.null`. Duplicate object keys, invalid UTF-8, lone
/// surrogates, control characters in strings, nesting deeper than `maxDepth` and trailing content are
/// errors. A leading UTF-8 byte order mark is skipped.
public enum JSONReader {
    /// The deepest nesting of arrays and objects accepted.
    public static let maxDepth = 512

    /// Parses one JSON text. Throws one diagnostic at the first error, with its line and column.
    public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostics) -> Node {
        var parser = JSONParser(bytes: bytes, file: file)
        do {
            return try parser.parseDocument()
        } catch {
            throw Diagnostics([error.diagnostic])
        }
    }
}

struct JSONSyntaxError: Error {
    var diagnostic: Diagnostic
}

struct JSONParser {
    let bytes: [UInt8]
    let file: String
    var index = 0
    var line = 1
    var column = 1
    var depth = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    var mark: Mark { Mark(line: line, column: column) }

    mutating func parseDocument() throws(JSONSyntaxError) -> Node {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        let node = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw failure("unexpected content after the JSON value", hint: "a JSON text holds one value")
        }
        return node
    }

    func failure(_ summary: String, at: Mark? = nil, hint: String? = nil) -> JSONSyntaxError {
        let start = at ?? mark
        let end = Mark(line: start.line, column: start.column + 1)
        return JSONSyntaxError(
            diagnostic: .error(
                "invalid JSON: \(summary)", at: SourceRange(file: file, start: start, end: end), hint: hint))
    }

    /// Advances over one byte; columns advance once per code point (not per continuation byte).
    mutating func advance() {
        let b = bytes[index]
        index += 1
        if b == 0x0A {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func parseValue() throws(JSONSyntaxError) -> Node {
        guard let b = current else {
            throw failure("unexpected end of input, expected a value")
        }
        switch b {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""):
            let start = mark
            let text = try parseString()
            return Node(
                .scalar(Scalar(text: text, style: .doubleQuoted, value: .string(text))), start: start,
                end: mark)
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default:
            throw failure(
                "unexpected character \(describe(b)), expected a value",
                hint: "values are objects, arrays, strings in double quotes, numbers, true, false or null")
        }
    }

    func describe(_ b: UInt8) -> String {
        if b >= 0x21, b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONReader.maxDepth {
            throw failure("nesting deeper than \(JSONReader.maxDepth) levels")
        }
    }

    mutating func parseLiteral(_ word: String, _ value: ScalarValue) throws(JSONSyntaxError) -> Node {
        let start = mark
        for expected in word.utf8 {
            guard current == expected else {
                throw failure("invalid literal, expected '\(word)'", at: start)
            }
            advance()
        }
        return Node(.scalar(Scalar(text: word, style: .plain, value: value)), start: start, end: mark)
    }

    mutating func parseObject() throws(JSONSyntaxError) -> Node {
        let start = mark
        try enter()
        advance()
        var pairs: [Node.Pair] = []
        var seen: [String: Mark] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return Node(.mapping(pairs), start: start, end: mark)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw failure(
                    current == nil
                        ? "unexpected end of input inside an object" : "expected a key in double quotes",
                    hint: current == UInt8(ascii: "}") ? "JSON does not allow a trailing comma" : nil)
            }
            let keyStart = mark
            let key = try parseString()
            if let first = seen[key] {
                throw failure("duplicate key '\(key)' (first at \(first))", at: keyStart)
            }
            seen[key] = keyStart
            let keyNode = Node(
                .scalar(Scalar(text: key, style: .doubleQuoted, value: .string(key))), start: keyStart,
                end: mark)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw failure("expected ':' after the key '\(key)'")
            }
            advance()
            skipWhitespace()
            let value = try parseValue()
            pairs.append(Node.Pair(key: keyNode, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "}"):
                advance()
                depth -= 1
                return Node(.mapping(pairs), start: start, end: mark)
            case nil: throw failure("unexpected end of input inside an object", hint: "close it with '}'")
            default: throw failure("expected ',' or '}' after an object member")
            }
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> Node {
        let start = mark
        try enter()
        advance()
        var items: [Node] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return Node(.sequence(items), start: start, end: mark)
        }
        while true {
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                throw failure("expected a value", hint: "JSON does not allow a trailing comma")
            }
            items.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "]"):
                advance()
                depth -= 1
                return Node(.sequence(items), start: start, end: mark)
            case nil: throw failure("unexpected end of input inside an array", hint: "close it with ']'")
            default: throw failure("expected ',' or ']' after an array element")
            }
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> Node {
        let start = mark
        let begin = index
        var integral = true
        if current == UInt8(ascii: "-") { advance() }
        guard let first = current, isDigit(first) else {
            throw failure("expected a digit in the number")
        }
        advance()
        if first == UInt8(ascii: "0"), let next = current, isDigit(next) {
            throw failure("a number must not have leading zeros", at: start)
        }
        while let c = current, isDigit(c) { advance() }
        if current == UInt8(ascii: ".") {
            integral = false
            advance()
            guard let c = current, isDigit(c) else {
                throw failure("expected a digit after the decimal point")
            }
            while let c = current, isDigit(c) { advance() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard let c = current, isDigit(c) else { throw failure("expected a digit in the exponent") }
            while let c = current, isDigit(c) { advance() }
        }
        let text = String(decoding: bytes[begin..<index], as: UTF8.self)
        let value: ScalarValue
        if integral, let i = Int(text) {
            value = .int(i)
        } else if let d = Double(text) {
            value = .float(d)
        } else {
            throw failure("number '\(text)' cannot be represented", at: start)
        }
        return Node(.scalar(Scalar(text: text, style: .plain, value: value)), start: start, end: mark)
    }

    func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// Parses a string starting at its opening quote; validates UTF-8 and decodes every escape.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let stringStart = mark
        advance()
        var scalars = String.UnicodeScalarView()
        var runStart = index
        var simple = true
        while true {
            guard let b = current else {
                throw failure("unexpected end of input inside a string", hint: "close it with '\"'")
            }
            if b == UInt8(ascii: "\"") {
                if simple {
                    let s = try decodeRun(runStart, index, stringStart)
                    advance()
                    return s
                }
                scalars.append(contentsOf: try decodeRun(runStart, index, stringStart).unicodeScalars)
                advance()
                return String(scalars)
            }
            if b < 0x20 {
                throw failure(
                    "control character \(describe(b)) inside a string",
                    hint: b == 0x0A ? "write a line break as \\n" : "escape it as \\u00XX")
            }
            if b == UInt8(ascii: "\\") {
                simple = false
                scalars.append(contentsOf: try decodeRun(runStart, index, stringStart).unicodeScalars)
                scalars.append(try parseEscape())
                runStart = index
                continue
            }
            advance()
        }
    }

    func decodeRun(_ from: Int, _ to: Int, _ stringStart: Mark) throws(JSONSyntaxError) -> String {
        if from == to { return "" }
        guard let s = String(validating: bytes[from..<to], as: UTF8.self) else {
            throw failure("invalid UTF-8 inside a string", at: stringStart, hint: "save the file as UTF-8")
        }
        return s
    }

    mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = mark
        advance()
        guard let c = current else { throw failure("unexpected end of input inside an escape") }
        advance()
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4(start)
            if high >= 0xD800, high < 0xDC00 {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count,
                    bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw failure("unpaired high surrogate in a \\u escape", at: start)
                }
                advance()
                advance()
                let low = try parseHex4(start)
                guard low >= 0xDC00, low < 0xE000 else {
                    throw failure("a high surrogate must be followed by a low surrogate", at: start)
                }
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else {
                    throw failure("invalid \\u escape", at: start)
                }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else {
                throw failure("unpaired low surrogate in a \\u escape", at: start)
            }
            return scalar
        default:
            throw failure(
                "invalid escape '\\\(describe(c))'", at: start,
                hint: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    mutating func parseHex4(_ start: Mark) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current else { throw failure("unexpected end of input inside a \\u escape") }
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw failure("a \\u escape needs four hex digits", at: start)
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }
}
