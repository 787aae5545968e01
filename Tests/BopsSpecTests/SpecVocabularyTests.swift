import BopsJobs
import BopsNode
import BopsSchema
import BopsSpec
import Testing

/// The words a spec may write for an enumerated key are exactly the schema's `enum`, and the
/// decoder maps each to one value of the S3 Control vocabulary (BopsJobs), no twin types between.
@Suite struct SpecVocabularyTests {
    static let copy = "spec.operation.copy"
    static let operation = "spec.operation"
    static let filter = "spec.manifest.generate.filter"

    static func words<E: RawRepresentable<String> & CaseIterable>(_ type: E.Type) -> [String] {
        E.allCases.map(\.rawValue)
    }

    static func spelled<E: SpecWord>(_ type: E.Type) -> [String] { E.allCases.map(\.specWord) }

    /// Property path (`[]` for array items) to the words the decoder accepts there.
    static let accepted: [String: [String]] = [
        "spec.manifest.csv.fields[]": words(JobManifestFieldName.self),
        "\(filter).objectReplicationStatuses[]": words(ReplicationStatus.self),
        "\(filter).matchAnyStorageClass[]": words(S3StorageClass.self),
        "\(filter).matchAnyObjectEncryption[].type": words(JobSpec.EncryptionMatch.Kind.self),
        "spec.manifest.generate.manifestOutput.format": words(GeneratedManifestFormat.self),
        "\(copy).storageClass": words(S3StorageClass.self),
        "\(copy).encryption.type": words(JobSpec.Encryption.Kind.self),
        "\(copy).tags.mode": words(JobSpec.ObjectTagging.Mode.self),
        "\(copy).metadata.mode": spelled(S3MetadataDirective.self),
        "\(copy).acl.canned": words(S3CannedAccessControlList.self),
        "\(copy).acl.grants[].grantee.type": spelled(S3GranteeTypeIdentifier.self),
        "\(copy).acl.grants[].permission": words(S3Permission.self),
        "\(copy).objectLock.legalHold": words(S3ObjectLockLegalHoldStatus.self),
        "\(copy).objectLock.retention.mode": words(S3ObjectLockMode.self),
        "\(copy).checksumAlgorithm": words(S3ChecksumAlgorithm.self),
        "\(copy).oversize": words(JobSpec.CopyOperation.Oversize.self),
        "\(operation).acl.canned": words(S3CannedAccessControlList.self),
        "\(operation).acl.grants[].grantee.type": spelled(S3GranteeTypeIdentifier.self),
        "\(operation).acl.grants[].permission": words(S3Permission.self),
        "\(operation).restore.tier": words(S3GlacierJobTier.self),
        "\(operation).legalHold.status": words(S3ObjectLockLegalHoldStatus.self),
        "\(operation).retention.mode": words(S3ObjectLockMode.self),
        "\(operation).computeChecksum.algorithm": words(S3ChecksumAlgorithm.self),
        "\(operation).computeChecksum.type": words(S3ComputeObjectChecksumType.self),
        "\(operation).lambda.invocationSchemaVersion": JobSpec.LambdaOperation.schemaVersions,
        "spec.report.scope": words(JobSpec.Report.Scope.self),
        "spec.dependsOn[].when": words(JobSpec.Dependency.Condition.self),
        "spec.manifest.fromReport.tasks": words(JobSpec.ReportManifest.Tasks.self),
    ]

    /// Every `enum` under `properties` (and array `items`) of the schema, by property path.
    static func schemaEnums() throws -> [String: [String]] {
        let root = try JSONReader.parse(Array(EmbeddedSchema.text.utf8), file: EmbeddedSchema.path)
        var out: [String: [String]] = [:]
        func visit(_ node: Node, _ path: String) {
            if let values = node["enum"]?.sequence { out[path] = values.compactMap(\.string) }
            if let items = node["items"] { visit(items, path + "[]") }
            for pair in node["properties"]?.mapping ?? [] {
                let name = pair.key.string ?? "?"
                visit(pair.value, path.isEmpty ? name : path + "." + name)
            }
        }
        visit(root, "")
        return out
    }

    @Test func everySchemaEnumIsTheDecodersVocabulary() throws {
        let schema = try Self.schemaEnums()
        #expect(schema.count >= 24)
        #expect(Set(schema.keys) == Set(Self.accepted.keys))
        for (path, values) in schema {
            #expect(Set(values) == Set(Self.accepted[path] ?? []), "\(path)")
            #expect(values.count == Set(values).count, "\(path) lists a value twice")
        }
    }

    @Test(arguments: S3GranteeTypeIdentifier.allCases)
    func granteeWordsRoundTrip(_ type: S3GranteeTypeIdentifier) {
        #expect(S3GranteeTypeIdentifier(specWord: type.specWord) == type)
        #expect(S3GranteeTypeIdentifier(specWord: type.rawValue) == nil || type.rawValue == type.specWord)
    }
}
