import BopsDiagnostics
import BopsNode
import BopsSchema

/// Compiles `schema` (JSON text) and validates `instance` (JSON text) against it.
func violations(_ schema: String, _ instance: String) throws -> [SchemaViolation] {
    let compiled = try JSONSchema(json: Array(schema.utf8), file: "schema.json")
    let node = try JSONReader.parse(Array(instance.utf8), file: "instance.json")
    let found = compiled.validate(node)
    // The quick check must agree with the full one.
    precondition(compiled.isValid(node) == found.isEmpty, "isValid disagrees with validate")
    return found
}

func mark(_ line: Int, _ column: Int) -> Mark { Mark(line: line, column: column) }
