import BopsDiagnostics
import BopsNode
import BopsSchema
import Testing

@Suite("oneOf and anyOf report the branch the user meant")
struct AlternativesTests {
    /// The manifest shape of the job schema: closed properties, one discriminating key per branch.
    let manifest = """
        {"type": "object",
         "properties": {"csv": {"type": "object"}, "inventory": {"type": "object"},
                        "replicationConfiguration": {"type": "object"}},
         "additionalProperties": false,
         "oneOf": [{"required": ["csv"]}, {"required": ["inventory"]}, {"required": ["replicationConfiguration"]}]}
        """

    @Test("Two discriminating keys: names the alternatives and the keys found")
    func severalMatch() throws {
        let found = try violations(manifest, #"{"csv": {}, "inventory": {}}"#)
        #expect(
            found == [
                SchemaViolation(
                    pointer: "", keyword: "oneOf",
                    message:
                        "expected exactly one of csv, inventory, replicationConfiguration, found csv and inventory",
                    hint: "keep only one of csv and inventory", start: mark(1, 1), end: mark(1, 29))
            ])
    }

    @Test("No discriminating key: says which keys are expected")
    func noneMatch() throws {
        let found = try violations(manifest, "{}")
        #expect(found.map(\.message) == ["expected one of: csv, inventory, replicationConfiguration"])
        #expect(found.map(\.hint) == ["add exactly one of csv, inventory or replicationConfiguration"])
    }

    @Test("A misspelt discriminating key: the unknown key and the oneOf both suggest it")
    func misspeltKey() throws {
        let found = try violations(manifest, #"{"cvs": {}}"#)
        #expect(
            found.map(\.message) == [
                "expected one of: csv, inventory, replicationConfiguration", "unknown key 'cvs'",
            ])
        #expect(found.map(\.hint) == ["did you mean 'csv'?", "did you mean 'csv'?"])
    }

    /// Closed branches: each branch allows only its own keys.
    let location = """
        {"oneOf": [
          {"required": ["file"], "properties": {"file": {"type": "string"}}, "additionalProperties": false},
          {"required": ["location"], "properties": {"location": {"type": "object", "required": ["bucket"]},
                                                    "etag": {"type": "string"}},
           "additionalProperties": false}]}
        """

    @Test("One discriminating key present: only that branch's violations")
    func chosenBranch() throws {
        let found = try violations(location, #"{"location": {"key": "k"}, "etag": 5}"#)
        #expect(found.map(\.message) == ["missing required key 'bucket'", "expected string, found integer"])
        #expect(found.map(\.pointer) == ["/location", "/etag"])
    }

    @Test("A key of another branch inside the chosen one is an unknown key there")
    func foreignKey() throws {
        let found = try violations(location, #"{"location": {"bucket": "b"}, "fil": "x"}"#)
        #expect(found.map(\.message) == ["unknown key 'fil'"])
        #expect(found.map(\.hint) == ["allowed keys: location, etag"])
    }

    @Test("A const discriminator picks its branch; an unknown value lists the values")
    func constDiscriminator() throws {
        let schema = """
            {"oneOf": [
              {"properties": {"type": {"const": "copy"}, "to": {"type": "string"}}, "required": ["type", "to"]},
              {"properties": {"type": {"const": "replicate"}}, "required": ["type"]}]}
            """
        let wrongValue = try violations(schema, #"{"type": "kopy"}"#)
        #expect(wrongValue.map(\.message) == ["'kopy' is not one of the allowed values"])
        #expect(wrongValue.map(\.hint) == ["did you mean 'copy'? allowed values: copy, replicate"])
        #expect(wrongValue.map(\.pointer) == ["/type"])
        let chosen = try violations(schema, #"{"type": "copy", "to": 1}"#)
        #expect(chosen.map(\.message) == ["expected string, found integer"])
        #expect(chosen.map(\.pointer) == ["/to"])
    }

    @Test("No branch of the instance's type: names the types the branches accept")
    func typeUnion() throws {
        let found = try violations(#"{"anyOf": [{"type": "string"}, {"type": "integer"}]}"#, "true")
        #expect(found.map(\.message) == ["expected string or integer, found boolean"])
        #expect(found.map(\.keyword) == ["anyOf"])
    }

    @Test("One branch of the instance's type: that branch's violations")
    func typeFiltered() throws {
        let schema = #"{"anyOf": [{"type": "string", "maxLength": 3}, {"type": "object"}]}"#
        let found = try violations(schema, #""abcd""#)
        #expect(found.map(\.message) == ["text is too long: 4 characters, at most 3 allowed"])
    }

    @Test("Branches without keys: several matching report their numbers")
    func anonymousSeveral() throws {
        let found = try violations(#"{"oneOf": [{"minimum": 1}, {"maximum": 10}]}"#, "5")
        #expect(found.map(\.message) == ["the value fits alternatives 1 and 2, but exactly one may fit"])
    }
}
