import BopsNode
import Testing

/// Plain scalars resolve by the YAML 1.2 core schema.
@Test(arguments: [
    ("null", ScalarValue.null), ("Null", .null), ("NULL", .null), ("~", .null), ("", .null),
    ("nULL", .string("nULL")), ("none", .string("none")),
    ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
    ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)), ("tRUE", .string("tRUE")),
    ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("off", .string("off")),
    ("y", .string("y")), ("n", .string("n")), ("Yes", .string("Yes")), ("ON", .string("ON")),
    ("0", .int(0)), ("42", .int(42)), ("-17", .int(-17)), ("+5", .int(5)), ("007", .int(7)),
    ("0o17", .int(15)), ("0x1F", .int(31)), ("0xff", .int(255)), ("0o8", .string("0o8")),
    ("0xG", .string("0xG")), ("0x", .string("0x")), ("-0x1", .string("-0x1")),
    ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
    ("9223372036854775808", .float(9_223_372_036_854_775_808)),
    ("0xFFFFFFFFFFFFFFFFF", .float(295_147_905_179_352_825_856)),  // 2^68 - 1 rounds to 2^68
    ("1.5", .float(1.5)), ("-2.25", .float(-2.25)), ("1e3", .float(1000)), ("1E-2", .float(0.01)),
    (".5", .float(0.5)), ("1.", .float(1)), ("+1.5e+2", .float(150)),
    (".inf", .float(.infinity)), (".Inf", .float(.infinity)), ("+.INF", .float(.infinity)),
    ("-.inf", .float(-.infinity)), ("-.Inf", .float(-.infinity)),
    ("1e", .string("1e")), ("1.2.3", .string("1.2.3")), (".", .string(".")), ("-x", .string("-x")),
    ("-.", .string("-.")),
    ("1_000", .string("1_000")), ("2030-01-01", .string("2030-01-01")), ("12:30", .string("12:30")),
    ("+", .string("+")), ("e3", .string("e3")), ("-.nan", .string("-.nan")),
    ("GLACIER_IR", .string("GLACIER_IR")), ("us-east-1", .string("us-east-1")),
])
func plainScalarResolution(text: String, expected: ScalarValue) throws {
    let node = try #require(root("v: \(text)\n"))
    #expect(node["v"]?.scalar?.value == expected)
    #expect(node["v"]?.scalar?.text == text)
    #expect(node["v"]?.scalar?.style == .plain)
}

@Test(arguments: [".nan", ".NaN", ".NAN"])
func notANumber(text: String) throws {
    let node = try #require(root("v: \(text)\n"))
    guard case .float(let d)? = node["v"]?.scalar?.value else {
        Issue.record("\(text) did not resolve to a float")
        return
    }
    #expect(d.isNaN)
}

/// Quoted and block scalars are strings whatever their text.
@Test(arguments: [
    ("'123'", "123", ScalarStyle.singleQuoted), ("\"true\"", "true", .doubleQuoted),
    ("\"\"", "", .doubleQuoted), ("'null'", "null", .singleQuoted), ("\"a\\tb\"", "a\tb", .doubleQuoted),
    ("|\n  12\n", "12\n", .literal), (">\n  1.5\n  x\n", "1.5 x\n", .folded), ("|-\n  ~\n", "~", .literal),
])
func quotedAndBlockScalarsAreStrings(source: String, text: String, style: ScalarStyle) throws {
    let node = try #require(root("v: \(source)\n"))
    #expect(node["v"]?.scalar?.value == .string(text))
    #expect(node["v"]?.scalar?.style == style)
}

/// Explicit core tags decide the type; `!` makes a string.
@Test(arguments: [
    ("!!str 123", ScalarValue.string("123")), ("!!str true", .string("true")), ("!!str", .string("")),
    ("!!int \"12\"", .int(12)), ("!!int '0x10'", .int(16)), ("!!float 1", .float(1)),
    ("!!float \"2.5\"", .float(2.5)), ("!!bool 'true'", .bool(true)), ("!!null ''", .null),
    ("! 12", .string("12")), ("!!str null", .string("null")),
])
func explicitTags(source: String, expected: ScalarValue) throws {
    let node = try #require(root("v: \(source)\n"))
    #expect(node["v"]?.scalar?.value == expected)
    #expect(node["v"]?.tag != nil)
}

/// A tagged value that does not fit its tag is an error at the value; the text is kept as a string.
@Test(arguments: [
    ("!!int x", "!!int value \"x\" is not an integer"),
    ("!!float abc", "!!float value \"abc\" is not a number"),
    ("!!bool yes", "!!bool value \"yes\" is not a boolean (true or false)"),
    ("!!null 0", "!!null value \"0\" is not a null"), ("!!map 1", "tag !!map cannot apply to a scalar"),
])
func mismatchedTags(source: String, summary: String) throws {
    let (documents, diagnostics) = parse("a: 1\nv: \(source)\n")
    #expect(positions(diagnostics) == ["2:4 \(summary)"])
    #expect(diagnostics.items.first?.pointer == "/v")
    let value = try #require(documents.first?["v"])
    #expect(value.scalar?.value == .string(value.scalar?.text ?? "?"))
}

@Test func unknownTagIsAWarningAndReadsAsString() throws {
    let (documents, diagnostics) = parse("v: !Ref 12\nw: !!timestamp 2001-12-14\n")
    #expect(diagnostics.items.map(\.severity) == [.warning, .warning])
    #expect(!diagnostics.hasErrors)
    #expect(documents.first?["v"]?.string == "12")
    #expect(documents.first?["w"]?.string == "2001-12-14")
}

@Test func keysKeepTheirResolvedValue() throws {
    let node = try #require(root("1: a\ntrue: b\n1.5: c\nname: d\n"))
    let keys = try #require(node.mapping).map { $0.key.scalar?.value }
    #expect(keys == [.int(1), .bool(true), .float(1.5), .string("name")])
}

extension Document {
    subscript(key: String) -> Node? { root[key] }
}
