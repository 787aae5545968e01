import BopsDiagnostics
import BopsSpec
import Testing

@Suite struct ExampleSpecsTests {
    @Test func everyExampleLoadsWithoutAnyDiagnostic() throws {
        let paths = try Repo.exampleSpecs()
        #expect(paths.count >= 4)
        for path in paths {
            let result = SpecLoader.load([(path: path, bytes: try Repo.bytes(path))], now: testNow)
            #expect(result.diagnostics.isEmpty, "\(path):\n\(result.diagnostics.rendered)")
            #expect(result.specs.count == 1, "\(path)")
            let text = try Repo.text(path)
            #expect(
                text.hasPrefix("# yaml-language-server: $schema=../schemas/job-spec.schema.json\n"), "\(path)"
            )
        }
    }

    @Test func allExamplesTogetherHaveUniqueNames() throws {
        let files = try Repo.exampleSpecs().map { (path: $0, bytes: try Repo.bytes($0)) }
        let result = SpecLoader.load(files, now: testNow)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.rendered)")
        #expect(Set(result.specs.map(\.spec.name)).count == files.count)
    }

    @Test func backfillExampleUsesEveryCopyOption() throws {
        let path = "specs/backfill-logs-2024.yaml"
        let spec = try #require(
            SpecLoader.load([(path: path, bytes: try Repo.bytes(path))], now: testNow).specs.first)
        guard case .copy(let copy) = spec.spec.operation else {
            Issue.record("expected a copy operation")
            return
        }
        #expect(copy.keyPrefix != nil)
        #expect(copy.storageClass == .glacierIR)
        #expect(copy.encryption?.type == .sseKMS && copy.encryption?.kmsKeyArn != nil)
        #expect(copy.encryption?.bucketKeyEnabled == true)
        #expect(copy.tags.mode == .replace && !copy.tags.set.isEmpty)
        let m = copy.metadata
        #expect(m.mode == .replace)
        #expect(
            [m.cacheControl, m.contentDisposition, m.contentEncoding, m.contentLanguage, m.contentType]
                .allSatisfy { $0 != nil })
        #expect(m.expires != nil && !m.user.isEmpty)
        guard case .grants(let grants) = copy.acl else {
            Issue.record("expected grants")
            return
        }
        #expect(Set(grants.map(\.grantee.type)).count >= 2)
        #expect(copy.objectLock?.legalHold == .off && copy.objectLock?.retention?.mode == .governance)
        #expect(copy.checksumAlgorithm != nil && copy.modifiedSince != nil && copy.unmodifiedSince != nil)
        #expect(copy.redirectLocation != nil)
        #expect(spec.manifestPath == "specs/manifests/logs-2024.csv")
        #expect(spec.range(of: "/spec/operation/copy/storageClass")?.start.line == 27)
    }

    @Test func theFourManifestAndOperationKindsAreCovered() throws {
        let files = try Repo.exampleSpecs().map { (path: $0, bytes: try Repo.bytes($0)) }
        let specs = SpecLoader.load(files, now: testNow).specs.map(\.spec)
        var kinds: Set<String> = []
        for s in specs {
            switch (s.manifest, s.operation) {
            case (.csv(let csv), .copy):
                kinds.insert(csv.fields.contains(.versionId) ? "csv-copy-v" : "csv-copy")
            case (.csv(let csv), .replicate):
                kinds.insert(csv.fields.contains(.versionId) ? "csv-replicate-v" : "bad")
            case (.inventory, .copy): kinds.insert("inventory-copy")
            case (.replicationConfiguration, .replicate): kinds.insert("generated-replicate")
            default: kinds.insert("other")
            }
        }
        #expect(
            kinds.isSuperset(of: ["csv-copy", "csv-replicate-v", "inventory-copy", "generated-replicate"]))
    }

    @Test func everyOperationHasAnExampleAndTheGeneratorServesOthersThanReplicate() throws {
        let files = try Repo.exampleSpecs().map { (path: $0, bytes: try Repo.bytes($0)) }
        let specs = SpecLoader.load(files, now: testNow).specs.map(\.spec)
        #expect(Set(specs.map(\.operation.key)) == Set(JobSpec.Operation.keys))
        let generated = specs.filter {
            if case .replicationConfiguration = $0.manifest { return true }
            return false
        }
        #expect(Set(generated.map(\.operation.key)).isSuperset(of: ["replicate", "tag", "updateEncryption"]))
    }

    @Test func manifestFilesOfTheExamplesExist() throws {
        let files = try Repo.exampleSpecs().map { (path: $0, bytes: try Repo.bytes($0)) }
        for spec in SpecLoader.load(files, now: testNow).specs {
            guard let path = spec.manifestPath else { continue }
            #expect(throws: Never.self, "\(path)") { _ = try Repo.bytes(path) }
        }
    }
}
