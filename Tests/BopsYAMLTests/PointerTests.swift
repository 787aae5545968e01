import BopsDiagnostics
import BopsNode
import Testing

@Test(
    arguments: [
        ("", "object"), ("/spec/priority", "10"), ("/spec/manifest/csv/fields/0", "Bucket"),
        ("/spec/tags/cost-center", "42"), ("/a~1b", "slash"), ("/t~0x", "tilde"),
        ("/spec/manifest/csv/fields/01", nil),
        ("/spec/manifest/csv/fields/9", nil), ("/spec/nothing", nil), ("/spec/priority/x", nil),
        ("spec", nil),
        ("/spec/manifest/csv/fields/-1", nil),
    ] as [(String, String?)])
func lookupByPointer(pointer: String, text: String?) throws {
    let (documents, _) = parse(sampleSpec + "---\n")
    var node = try #require(documents.first?.root)
    node.content = .mapping((node.mapping ?? []) + [extra("a/b", "slash"), extra("t~x", "tilde")])
    let found = node.lookup(pointer: pointer)
    if text == "object" {
        #expect(found == node)
    } else {
        #expect(found?.scalar?.text == text)
    }
}

@Test func nearestStopsAtTheDeepestExistingNode() throws {
    let node = try #require(root("spec:\n  manifest:\n    csv: {}\n"))
    #expect(node.nearest(pointer: "/spec/manifest/csv/file").start.description == "3:10")
    #expect(node.nearest(pointer: "/spec/nothing/x").start.description == "2:3")
    #expect(node.nearest(pointer: "/missing") == node)
}

@Test(arguments: [("plain", "plain"), ("a/b", "a~1b"), ("~/", "~0~1"), ("x~1", "x~01")])
func escapePointerToken(token: String, escaped: String) {
    #expect(Node.escapePointerToken(token) == escaped)
}

private func extra(_ key: String, _ value: String) -> Node.Pair {
    let m = Mark(line: 1, column: 1)
    return Node.Pair(
        key: Node(.scalar(Scalar(text: key, style: .plain, value: .string(key))), start: m, end: m),
        value: Node(.scalar(Scalar(text: value, style: .plain, value: .string(value))), start: m, end: m))
}
