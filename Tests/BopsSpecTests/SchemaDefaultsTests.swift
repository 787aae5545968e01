import BopsSchema
import BopsSpec
import BopsYAML
import Foundation
import Testing

/// Every `default` of schemas/job-spec.schema.json is what the decoder fills in: for each one, a
/// minimal spec without that key decodes to the default (`JobSpec.Defaults` is the one home).
@Suite struct SchemaDefaultsTests {
    /// The value the decoder produced at a property path, written as the schema writes its default
    /// (scalars as text, arrays as comma-joined text).
    static let decoded: [String: @Sendable (JobSpec) -> String?] = [
        "spec.priority": { String($0.priority) },
        "spec.confirmationRequired": { String($0.confirmationRequired) },
        "spec.confirm": { String($0.confirm) },
        "spec.rerun": { String($0.rerun) },
        "spec.manifest.csv.fields": {
            guard case .csv(let csv) = $0.manifest else { return nil }
            return csv.fields.map(\.rawValue).joined(separator: ",")
        },
        "spec.manifest.generate.manifestOutput.format": {
            guard case .replicationConfiguration(let g) = $0.manifest else { return nil }
            return g.manifestOutput?.format.rawValue
        },
        "spec.operation.copy.tags.mode": { copy($0)?.tags.mode.rawValue },
        "spec.operation.copy.metadata.mode": { copy($0)?.metadata.mode.specWord },
        "spec.operation.copy.requesterPays": { copy($0).map { String($0.requesterPays) } },
        "spec.report.scope": { $0.report.scope.rawValue },
        "spec.operation.lambda.invocationSchemaVersion": {
            guard case .lambda(let l) = $0.operation else { return nil }
            return l.invocationSchemaVersion
        },
    ]

    static func copy(_ spec: JobSpec) -> JobSpec.CopyOperation? {
        if case .copy(let copy) = spec.operation { return copy }
        return nil
    }

    /// Every `default` in the schema, by property path (`spec.operation.copy.tags.mode`).
    static func schemaDefaults() throws -> [(path: String, value: String)] {
        let root = try JSONReader.parse(Array(EmbeddedSchema.text.utf8), file: EmbeddedSchema.path)
        var out: [(String, String)] = []
        func visit(_ node: Node, _ path: [String]) {
            if let value = node["default"] {
                let text = value.sequence.map { $0.compactMap(\.scalar?.text).joined(separator: ",") }
                out.append((path.joined(separator: "."), text ?? value.scalar?.text ?? "?"))
            }
            for pair in node["properties"]?.mapping ?? [] {
                visit(pair.value, path + [pair.key.string ?? "?"])
            }
        }
        visit(root, [])
        return out
    }

    /// The smallest spec that holds every parent object of `path` but not the key itself.
    static func minimalSpec(without path: String) -> String {
        let manifest =
            path.contains("generate")
            ? #"{"generate": {"sourceBucket": "arn:aws:s3:::src", "#
                + #""manifestOutput": {"bucket": "arn:aws:s3:::out"}}}"#
            : #"{"csv": {"file": "m.csv"}}"#
        let operation =
            path.contains("generate")
            ? #"{"replicate": {}}"#
            : path.contains("lambda")
                ? #"{"lambda": {"function": "arn:aws:lambda:us-east-1:111122223333:function:f"}}"#
                : #"{"copy": {"destination": "arn:aws:s3:::dest", "tags": {}, "metadata": {}}}"#
        return #"{"apiVersion": "bops/v1", "kind": "BatchJob", "metadata": {"name": "defaults"}, "#
            + #""spec": {"roleArn": "arn:aws:iam::111122223333:role/r", "manifest": \#(manifest), "#
            + #""operation": \#(operation), "report": {"bucket": "arn:aws:s3:::reports"}}}"#
    }

    @Test func everySchemaDefaultHasACheck() throws {
        let paths = try Self.schemaDefaults().map(\.path)
        #expect(paths.count >= 10)
        #expect(Set(paths) == Set(Self.decoded.keys))
    }

    @Test func theDecoderFillsEverySchemaDefault() throws {
        for (path, value) in try Self.schemaDefaults() {
            let text = Self.minimalSpec(without: path)
            let result = SpecLoader.load(text: text, file: "defaults.json", now: testNow)
            let spec = try #require(result.specs.first?.spec, "\(path): \(result.diagnostics.rendered)")
            #expect(Self.decoded[path]?(spec) == value, "\(path)")
        }
    }
}
