import BopsNode
import BopsSchema
import BopsSpec
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
        "spec.manifest.fromReport.tasks": {
            guard case .fromReport(let r) = $0.manifest else { return nil }
            return r.tasks.rawValue
        },
        // Kept as nil when absent: the canonical form leaves the written-out default out too.
        "spec.operation.copy.storageClass": {
            copy($0).map { ($0.storageClass ?? JobSpec.Defaults.copyStorageClass).rawValue }
        },
        "spec.operation.updateEncryption.bucketKeyEnabled": {
            guard case .updateEncryption(let u) = $0.operation else { return nil }
            return String(u.bucketKeyEnabled ?? JobSpec.Defaults.updateEncryptionBucketKey)
        },
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
            : path.contains("fromReport")
                ? #"{"fromReport": {"spec": "earlier"}}"#
                : #"{"csv": {"file": "m.csv"}}"#
        let operation =
            path.contains("generate")
            ? #"{"replicate": {}}"#
            : path.contains("lambda")
                ? #"{"lambda": {"function": "arn:aws:lambda:us-east-1:111122223333:function:f"}}"#
                : path.contains("updateEncryption")
                    ? #"{"updateEncryption": {"kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/k-1"}}"#
                    : #"{"copy": {"destination": "arn:aws:s3:::dest", "tags": {}, "metadata": {}}}"#
        return #"{"apiVersion": "bops/v1", "kind": "BatchJob", "metadata": {"name": "defaults"}, "#
            + #""spec": {"roleArn": "arn:aws:iam::111122223333:role/r", "manifest": \#(manifest), "#
            + #""operation": \#(operation), "report": {"bucket": "arn:aws:s3:::reports"}}}"#
    }

    /// `minimalSpec(without:)` with the key at `path` written out as `value` (a JSON value).
    static func spec(_ path: String, writtenAs value: Any) throws -> String {
        var root = try #require(
            try JSONSerialization.jsonObject(with: Data(minimalSpec(without: path).utf8)) as? [String: Any])
        func set(_ object: [String: Any], _ keys: ArraySlice<String>) -> [String: Any] {
            var object = object
            guard let key = keys.first else { return object }
            if keys.count == 1 {
                object[key] = value
            } else {
                object[key] = set(object[key] as? [String: Any] ?? [:], keys.dropFirst())
            }
            return object
        }
        root = set(root, ArraySlice(path.split(separator: ".").map(String.init)))
        return String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
    }

    /// Every `default` of the schema as the JSON value the schema writes, by property path.
    static func schemaDefaultValues() throws -> [String: Any] {
        let schema = try #require(
            try JSONSerialization.jsonObject(with: Data(EmbeddedSchema.text.utf8)) as? [String: Any])
        var out: [String: Any] = [:]
        func visit(_ node: [String: Any], _ path: [String]) {
            if let value = node["default"] { out[path.joined(separator: ".")] = value }
            for (key, child) in node["properties"] as? [String: Any] ?? [:] {
                if let child = child as? [String: Any] { visit(child, path + [key]) }
            }
        }
        visit(schema, [])
        return out
    }

    /// Writing a default out is the same job as leaving it out: equal configuration digests, so a
    /// spec given `storageClass: STANDARD` after its job exists plans no replacement.
    @Test func writingADefaultKeepsTheDigest() throws {
        let defaults = try Self.schemaDefaultValues()
        #expect(defaults.count >= 12)
        for (path, value) in defaults.sorted(by: { $0.key < $1.key }) {
            let left = SpecLoader.load(text: Self.minimalSpec(without: path), file: "left.json", now: testNow)
            let written = SpecLoader.load(
                text: try Self.spec(path, writtenAs: value), file: "w.json", now: testNow)
            let a = try #require(left.specs.first?.spec, "\(path): \(left.diagnostics.rendered)")
            let b = try #require(written.specs.first?.spec, "\(path): \(written.diagnostics.rendered)")
            #expect(
                a.configurationDigest(manifestSHA256: nil) == b.configurationDigest(manifestSHA256: nil),
                "\(path) written as its default \(value) changes the digest")
            #expect(a.canonicalConfiguration == b.canonicalConfiguration, "\(path)")
        }
    }

    /// A spec that writes a default out also names the digest it had before defaults were left out
    /// of the canonical form, so its recorded job stays its job.
    @Test func aWrittenDefaultKeepsItsEarlierDigest() throws {
        let text = try Self.spec("spec.operation.copy.storageClass", writtenAs: "STANDARD")
        let spec = try #require(SpecLoader.load(text: text, file: "w.json", now: testNow).specs.first?.spec)
        let earlier = spec.earlierConfigurationDigests(manifestSHA256: "ab")
        #expect(earlier.count == 1)
        #expect(earlier.first != spec.configurationDigest(manifestSHA256: "ab"))
        let plain = try #require(
            SpecLoader.load(
                text: Self.minimalSpec(without: "spec.operation.copy.storageClass"), file: "p.json",
                now: testNow
            ).specs.first?.spec)
        #expect(plain.earlierConfigurationDigests(manifestSHA256: "ab").isEmpty)
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
