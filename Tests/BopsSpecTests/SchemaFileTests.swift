import BopsNode
import BopsSchema
import BopsSpec
import Foundation
import Testing

@Suite(.tags(.process)) struct SchemaFileTests {
    @Test func embeddedSchemaIsTheSchemaFileByteForByte() throws {
        let file = try Repo.bytes(EmbeddedSchema.path)
        #expect(
            Array(EmbeddedSchema.text.utf8) == file,
            "schemas/job-spec.schema.json changed: run scripts/gen-schema-artifacts.py")
    }

    /// The embedded copy and docs/spec-reference.md are exactly what the generator writes now.
    @Test func generatedFilesAreUpToDate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Repo.root.appendingPathComponent("scripts/gen-schema-artifacts.py").path, "--check",
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }

    @Test func schemaCompiles() throws {
        _ = try JSONSchema(json: Array(EmbeddedSchema.text.utf8), file: EmbeddedSchema.path)
    }

    /// Every property has a description and every object schema is closed.
    @Test func everyPropertyIsDescribedAndEveryObjectClosed() throws {
        let root = try JSONReader.parse(Array(EmbeddedSchema.text.utf8), file: EmbeddedSchema.path)
        var problems: [String] = []
        var properties = 0
        func visit(_ node: Node, _ path: String) {
            guard node.mapping != nil else { return }
            if let props = node["properties"]?.mapping {
                if node["additionalProperties"]?.bool != false { problems.append("\(path): not closed") }
                for pair in props {
                    let name = pair.key.string ?? "?"
                    properties += 1
                    if (pair.value["description"]?.string ?? "").isEmpty {
                        problems.append("\(path).\(name): no description")
                    }
                    visit(pair.value, path + "." + name)
                }
            }
            for key in ["items", "additionalProperties"] { if let n = node[key] { visit(n, path + "[]") } }
        }
        visit(root, "$")
        #expect(properties > 80)
        #expect(problems.isEmpty, "\(problems)")
        #expect(root["$id"]?.string?.isEmpty == false)
        #expect(root["$schema"]?.string == "http://json-schema.org/draft-07/schema#")
    }
}
