import BopsNode
import Testing

@Test func aliasesExpandIntoCopiesAtTheAliasPosition() throws {
    let node = try #require(root("base: &b { region: us-east-1, n: 2 }\ncopy: *b\nlist: [*b, *b]\n"))
    #expect(node["copy"]?["region"]?.string == "us-east-1")
    #expect(node["copy"]?.start.description == "2:7")
    #expect(node["list"]?.sequence?.count == 2)
    #expect(node["list"]?.sequence?.last?["n"]?.int == 2)
}

@Test func anchorsAreScopedToTheirDocument() {
    let (documents, diagnostics) = parse("a: &x 1\n---\nb: *x\n")
    #expect(positions(diagnostics) == ["3:4 alias *x refers to no anchor"])
    #expect(documents.count == 2)
    #expect(documents.last?.root["b"]?.scalar?.value == .null)
}

@Test func undefinedAliasSuggestsAClosestAnchor() throws {
    let d = try #require(parse("defaults: &defaults {a: 1}\nx: *defualts\n").diagnostics.items.first)
    #expect(d.hint?.hasPrefix("did you mean *defaults?") == true)
}

/// `<<` merges mappings; explicit keys win, then the first listed mapping.
@Test(
    arguments: [
        ("m:\n  <<: *a\n  x: 9\n", ["x": "9", "y": "2"], ["y", "x"]),
        ("m:\n  x: 9\n  <<: *a\n", ["x": "9", "y": "2"], ["x", "y"]),
        ("m:\n  <<: [*b, *a]\n", ["x": "1", "y": "3", "z": "4"], ["y", "z", "x"]),
        ("m:\n  <<: [*a, *b]\n  z: 0\n", ["x": "1", "y": "2", "z": "0"], ["x", "y", "z"]),
        ("m:\n  <<: {x: 5}\n", ["x": "5"], ["x"]),
    ] as [(String, [String: String], [String])])
func mergeKeys(body: String, expected: [String: String], order: [String]) throws {
    let node = try #require(root("a: &a {x: 1, y: 2}\nb: &b {y: 3, z: 4}\n" + body))
    let pairs = try #require(node["m"]?.mapping)
    #expect(pairs.compactMap(\.key.string) == order)
    var values: [String: String] = [:]
    for p in pairs { values[p.key.string ?? "?"] = p.value.scalar?.text }
    #expect(values == expected)
}

@Test func quotedMergeKeyIsAnOrdinaryKey() throws {
    let node = try #require(root("a: &a {x: 1}\nm:\n  '<<': *a\n"))
    #expect(node["m"]?["<<"]?["x"]?.int == 1)
}
