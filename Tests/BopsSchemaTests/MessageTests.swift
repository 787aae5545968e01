import BopsDiagnostics
import BopsNode
import BopsSchema
import Testing

@Suite("Human-quality violations")
struct MessageTests {
    let closed = """
        {"type": "object", "properties": {"storageClass": {"type": "string"}, "bucket": {"type": "string"}},
         "additionalProperties": false}
        """

    @Test("An unknown key is reported at the key, with the closest allowed name")
    func unknownKeyDidYouMean() throws {
        let found = try violations(
            closed, #"{"bucket": "b",\n "storageclass": "X"}"#.replacing("\\n", with: "\n"))
        #expect(
            found == [
                SchemaViolation(
                    pointer: "/storageclass", keyword: "additionalProperties",
                    message: "unknown key 'storageclass'",
                    hint: "did you mean 'storageClass'?", start: mark(2, 2), end: mark(2, 16))
            ])
    }

    @Test("An unknown key far from every allowed name lists the allowed keys")
    func unknownKeyListsAllowed() throws {
        let found = try violations(closed, #"{"region": "us-east-1"}"#)
        #expect(found.count == 1)
        #expect(found.first?.message == "unknown key 'region'")
        #expect(found.first?.hint == "allowed keys: storageClass, bucket")
        #expect(found.first?.pointer == "/region")
        #expect(found.first?.start == mark(1, 2))
    }

    @Test("Every unknown key gets its own violation, in document order")
    func everyUnknownKey() throws {
        let found = try violations(closed, #"{"x": 1, "bucket": "b", "y": 2}"#)
        #expect(found.map(\.message) == ["unknown key 'x'", "unknown key 'y'"])
        #expect(found.map(\.start) == [mark(1, 2), mark(1, 25)])
    }

    @Test("A wrong enum value lists the allowed values and the close one")
    func enumDidYouMean() throws {
        let schema = #"{"properties": {"storageClass": {"enum": ["STANDARD", "GLACIER", "GLACIER_IR"]}}}"#
        let found = try violations(schema, #"{"storageClass": "GLACIERIR"}"#)
        #expect(
            found == [
                SchemaViolation(
                    pointer: "/storageClass", keyword: "enum",
                    message: "'GLACIERIR' is not one of the allowed values",
                    hint: "did you mean 'GLACIER_IR'? allowed values: STANDARD, GLACIER, GLACIER_IR",
                    start: mark(1, 18), end: mark(1, 29))
            ])
    }

    @Test("A wrong enum value far from all of them only lists them")
    func enumListsValues() throws {
        let found = try violations(#"{"enum": ["all", "failed"]}"#, "42")
        #expect(found.map(\.message) == ["42 is not one of the allowed values"])
        #expect(found.map(\.hint) == ["allowed values: all, failed"])
    }

    @Test("A missing required key is reported at the mapping, with its pointer")
    func requiredKey() throws {
        let schema = #"{"properties": {"spec": {"required": ["roleArn", "priority"]}}}"#
        let found = try violations(schema, "{\"spec\":\n  {\"priority\": 1}}")
        #expect(
            found == [
                SchemaViolation(
                    pointer: "/spec", keyword: "required", message: "missing required key 'roleArn'",
                    hint: nil,
                    start: mark(2, 3), end: mark(2, 18))
            ])
    }

    @Test("A missing key next to a misspelt one says so")
    func requiredKeyMisspelt() throws {
        let found = try violations(#"{"required": ["roleArn"]}"#, #"{"rolearn": "x"}"#)
        #expect(found.map(\.hint) == ["found 'rolearn'; did you mean 'roleArn'?"])
    }

    @Test("A wrong type names both types and says how to write the expected one")
    func typeMismatch() throws {
        let schema = #"{"properties": {"account": {"type": "string"}, "copy": {"type": "object"}}}"#
        let found = try violations(schema, #"{"account": 123456789012, "copy": "yes"}"#)
        #expect(found.map(\.message) == ["expected string, found integer", "expected object, found string"])
        #expect(
            found.map(\.hint) == [
                "put the value in quotes to make it a string", "write a mapping here (key: value lines)",
            ])
        #expect(found.map(\.pointer) == ["/account", "/copy"])
    }

    @Test("A list where a mapping is expected is called a list in the hint")
    func typeList() throws {
        let found = try violations(#"{"type": "array"}"#, #"{"a": 1}"#)
        #expect(found.map(\.message) == ["expected array, found object"])
        #expect(found.map(\.hint) == ["write a list here (lines starting with '- ')"])
    }

    @Test("Pointers escape '/' and '~' and count list items from 0")
    func pointerEscapes() throws {
        let schema = #"{"additionalProperties": {"items": {"type": "integer"}}}"#
        let found = try violations(schema, #"{"a/b~c": [1, 2, "x"]}"#)
        #expect(found.map(\.pointer) == ["/a~1b~0c/2"])
    }

    @Test("Numbers compare mathematically: 1.0 is an integer, 10 is above a maximum of 9.5")
    func numbers() throws {
        #expect(try violations(#"{"type": "integer"}"#, "1.0").isEmpty)
        let found = try violations(#"{"maximum": 9.5, "minimum": 1}"#, "10")
        #expect(found.map(\.message) == ["10 is greater than the maximum 9.5"])
    }

    @Test("Lengths count code points")
    func lengths() throws {
        #expect(try violations(#"{"maxLength": 2}"#, #""\ud83d\ude00é""#).isEmpty)
        let found = try violations(#"{"maxLength": 2}"#, #""abc""#)
        #expect(found.map(\.message) == ["text is too long: 3 characters, at most 2 allowed"])
    }

    @Test("A pattern failure uses the schema's description as the hint")
    func patternHint() throws {
        let schema = #"{"pattern": "^[a-z0-9-]+$", "description": "Lowercase letters, digits and -."}"#
        let found = try violations(schema, #""Logs_2024""#)
        #expect(found.map(\.message) == ["'Logs_2024' does not match the pattern ^[a-z0-9-]+$"])
        #expect(found.map(\.hint) == ["Lowercase letters, digits and -."])
    }

    @Test("A bad date-time names the format and shows an example")
    func formatDateTime() throws {
        let found = try violations(#"{"format": "date-time"}"#, #""2030-02-30T00:00:00Z""#)
        #expect(found.map(\.message) == ["'2030-02-30T00:00:00Z' is not a valid date-time"])
        #expect(found.map(\.hint) == ["write an RFC 3339 date-time such as 2030-01-31T12:00:00Z"])
        #expect(try violations(#"{"format": "date-time"}"#, #""2030-01-31T12:00:00.5+01:00""#).isEmpty)
    }
}
