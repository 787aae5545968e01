import BopsDiagnostics
import BopsNode
import BopsSchema
import BopsYAML
import Foundation
import Testing

@Suite("Compiling schemas")
struct CompileTests {
    func compileErrors(_ schema: String) -> [Diagnostic] {
        do {
            _ = try JSONSchema(json: Array(schema.utf8), file: "s.json")
            return []
        } catch {
            return error.items
        }
    }

    @Test("A malformed keyword is an error at its value")
    func malformedKeyword() {
        let errors = compileErrors("{\"properties\": {\"a\":\n  {\"minLength\": -1, \"type\": \"text\"}}}")
        #expect(
            errors.map(\.summary) == [
                "invalid schema: 'minLength' must be a non-negative integer",
                "invalid schema: 'type' must be a type name or an array of type names",
            ])
        #expect(errors.map { $0.range?.start } == [mark(2, 17), mark(2, 29)])
    }

    @Test("An unresolvable $ref is an error, and a remote one says only local refs work")
    func unresolvedRef() {
        let local = compileErrors(##"{"$ref": "#/definitions/missing"}"##)
        #expect(local.map(\.summary) == ["invalid schema: cannot resolve $ref '#/definitions/missing'"])
        let remote = compileErrors(#"{"$ref": "http://example.com/other.json"}"#)
        #expect(remote.first?.hint?.contains("only references inside this schema") == true)
    }

    @Test("A bad regular expression is an error")
    func badPattern() {
        #expect(
            compileErrors(#"{"pattern": "(["}"#).map(\.summary) == [
                "invalid schema: 'pattern' must be a valid regular expression"
            ])
    }

    @Test("A schema that refers to itself without consuming the value stops with a violation")
    func selfRecursion() throws {
        let schema = try JSONSchema(json: Array(##"{"allOf": [{"$ref": "#"}]}"##.utf8), file: "s.json")
        let found = schema.validate(try JSONReader.parse(Array("1".utf8), file: "i.json"))
        #expect(found.first?.message.contains("recurses deeper") == true)
    }

    @Test("$ref to definitions, with JSON pointer escapes and $id-based resolution")
    func refs() throws {
        let schema = """
            {"$id": "https://example.com/root.json",
             "definitions": {"a/b": {"type": "integer"}, "c": {"$id": "c.json", "type": "string"}},
             "properties": {"x": {"$ref": "#/definitions/a~1b"}, "y": {"$ref": "c.json"}}}
            """
        #expect(try violations(schema, #"{"x": 1, "y": "s"}"#).isEmpty)
        #expect(try violations(schema, #"{"x": "1", "y": 2}"#).map(\.pointer) == ["/x", "/y"])
    }
}

@Suite("The job spec schema")
struct JobSchemaTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let schemaURL = repo.appendingPathComponent("schemas/job-spec.schema.json")
    static var present: Bool { FileManager.default.fileExists(atPath: schemaURL.path) }

    func load() throws -> JSONSchema {
        try JSONSchema(json: [UInt8](Data(contentsOf: Self.schemaURL)), file: "schemas/job-spec.schema.json")
    }

    func documents(_ name: String) throws -> [Document] {
        let bytes = try [UInt8](Data(contentsOf: Self.repo.appendingPathComponent("specs/\(name)")))
        let parsed = YAMLReader.parse(bytes, file: name)
        #expect(parsed.diagnostics.isEmpty)
        return parsed.documents
    }

    @Test("It is itself valid against the draft-07 meta-schema", .enabled(if: present))
    func metaValid() throws {
        let meta = try JSONSchema(
            json: Array(##"{"$ref": "http://json-schema.org/draft-07/schema#"}"##.utf8), file: "m")
        let node = try JSONReader.parse(
            [UInt8](Data(contentsOf: Self.schemaURL)), file: "job-spec.schema.json")
        #expect(meta.validate(node) == [])
    }

    @Test("Every example spec validates", .enabled(if: present))
    func examples() throws {
        let schema = try load()
        let names = try FileManager.default.contentsOfDirectory(
            atPath: Self.repo.appendingPathComponent("specs").path
        )
        .filter { $0.hasSuffix(".yaml") }
        #expect(!names.isEmpty)
        for name in names {
            for doc in try documents(name) {
                #expect(schema.validate(doc.root) == [], "\(name)")
            }
        }
    }

    @Test("A misspelt key in a real spec is found at its line with the right name", .enabled(if: present))
    func misspeltRealKey() throws {
        let schema = try load()
        let text = """
            apiVersion: bops/v1
            kind: BatchJob
            metadata:
              name: demo
            spec:
              roleArn: arn:aws:iam::111122223333:role/batch
              priority: 10
              manifest:
                csv:
                  file: m.csv
              operation:
                copy:
                  destination: arn:aws:s3:::archive
                  storageclass: GLACIER_IR
              report:
                scope: disabled
            """
        let parsed = YAMLReader.parse(text, file: "demo.yaml")
        let root = try #require(parsed.documents.first?.root)
        let unknown = schema.validate(root)
        #expect(unknown.map(\.message) == ["unknown key 'storageclass'"])
        #expect(unknown.map(\.hint) == ["did you mean 'storageClass'?"])
        #expect(unknown.map(\.pointer) == ["/spec/operation/copy/storageclass"])
        #expect(unknown.map(\.start) == [mark(14, 7)])
    }
}
