import Testing

@testable import BopsSchema

/// JSON Schema's `pattern` is an ECMA 262 regular expression, matched anywhere in the string, on
/// Unicode scalars; these rows are where ECMA and the standard library's `Regex` syntax differ.
struct PatternTests {
    @Test(
        "ECMA escapes keep their ECMA meaning",
        arguments: [
            ("^\\d+$", "123", true), ("^\\d+$", "١٢٣", false),
            ("^\\w+$", "abc_1", true), ("^\\w+$", "é", false),
            ("^[\\w-]+$", "a-b", true), ("^\\W$", "é", true),
            ("^\\s$", "\u{FEFF}", true), ("^\\S$", "\u{FEFF}", false),
            ("^\\cJ$", "\n", true), ("^\\cj$", "\n", true), ("^\\cJ$", "J", false),
            ("^[\\cI]$", "\t", true), ("b", "abc", true), ("^b", "abc", false),
        ])
    func ecmaMeaning(pattern: String, text: String, matches: Bool) throws {
        let compiled = try #require(Pattern(pattern), "\(pattern) should compile")
        #expect(compiled.matches(text) == matches, "\(pattern) on \(text.debugDescription)")
    }

    @Test("A pattern Regex cannot read is refused", arguments: ["(", "[a-", "a{2,1}"])
    func refused(pattern: String) {
        #expect(Pattern(pattern) == nil)
    }
}
