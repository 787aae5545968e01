import BopsDiagnostics
import BopsNode
import Testing

@Suite struct NodeDecoderTests {
    static let root = try! JSONReader.parse(
        Array(#"{"a": 1, "b/c": ["x", 2], "colour": "red"}"#.utf8), file: "f.json")

    @Test func aValueOfAnotherTypeIsAMismatchAtItsPointer() throws {
        var d = NodeDecoder(file: "f.json")
        #expect(d.string(Self.root, "a", "") == nil)
        #expect(d.strings(Self.root, "b/c", "") == ["x"])
        #expect(d.int(Self.root, "missing", "") == nil)
        #expect(
            d.diagnostics.map(\.summary) == [
                "expected a string at /a, found integer", "expected a string at /b~1c/1, found integer",
            ])
        #expect(d.diagnostics.map(\.pointer) == ["/a", "/b~1c/1"])
        #expect(d.diagnostics.first?.range?.start == Mark(line: 1, column: 7))
    }

    @Test func aWordingSaysTheMismatchItsWay() {
        let plain = NodeDecoder.Wording { m in .error("\(m.key) is not \(m.expected.description)") }
        var d = NodeDecoder(file: "f.json", wording: plain)
        _ = d.object(Self.root, "b/c", "/top")
        #expect(d.diagnostics.map(\.summary) == ["b/c is not an object"])
    }

    @Test func anUnknownKeyIsAnErrorWithTheClosestAllowedOne() throws {
        var d = NodeDecoder(file: "f.json")
        d.checkKeys(
            of: Self.root, allowed: ["a", "b/c", "color"], summary: { "unknown key '\($0)'" }, listing: "none"
        )
        #expect(d.diagnostics.map(\.summary) == ["unknown key 'colour'"])
        #expect(d.diagnostics.map(\.hint) == ["did you mean 'color'?"])
    }
}
