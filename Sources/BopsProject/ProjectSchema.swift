import BopsDiagnostics
import BopsNode
import BopsSchema

/// The JSON Schema check of `bops.yaml` (schemas/project.schema.json, embedded byte for byte):
/// editors read the same file through the yaml-language-server modeline.
///
/// The project reader (``ProjectConfig/parse(_:file:root:)``) decodes each key with its own
/// wording; the schema is its second line: a document the reader found no fault in is still
/// checked against it, so the file never holds anything the schema does not describe.
enum ProjectSchema {
    /// The compiled embedded schema, or why it did not compile (a defect of bops, not of the input).
    static let compiled: Result<JSONSchema, Diagnostics> = {
        do {
            return .success(
                try JSONSchema(json: Array(EmbeddedProjectSchema.text.utf8), file: EmbeddedProjectSchema.path)
            )
        } catch let problems as Diagnostics {
            return .failure(problems)
        } catch {
            return .failure(Diagnostics([.error("\(error)", at: nil, hint: nil)]))
        }
    }()

    /// Every violation of `root` (the project document of `file`), each at its key.
    static func check(_ root: Node, file: String) -> Diagnostics {
        switch compiled {
        case .failure(let problems): return problems
        case .success(let schema):
            return Diagnostics(
                schema.validate(root).map { violation in
                    var d = violation.diagnostic(in: file)
                    if d.hint == nil {
                        d.hint = "see docs/project-reference.md (the schema is schemas/project.schema.json)"
                    }
                    return d
                })
        }
    }
}
