import BopsDiagnostics
import BopsNode
import BopsSchema
import Foundation

/// The official JSON Schema test suite (draft-07) in `<repo>/../shared/conformance`.
enum Conformance {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let draft7 = repoRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/conformance/json-schema-test-suite/tests/draft7")

    static var available: Bool { FileManager.default.fileExists(atPath: draft7.path) }

    /// Left out: remote references (they need a server) and the optional tests not listed here.
    static let excluded: Set<String> = ["refRemote.json"]
    static let optional: [String] = [
        "optional/bignum.json", "optional/ecmascript-regex.json", "optional/float-overflow.json",
        "optional/id.json", "optional/non-bmp-regex.json", "optional/unknownKeyword.json",
        "optional/format/date-time.json", "optional/format/date.json", "optional/format/email.json",
        "optional/format/unknown.json", "optional/format/uri.json",
    ]

    /// Every file that runs, relative to the draft7 folder.
    static var files: [String] {
        guard available, let names = try? FileManager.default.contentsOfDirectory(atPath: draft7.path) else {
            return []
        }
        return names.filter { $0.hasSuffix(".json") && !excluded.contains($0) }.sorted() + optional
    }

    struct Outcome {
        var cases = 0
        var failures: [String] = []
    }

    /// Runs one file: every test must give the expected verdict in both validation modes.
    static func run(_ name: String) throws -> Outcome {
        let url = draft7.appendingPathComponent(name)
        let bytes = try [UInt8](Data(contentsOf: url))
        let root = try JSONReader.parse(bytes, file: name)
        var outcome = Outcome()
        for group in root.sequence ?? [] {
            let groupName = group["description"]?.string ?? "?"
            let tests = group["tests"]?.sequence ?? []
            outcome.cases += tests.count
            guard let schemaNode = group["schema"] else {
                outcome.failures.append("\(name): \(groupName): no schema")
                continue
            }
            let schema: JSONSchema
            do {
                schema = try JSONSchema(schemaNode, file: name)
            } catch {
                let why = error.items.map(\.summary).joined(separator: "; ")
                outcome.failures.append("\(name): \(groupName): schema refused: \(why)")
                continue
            }
            for test in tests {
                guard let data = test["data"], let expected = test["valid"]?.bool else { continue }
                let description = test["description"]?.string ?? "?"
                let quick = schema.isValid(data)
                let violations = schema.validate(data)
                if quick != expected || violations.isEmpty != expected {
                    outcome.failures.append(
                        "\(name): \(groupName): \(description): expected \(expected ? "valid" : "invalid"), "
                            + "isValid \(quick), violations \(violations.map(\.message))")
                }
            }
        }
        return outcome
    }
}
