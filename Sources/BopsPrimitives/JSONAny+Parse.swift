extension JSONAny {
    /// Why a text is not JSON: what was expected, at which byte offset (0-based).
    public struct SyntaxError: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at byte \(offset)" }
    }

    /// Nesting deeper than this is refused rather than recursed into.
    static let maxDepth = 512

    /// A recursive-descent reader of one JSON text over its bytes. Strings must be valid UTF-8; a
    /// trailing comma in an array or object is read past (as JSONSerialization reads it).
    struct Reader {
        let bytes: [UInt8]
        var i = 0

        init(_ bytes: some Collection<UInt8>) { self.bytes = Array(bytes) }

        mutating func document() throws(SyntaxError) -> Any {
            let value = try self.value(depth: 0)
            skipSpace()
            guard i == bytes.count else { throw fail("unexpected text after the JSON value") }
            return value
        }

        private func fail(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: i) }

        private mutating func skipSpace() {
            while i < bytes.count,
                bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09
            {
                i += 1
            }
        }

        private mutating func value(depth: Int) throws(SyntaxError) -> Any {
            skipSpace()
            guard i < bytes.count else { throw fail("a JSON value was expected, the text ended") }
            switch bytes[i] {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return try string()
            case UInt8(ascii: "t"): return try literal("true", true)
            case UInt8(ascii: "f"): return try literal("false", false)
            case UInt8(ascii: "n"): return try literal("null", JSONNull())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("a JSON value was expected")
            }
        }

        private mutating func literal(_ word: StaticString, _ value: Any) throws(SyntaxError) -> Any {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { throw fail("\(word) was expected") }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { throw fail("\(word) was expected") }
            i += count
            return value
        }

        private mutating func object(depth: Int) throws(SyntaxError) -> [String: Any] {
            guard depth <= JSONAny.maxDepth else { throw fail("nesting deeper than \(JSONAny.maxDepth)") }
            i += 1
            var out: [String: Any] = [:]
            while true {
                skipSpace()
                guard i < bytes.count else { throw fail("the object is not closed") }
                if bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    return out
                }
                guard bytes[i] == UInt8(ascii: "\"") else {
                    throw fail("an object key (a string) was expected")
                }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("':' was expected") }
                i += 1
                out[key] = try value(depth: depth)
                skipSpace()
                guard i < bytes.count else { throw fail("the object is not closed") }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                } else if bytes[i] != UInt8(ascii: "}") {
                    throw fail("',' or '}' was expected")
                }
            }
        }

        private mutating func array(depth: Int) throws(SyntaxError) -> [Any] {
            guard depth <= JSONAny.maxDepth else { throw fail("nesting deeper than \(JSONAny.maxDepth)") }
            i += 1
            var out: [Any] = []
            while true {
                skipSpace()
                guard i < bytes.count else { throw fail("the array is not closed") }
                if bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    return out
                }
                out.append(try value(depth: depth))
                skipSpace()
                guard i < bytes.count else { throw fail("the array is not closed") }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                } else if bytes[i] != UInt8(ascii: "]") {
                    throw fail("',' or ']' was expected")
                }
            }
        }

        private mutating func number() throws(SyntaxError) -> Any {
            let start = i
            var integral = true
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("a digit was expected") }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
            } else {
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                integral = false
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { throw fail("a digit was expected after '.'") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                integral = false
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else {
                    throw fail("a digit was expected in the exponent")
                }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if integral, let int = Int(text) { return int }
            guard let double = Double(text), double.isFinite else {
                throw fail("the number \(text) is out of range")
            }
            return double
        }

        private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        private mutating func string() throws(SyntaxError) -> String {
            i += 1
            var out: [UInt8] = []
            while true {
                let runStart = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"),
                    bytes[i] >= 0x20
                {
                    i += 1
                }
                out.append(contentsOf: bytes[runStart..<i])
                guard i < bytes.count else { throw fail("the string is not closed") }
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    i += 1
                    guard let text = String(validating: out, as: UTF8.self) else {
                        throw fail("the string is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    i += 1
                    try escape(into: &out)
                default:
                    throw fail("a control character must be escaped in a string")
                }
            }
        }

        private mutating func escape(into out: inout [UInt8]) throws(SyntaxError) {
            guard i < bytes.count else { throw fail("the string is not closed") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                        bytes[i + 1] == UInt8(ascii: "u")
                    else {
                        throw fail("a high surrogate must be followed by a low one")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("a low surrogate was expected") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("a low surrogate without a high one")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("not a Unicode scalar") }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                throw fail("'\\\(Character(Unicode.Scalar(e)))' is not a JSON escape")
            }
        }

        private mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("four hex digits were expected after \\u") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw fail("four hex digits were expected after \\u")
                }
                value = value << 4 | digit
                i += 1
            }
            return value
        }
    }
}
