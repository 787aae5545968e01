import BopsDiagnostics
import BopsYAML
import Testing

/// The classic alias bomb: nine levels of nine aliases each would expand to 10^9 nodes.
let billionLaughs = """
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

    """

@Test func billionLaughsIsRefused() throws {
    let (documents, diagnostics) = parse(billionLaughs)
    #expect(positions(diagnostics) == ["5:8 aliases expand to more than 10000 nodes"])
    let d = try #require(diagnostics.items.first)
    #expect(d.pointer == "/e/0")
    #expect(d.hint?.contains("alias bomb") == true)
    // The document is returned with refused aliases as nulls, so it stays small.
    #expect(documents.count == 1)
    #expect(documents.first?.root["i"]?.sequence?.first?.scalar?.value == .null)
}

@Test func aliasBudgetCountsEveryCopiedNode() {
    // A copy of {a: 1, b: 2} is five nodes: the mapping, two keys and two values.
    let source = "m: &m {a: 1, b: 2}\nx: *m\ny: *m\n"
    let limits = YAMLLimits(maxBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 10, maxDocuments: 10)
    #expect(parse(source, limits: limits).diagnostics.isEmpty)
    var tight = limits
    tight.maxAliasExpansion = 9
    #expect(
        positions(parse(source, limits: tight).diagnostics) == ["3:4 aliases expand to more than 9 nodes"])
}

@Test func aliasBudgetIsPerDocument() {
    let doc = "m: &m [1, 2, 3]\nx: *m\n"
    let limits = YAMLLimits(maxBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 4, maxDocuments: 10)
    let (documents, diagnostics) = parse(doc + "---\n" + doc, limits: limits)
    #expect(diagnostics.isEmpty)
    #expect(documents.count == 2)
}

@Test(arguments: [64, 65, 200])
func deepBlockNesting(levels: Int) {
    var source = ""
    for level in 0..<levels {
        source += String(repeating: "  ", count: level) + "k\(level):\n"
    }
    source += String(repeating: "  ", count: levels) + "leaf: 1\n"
    // `levels` keys plus the leaf make levels + 1 nested mappings.
    let (documents, diagnostics) = parse(source)
    if levels + 1 <= 64 {
        #expect(diagnostics.isEmpty)
    } else {
        #expect(positions(diagnostics) == ["65:\(2 * 64 + 1) nesting is deeper than 64 levels"])
        #expect(documents.isEmpty)
    }
}

@Test func deepFlowNestingEndsTheFile() throws {
    let depth = 200_000
    let source = String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
    let (documents, diagnostics) = parse(source)
    #expect(positions(diagnostics) == ["1:65 nesting is deeper than 64 levels"])
    let d = try #require(diagnostics.items.first)
    #expect(d.pointer == String(repeating: "/0", count: 64))
    #expect(documents.isEmpty)
}

@Test func documentsBeforeTooDeepNestingAreKept() {
    let (documents, diagnostics) = parse("a: 1\n---\n" + String(repeating: "[", count: 100) + "\n---\nb: 2\n")
    #expect(documents.count == 1)
    #expect(positions(diagnostics) == ["3:65 nesting is deeper than 64 levels"])
}

@Test func oversizedFileIsRefusedBeforeParsing() {
    let limits = YAMLLimits(maxBytes: 10, maxDepth: 64, maxAliasExpansion: 100, maxDocuments: 10)
    let (documents, diagnostics) = parse("a: [broken", limits: limits)
    #expect(documents.isEmpty)
    #expect(!positions(diagnostics).contains { $0.contains("bytes") })
    let (_, over) = parse("a: [broken!", limits: limits)
    #expect(positions(over) == ["1:1 file is 11 bytes, more than the limit of 10 bytes"])
}

@Test func tooManyDocumentsStopsReading() {
    let limits = YAMLLimits(maxBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 100, maxDocuments: 2)
    let (documents, diagnostics) = parse("a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n", limits: limits)
    #expect(documents.count == 2)
    #expect(positions(diagnostics) == ["4:1 more than 2 documents in one file"])
}

@Test func defaultLimits() {
    let d = YAMLLimits.default
    #expect([d.maxBytes, d.maxDepth, d.maxAliasExpansion, d.maxDocuments] == [4 << 20, 64, 10_000, 1_000])
}
