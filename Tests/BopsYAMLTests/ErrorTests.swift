import BopsDiagnostics
import BopsYAML
import Testing

/// Every error kind of the reader, with the exact position and summary it reports.
@Test(
    arguments: [
        ("a: 1\nb: 2\na: 3\n", ["3:1 duplicate key 'a' (first defined at line 1)"]),
        (
            "a: 1\na: 2\nm:\n  x: 1\n  y: 2\n  x: 3\na: 4\n",
            [
                "2:1 duplicate key 'a' (first defined at line 1)",
                "6:3 duplicate key 'x' (first defined at line 4)",
                "7:1 duplicate key 'a' (first defined at line 1)",
            ]
        ),
        ("{ k: 1, 'k': 2 }\n", ["1:9 duplicate key 'k' (first defined at line 1)"]),
        ("1: a\n01: b\n", ["2:1 duplicate key '01' (first defined at line 1)"]),
        ("a: b: c\n", ["1:5 mapping values are not allowed in this context"]),
        ("a:\n  - 1\n - 2\n", ["3:2 did not find expected key"]),
        ("a: [1, 2\n", ["2:1 did not find expected ',' or ']'"]),
        ("key: 'open\n", ["2:1 found unexpected end of stream"]),
        ("a: @x\n", ["1:4 found character that cannot start any token"]),
        ("a:\n\tb: 1\n", ["2:1 tab character used for indentation"]),
        ("list:\n  - a\n\t- b\n", ["3:1 tab character used for indentation"]),
        ("a: \u{1}\n", ["1:4 control characters are not allowed (byte 0x1)"]),
        ("? {a: 1}\n: v\nb: 2\n", ["1:3 a mapping cannot be a mapping key"]),
        ("[a, b]: 1\nc: 2\n", ["1:1 a list cannot be a mapping key"]),
        (
            "~: v\nnull: w\n? \n: x\n",
            ["1:1 mapping key is null", "2:1 mapping key is null", "3:2 mapping key is null"]
        ),
        ("a: *nope\n", ["1:4 alias *nope refers to no anchor"]),
        ("a: &x [1, *x]\n", ["1:11 alias *x refers to the node that contains it"]),
        ("<<: 1\n", ["1:5 the merge key '<<' needs a mapping or a list of mappings, not integer"]),
        ("b: &b {x: 1}\nm:\n  <<: *b\n  <<: *b\n", ["4:3 duplicate merge key '<<'"]),
        ("v: !!seq [1]\nw: !!str {a: 1}\n", ["2:4 tag !!str cannot apply to a mapping"]),
    ] as [(String, [String])])
func errorsCarryTheirPosition(source: String, expected: [String]) {
    let (_, diagnostics) = parse(source)
    #expect(positions(diagnostics) == expected)
    for d in diagnostics {
        #expect(d.severity == .error)
        #expect(d.range?.file == "t.yaml")
        #expect(d.hint?.isEmpty == false)
    }
}

@Test func tabHintSaysIndentWithSpaces() throws {
    let d = try #require(parse("a:\n\tb: 1\n").diagnostics.items.first)
    #expect(d.hint?.hasPrefix("indent with spaces") == true)
}

@Test func syntaxErrorsCarryLibyamlContext() throws {
    let d = try #require(parse("a: [1, 2\n").diagnostics.items.first)
    #expect(d.detail == "while parsing a flow sequence started at line 1, column 4")
}

@Test func duplicateKeyPointsAtTheSecondKeyAndKeepsTheFirstValue() throws {
    let (documents, diagnostics) = parse("spec:\n  name: a\n  name: b\n")
    let d = try #require(diagnostics.items.first)
    #expect(d.pointer == "/spec/name")
    #expect(d.range?.end == Mark(line: 3, column: 7))
    #expect(documents.first?.root["spec"]?["name"]?.string == "a")
    #expect(documents.first?.root["spec"]?.mapping?.count == 1)
}

@Test func errorsInsideSequencesCarryTheIndexInTheirPointer() throws {
    let d = try #require(parse("items:\n  - ok: 1\n  - x: 1\n    x: 2\n").diagnostics.items.first)
    #expect(d.pointer == "/items/1/x")
}

/// Invalid UTF-8 is found before parsing and reported at the line and column of the bad byte.
@Test(
    arguments: [
        ([0x61, 0x3A, 0x20, 0x31, 0x0A, 0x62, 0x3A, 0x20, 0xFF, 0x0A], "2:4 invalid UTF-8: byte 0xFF"),
        ([0xC3, 0xA9, 0x3A, 0x20, 0xC3, 0x28], "1:4 invalid UTF-8: byte 0xC3"),
        ([0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80], "1:4 invalid UTF-8: byte 0xED"),
        ([0x61, 0x3A, 0x20, 0xC0, 0xAF], "1:4 invalid UTF-8: byte 0xC0"),
        ([0x61, 0x3A, 0x20, 0xF0, 0x9F, 0x98], "1:4 invalid UTF-8: byte 0xF0"),
        ([0xFF, 0xFE, 0x61, 0x00], "1:1 invalid UTF-8: byte 0xFF"),
    ] as [([UInt8], String)])
func invalidUTF8(bytes: [UInt8], expected: String) {
    let (documents, diagnostics) = YAMLReader.parse(bytes, file: "t.yaml")
    #expect(documents.isEmpty)
    #expect(positions(diagnostics) == [expected])
}

@Test func utf16IsNamedInTheHint() throws {
    let d = try #require(YAMLReader.parse([0xFF, 0xFE, 0x61, 0x00], file: "t.yaml").diagnostics.items.first)
    #expect(d.hint?.contains("UTF-16") == true)
}
