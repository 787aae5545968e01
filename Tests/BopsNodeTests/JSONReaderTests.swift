import BopsDiagnostics
import BopsNode
import Testing

@Suite("Strict JSON reader")
struct JSONReaderTests {
    func parse(_ text: String) throws(Diagnostics) -> Node {
        try JSONReader.parse(Array(text.utf8), file: "t.json")
    }

    func error(_ text: String) -> Diagnostic? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.items.first
        }
    }

    @Test("Values, types and 1-based marks")
    func values() throws {
        let root = try parse("{\"a\": [1, 2.5, 1e2, -0, true, null, \"x\"],\n \"é\": 9223372036854775808}")
        let items = try #require(root["a"]?.sequence)
        #expect(
            items.map(\.typeName) == ["integer", "number", "number", "integer", "boolean", "null", "string"])
        #expect(items[0].start == mark(1, 8) && items[0].end == mark(1, 9))
        #expect(root.start == mark(1, 1) && root.end == mark(2, 27))
        let big = try #require(root.mapping?.last)
        #expect(big.key.start == mark(2, 2) && big.key.end == mark(2, 5))
        #expect(big.value.typeName == "number")
    }

    @Test("Escapes, including surrogate pairs")
    func escapes() throws {
        let node = try parse(#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#)
        #expect(node.string == "\"\\/\u{08}\u{0C}\n\r\té😀")
    }

    @Test(
        "Malformed input is an error with line and column",
        arguments: [
            ("{\"a\": 1,\n \"a\": 2}", "invalid JSON: duplicate key 'a' (first at 1:2)", mark(2, 2)),
            ("[1, 2,]", "invalid JSON: expected a value", mark(1, 7)),
            ("{\"a\": 1,}", "invalid JSON: expected a key in double quotes", mark(1, 9)),
            ("01", "invalid JSON: a number must not have leading zeros", mark(1, 1)),
            ("\"\\ud800\"", "invalid JSON: unpaired high surrogate in a \\u escape", mark(1, 2)),
            ("\"a\nb\"", "invalid JSON: control character byte 0xA inside a string", mark(1, 3)),
            ("[1] 2", "invalid JSON: unexpected content after the JSON value", mark(1, 5)),
            ("{\"a\" 1}", "invalid JSON: expected ':' after the key 'a'", mark(1, 6)),
            ("tru", "invalid JSON: invalid literal, expected 'true'", mark(1, 1)),
            ("", "invalid JSON: unexpected end of input, expected a value", mark(1, 1)),
            ("\"\\x\"", "invalid JSON: invalid escape '\\'x''", mark(1, 2)),
        ])
    func malformed(_ text: String, _ summary: String, _ at: Mark) {
        let d = error(text)
        #expect(d?.summary == summary)
        #expect(d?.range?.start == at)
        #expect(d?.range?.file == "t.json")
    }

    @Test("Invalid UTF-8 inside a string is an error")
    func invalidUTF8() {
        do {
            _ = try JSONReader.parse([0x22, 0xC3, 0x28, 0x22], file: "t.json")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.items.first?.summary == "invalid JSON: invalid UTF-8 inside a string")
        }
    }

    @Test("Nesting deeper than the limit is refused, not a crash")
    func depth() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(error(deep)?.summary == "invalid JSON: nesting deeper than \(JSONReader.maxDepth) levels")
    }
}
