import BopsDiagnostics
import BopsNode
import Testing

/// Start and end marks of nodes reached by a JSON pointer in `sampleSpec`'s first document.
@Test(arguments: [
    ("/apiVersion", "2:13", "2:20"), ("/metadata/name", "5:9", "5:27"), ("/spec/account", "7:12", "7:26"),
    ("/spec/priority", "10:13", "10:15"), ("/spec/manifest/csv/file", "16:18", "16:41"),
    ("/spec/manifest/csv/fields/1", "16:60", "16:63"), ("/spec/manifest/csv/fields", "16:51", "16:64"),
    ("/spec/operation/copy/tags/set/tier", "22:43", "22:47"), ("/spec/tags/note", "28:11", "31:1"),
])
func valueMarks(pointer: String, start: String, end: String) throws {
    let (documents, diagnostics) = parse(sampleSpec)
    #expect(diagnostics.isEmpty)
    let node = try #require(documents.first?.root.lookup(pointer: pointer))
    #expect(node.start.description == start)
    #expect(node.end.description == end)
}

/// Keys carry their own marks: the start of the key text, columns counted in characters.
@Test(arguments: [
    ("name: x\n", "name", "1:1", "1:5"), ("a:\n  b:\n    deep: 1\n", "deep", "3:5", "3:9"),
    ("é: ü\nkey: 1\n", "key", "2:1", "2:4"), ("{ x: 1, \"quoted key\": 2 }\n", "quoted key", "1:9", "1:21"),
    ("ü😀ü: 1\nnext: 2\n", "next", "2:1", "2:5"), ("a: 1\r\nb: 2\r\n", "b", "2:1", "2:2"),
])
func keyMarks(source: String, key: String, start: String, end: String) throws {
    let (documents, _) = parse(source)
    var found: Node?
    func visit(_ node: Node) {
        for pair in node.mapping ?? [] {
            if pair.key.string == key { found = pair.key }
            visit(pair.value)
        }
        for item in node.sequence ?? [] { visit(item) }
    }
    for document in documents { visit(document.root) }
    let node = try #require(found)
    #expect(node.start.description == start)
    #expect(node.end.description == end)
}

@Test func multiLineScalarsSpanTheirLines() throws {
    let node = try #require(root("text: >\n  one\n  two\nquoted: \"a\n  b\"\nafter: 1\n"))
    #expect(node["text"]?.start == Mark(line: 1, column: 7))
    #expect(node["text"]?.end == Mark(line: 4, column: 1))
    #expect(node["quoted"]?.start == Mark(line: 4, column: 9))
    #expect(node["quoted"]?.end == Mark(line: 5, column: 5))
    #expect(node["quoted"]?.string == "a b")
}

@Test func multipleDocumentsKeepTheirOwnMarksAndIndices() throws {
    let (documents, diagnostics) = parse(sampleSpec)
    #expect(diagnostics.isEmpty)
    #expect(documents.map(\.index) == [0, 1])
    #expect(documents.map(\.file) == ["t.yaml", "t.yaml"])
    let second = try #require(documents.last?.root)
    #expect(second.start == Mark(line: 32, column: 1))
    #expect(second["metadata"]?["name"]?.string == "second")
    #expect(second["metadata"]?["name"]?.start == Mark(line: 34, column: 19))
}

/// Files and documents with nothing but comments or blank lines yield no document and no error.
@Test(arguments: [
    "", "\n\n", "# only a comment\n", "---\n", "---\n# c\n...\n", "# a\n---\n# b\n---\n",
])
func emptyDocumentsAreSkipped(source: String) {
    let (documents, diagnostics) = parse(source)
    #expect(documents.isEmpty)
    #expect(diagnostics.isEmpty)
}

@Test func explicitNullDocumentIsKept() {
    let (documents, diagnostics) = parse("--- ~\n---\nnull\n--- ''\n")
    #expect(diagnostics.isEmpty)
    #expect(documents.map(\.root.scalar?.value) == [.null, .null, .string("")])
}

@Test func documentsBeforeASyntaxErrorAreReturned() {
    let (documents, diagnostics) = parse("a: 1\n---\nb: 2\n---\nc: [\n")
    #expect(documents.map { $0.root.mapping?.first?.key.string } == ["a", "b"])
    #expect(diagnostics.count == 1)
}

@Test func byteOrderMarkIsSkipped() throws {
    let node = try #require(root("\u{FEFF}a: 1\n"))
    #expect(node["a"]?.int == 1)
    #expect(node.mapping?.first?.key.start == Mark(line: 1, column: 1))
}
