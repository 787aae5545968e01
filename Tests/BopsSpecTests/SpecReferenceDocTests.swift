import BopsNode
import BopsSchema
import BopsSpec
import Testing

/// docs/spec-reference.md is generated from the schema by scripts/gen-schema-artifacts.py; it must name
/// every property path with its current description, and nothing that is no longer in the schema.
@Suite struct SpecReferenceDocTests {
    static func properties(_ node: Node, _ path: String, into out: inout [(String, String)]) {
        for pair in node["properties"]?.mapping ?? [] {
            let name = pair.key.string ?? "?"
            let p = path.isEmpty ? name : path + "." + name
            out.append((p, pair.value["description"]?.string ?? ""))
            properties(pair.value, p, into: &out)
            if let items = pair.value["items"], items["properties"] != nil {
                properties(items, p + "[]", into: &out)
            }
        }
    }

    @Test func docDescribesEveryPropertyOfTheSchema() throws {
        let schema = try JSONReader.parse(Array(EmbeddedSchema.text.utf8), file: EmbeddedSchema.path)
        let doc = try Repo.text("docs/spec-reference.md")
        var props: [(String, String)] = []
        Self.properties(schema, "", into: &props)
        #expect(props.count > 80)
        var stale: [String] = []
        for (path, description) in props where !doc.contains("## `\(path)`\n\n\(description)\n") {
            stale.append(path)
        }
        #expect(
            stale.isEmpty,
            "docs/spec-reference.md is out of date for \(stale); run scripts/gen-schema-artifacts.py")
        let documented = doc.split(separator: "\n").filter { $0.hasPrefix("## `") }.count
        #expect(
            documented == props.count,
            "the doc lists paths the schema no longer has; run scripts/gen-schema-artifacts.py")
    }
}
