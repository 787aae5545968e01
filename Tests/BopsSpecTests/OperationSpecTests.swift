import BopsJobs
import BopsSpec
import Foundation
import Testing

/// Every operation of the spec language: the `JobOperation` it maps to, and which of its changes
/// make a new job definition (digest) and which do not.
@Suite struct OperationSpecTests {
    static func spec(_ operation: String, manifest: String = "    csv: { file: m.csv }") -> String {
        """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: operation-case
        spec:
          roleArn: arn:aws:iam::111122223333:role/r
          priority: 10
          tags: { cost: "1" }
          manifest:
        \(manifest)
          operation:
        \(operation)
          report: { scope: disabled }

        """
    }

    static func load(_ text: String) throws -> JobSpec {
        let result = SpecLoader.load(text: text, file: "specs/case.yaml", now: testNow)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.rendered)")
        return try #require(result.specs.first?.spec, "\(result.diagnostics.rendered)")
    }

    static let kms = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    struct Mapping: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var expected: JobOperation
        var testDescription: String { name }
    }

    static let mappings: [Mapping] = [
        Mapping(
            name: "tag", yaml: "    tag: { set: { tier: cold, a: \"\" } }",
            expected: .s3PutObjectTagging(
                S3SetObjectTaggingOperation(tagSet: [
                    S3Tag(key: "a", value: ""), S3Tag(key: "tier", value: "cold"),
                ]))),
        Mapping(name: "deleteTags", yaml: "    deleteTags: {}", expected: .s3DeleteObjectTagging),
        Mapping(
            name: "acl canned", yaml: "    acl: { canned: bucket-owner-read }",
            expected: .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(cannedAccessControlList: .bucketOwnerRead)))),
        Mapping(
            name: "acl grants",
            yaml: """
                    acl:
                      owner: { id: own, displayName: Owner }
                      grants:
                        - { grantee: { type: CanonicalUser, id: abc }, permission: FULL_CONTROL }
                        - { grantee: { type: Group, uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: READ }
                """,
            expected: .s3PutObjectAcl(
                S3SetObjectAclOperation(
                    accessControlPolicy: S3AccessControlPolicy(
                        accessControlList: S3AccessControlList(
                            owner: S3ObjectOwner(id: "own", displayName: "Owner"),
                            grants: [
                                S3Grant(
                                    grantee: S3Grantee(typeIdentifier: .id, identifier: "abc"),
                                    permission: .fullControl),
                                S3Grant(
                                    grantee: S3Grantee(
                                        typeIdentifier: .uri,
                                        identifier: "http://acs.amazonaws.com/groups/global/AllUsers"),
                                    permission: .read),
                            ]))))),
        Mapping(
            name: "restore", yaml: "    restore: { expirationDays: 7, tier: BULK }",
            expected: .s3InitiateRestoreObject(
                S3InitiateRestoreObjectOperation(expirationInDays: 7, glacierJobTier: .bulk))),
        Mapping(
            name: "restore of Intelligent-Tiering archives", yaml: "    restore: {}",
            expected: .s3InitiateRestoreObject(S3InitiateRestoreObjectOperation())),
        Mapping(
            name: "legalHold", yaml: "    legalHold: { status: OFF }",
            expected: .s3PutObjectLegalHold(S3SetObjectLegalHoldOperation(legalHold: .init(status: .off)))),
        Mapping(
            name: "retention",
            yaml:
                "    retention: { mode: COMPLIANCE, retainUntil: 2030-01-01T01:00:00+01:00, bypassGovernanceRetention: true }",
            expected: .s3PutObjectRetention(
                S3SetObjectRetentionOperation(
                    bypassGovernanceRetention: true,
                    retention: S3Retention(
                        retainUntilDate: Date(timeIntervalSince1970: 1_893_456_000), mode: .compliance)))),
        Mapping(
            name: "retention removed", yaml: "    retention: { bypassGovernanceRetention: true }",
            expected: .s3PutObjectRetention(
                S3SetObjectRetentionOperation(bypassGovernanceRetention: true, retention: S3Retention()))),
        Mapping(
            name: "computeChecksum", yaml: "    computeChecksum: { algorithm: XXHASH3, type: COMPOSITE }",
            expected: .s3ComputeObjectChecksum(
                S3ComputeObjectChecksumOperation(checksumAlgorithm: .xxhash3, checksumType: .composite))),
        Mapping(
            name: "updateEncryption",
            yaml: "    updateEncryption: { kmsKeyArn: \(kms), bucketKeyEnabled: false }",
            expected: .s3UpdateObjectEncryption(
                S3UpdateObjectEncryptionOperation(
                    objectEncryption: S3UpdateObjectEncryption(
                        sseKMS: S3UpdateObjectEncryptionSSEKMS(kmsKeyArn: kms, bucketKeyEnabled: false))))),
        Mapping(
            name: "lambda with schema 2.0 and user arguments",
            yaml:
                "    lambda: { function: \"arn:aws:lambda:us-east-1:111122223333:function:resize:$LATEST\", invocationSchemaVersion: \"2.0\", userArguments: { size: \"640\" } }",
            expected: .lambdaInvoke(
                LambdaInvokeOperation(
                    functionArn: "arn:aws:lambda:us-east-1:111122223333:function:resize:$LATEST",
                    invocationSchemaVersion: "2.0", userArguments: ["size": "640"]))),
        Mapping(
            name: "lambda sends the default schema 1.0",
            yaml: "    lambda: { function: arn:aws:lambda:us-east-1:111122223333:function:resize }",
            expected: .lambdaInvoke(
                LambdaInvokeOperation(
                    functionArn: "arn:aws:lambda:us-east-1:111122223333:function:resize",
                    invocationSchemaVersion: "1.0"))),
        Mapping(
            name: "copy to a directory bucket with MD5",
            yaml:
                "    copy: { destination: arn:aws:s3express:us-east-1:111122223333:bucket/hot--use1-az4--x-s3, checksumAlgorithm: MD5 }",
            expected: .s3PutObjectCopy(
                S3CopyObjectOperation(
                    targetResource: "arn:aws:s3express:us-east-1:111122223333:bucket/hot--use1-az4--x-s3",
                    metadataDirective: .copy, checksumAlgorithm: .md5))),
    ]

    @Test(arguments: mappings)
    func operationMapsToItsJobOperation(_ m: Mapping) throws {
        #expect(try Self.load(Self.spec(m.yaml)).operation.jobOperation == m.expected)
    }

    @Test(arguments: S3ChecksumAlgorithm.allCases)
    func copyTakesEveryChecksumAlgorithm(_ algorithm: S3ChecksumAlgorithm) throws {
        let spec = try Self.load(
            Self.spec("    copy: { destination: arn:aws:s3:::dst, checksumAlgorithm: \(algorithm.rawValue) }")
        )
        guard case .s3PutObjectCopy(let copy) = spec.operation.jobOperation else {
            Issue.record("expected a copy")
            return
        }
        #expect(copy.checksumAlgorithm == algorithm)
    }

    @Test func theGeneratorWorksWithEveryOperationAndEveryFilter() throws {
        let manifest = """
                generate:
                  sourceBucket: arn:aws:s3:::src
                  expectedBucketOwner: "111122223333"
                  filter:
                    eligibleForReplication: false
                    createdAfter: 2019-01-01T00:00:00Z
                    createdBefore: 2020-01-01T00:00:00Z
                    objectReplicationStatuses: [NONE]
                    keyNameConstraint: { matchAnyPrefix: [a/], matchAnySuffix: [.z], matchAnySubstring: [m] }
                    objectSizeGreaterThanBytes: 1
                    objectSizeLessThanBytes: 10
                    matchAnyStorageClass: [GLACIER]
                    matchAnyObjectEncryption: [ { type: SSE-KMS, kmsKeyArn: \(Self.kms), bucketKeyEnabled: true } ]
                  manifestOutput: { bucket: arn:aws:s3:::out, prefix: p, encryption: { sseS3: {} } }
            """
        for m in Self.mappings {
            let spec = try Self.load(Self.spec(m.yaml, manifest: manifest))
            guard case .replicationConfiguration(let g) = spec.manifest else {
                Issue.record("\(m.name): expected a generator")
                continue
            }
            let filter = try #require(g.s3Generator.filter)
            #expect(filter.eligibleForReplication == false)
            #expect(filter.createdAfter == Date(timeIntervalSince1970: 1_546_300_800))
            #expect(filter.createdBefore == Date(timeIntervalSince1970: 1_577_836_800))
            #expect(filter.objectReplicationStatuses == [ReplicationStatus.none])
            #expect(
                filter.keyNameConstraint
                    == KeyNameConstraint(
                        matchAnyPrefix: ["a/"], matchAnySuffix: [".z"], matchAnySubstring: ["m"]))
            #expect(filter.objectSizeGreaterThanBytes == 1 && filter.objectSizeLessThanBytes == 10)
            #expect(filter.matchAnyStorageClass == [.glacier])
            #expect(
                filter.matchAnyObjectEncryption == [
                    ObjectEncryptionFilter(ssekms: .init(kmsKeyArn: Self.kms, bucketKeyEnabled: true))
                ])
            #expect(g.s3Generator.enableManifestOutput)
            #expect(g.s3Generator.manifestOutputLocation?.manifestEncryption?.sses3 != nil)
            #expect(spec.operation.jobOperation == m.expected)
        }
    }

    @Test(arguments: JobSpec.EncryptionMatch.Kind.allCases)
    func everyEncryptionKindIsOneUnionMember(_ kind: JobSpec.EncryptionMatch.Kind) throws {
        let spec = try Self.load(
            Self.spec(
                "    deleteTags: {}",
                manifest:
                    "    generate: { sourceBucket: arn:aws:s3:::src, filter: { matchAnyObjectEncryption: [ { type: \(kind.rawValue) } ] } }"
            ))
        guard case .replicationConfiguration(let g) = spec.manifest,
            let filter = g.s3Generator.filter?.matchAnyObjectEncryption?.first
        else {
            Issue.record("expected an encryption filter")
            return
        }
        let set = [
            filter.sses3 != nil, filter.ssekms != nil, filter.dssekms != nil, filter.ssec != nil,
            filter.notsse != nil,
        ]
        #expect(set.filter { $0 }.count == 1)
        #expect(set[JobSpec.EncryptionMatch.Kind.allCases.firstIndex(of: kind) ?? 0])
    }

    @Test func bothGeneratorSpellingsMakeTheSameJob() throws {
        let new = Self.spec("    replicate: {}", manifest: "    generate: { sourceBucket: arn:aws:s3:::src }")
        let old = Self.spec(
            "    replicate: {}", manifest: "    replicationConfiguration: { sourceBucket: arn:aws:s3:::src }")
        let a = try Self.load(new)
        let loaded = SpecLoader.load(text: old, file: "specs/old.yaml", now: testNow)
        let b = try #require(loaded.specs.first)
        #expect(loaded.diagnostics.items.map(\.severity) == [.warning])
        #expect(a.canonicalConfiguration == b.spec.canonicalConfiguration)
        #expect(a.configurationDigest(manifestSHA256: nil) == b.spec.configurationDigest(manifestSHA256: nil))
        #expect(b.range(of: "/spec/manifest/generate/sourceBucket")?.start.line == 10)
        #expect(b.range(of: "/spec/manifest/replicationConfiguration/sourceBucket")?.start.line == 10)
    }

    // MARK: - Digest

    /// An operation with its options, and edits each of which changes the job definition.
    struct Edits: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var changes: [(String, String)]
        var testDescription: String { name }
    }

    static let edits: [Edits] = [
        Edits(
            name: "tag", yaml: "    tag: { set: { tier: cold, team: data } }",
            changes: [("tier: cold", "tier: warm"), ("team: data", "owner: data"), (", team: data", "")]),
        Edits(
            name: "acl",
            yaml:
                "    acl: { owner: { id: own }, grants: [ { grantee: { type: CanonicalUser, id: abc }, permission: READ } ] }",
            changes: [
                ("id: own", "id: other"), ("id: own", "id: own, displayName: O"), ("id: abc", "id: abd"),
                ("permission: READ", "permission: WRITE"),
                ("type: CanonicalUser, id: abc", "type: EmailAddress, email: abc"),
            ]),
        Edits(
            name: "acl canned", yaml: "    acl: { canned: private }",
            changes: [("canned: private", "canned: public-read")]),
        Edits(
            name: "restore", yaml: "    restore: { expirationDays: 7, tier: BULK }",
            changes: [
                ("expirationDays: 7", "expirationDays: 8"), ("tier: BULK", "tier: STANDARD"),
                ("expirationDays: 7, ", ""), (", tier: BULK", ""),
            ]),
        Edits(name: "legalHold", yaml: "    legalHold: { status: ON }", changes: [("ON", "OFF")]),
        Edits(
            name: "retention",
            yaml:
                "    retention: { mode: GOVERNANCE, retainUntil: 2030-01-01T00:00:00Z, bypassGovernanceRetention: false }",
            changes: [
                ("GOVERNANCE", "COMPLIANCE"), ("2030-01-01T00:00:00Z", "2030-01-01T00:00:01Z"),
                ("bypassGovernanceRetention: false", "bypassGovernanceRetention: true"),
                (", bypassGovernanceRetention: false", ""),
            ]),
        Edits(
            name: "computeChecksum", yaml: "    computeChecksum: { algorithm: SHA256, type: FULL_OBJECT }",
            changes: [("SHA256", "SHA512"), ("FULL_OBJECT", "COMPOSITE")]),
        Edits(
            name: "updateEncryption",
            yaml: "    updateEncryption: { kmsKeyArn: \(kms), bucketKeyEnabled: true }",
            changes: [
                ("key/1234abcd", "key/9234abcd"), ("bucketKeyEnabled: true", "bucketKeyEnabled: false"),
                (", bucketKeyEnabled: true", ""),
            ]),
        Edits(
            name: "lambda",
            yaml:
                "    lambda: { function: arn:aws:lambda:us-east-1:111122223333:function:resize, invocationSchemaVersion: \"2.0\", userArguments: { size: \"640\" } }",
            changes: [
                ("function:resize", "function:resize:live"),
                (", userArguments: { size: \"640\" }", ""),
                ("size: \"640\"", "size: \"320\""), ("size: \"640\"", "size: \"640\", q: \"1\""),
            ]),
        Edits(
            name: "lambda schema version",
            yaml: "    lambda: { function: arn:aws:lambda:us-east-1:111122223333:function:resize }",
            changes: [("resize }", "resize, invocationSchemaVersion: \"2.0\" }")]),
        Edits(
            name: "operation kind", yaml: "    deleteTags: {}",
            changes: [
                ("deleteTags: {}", "computeChecksum: { algorithm: MD5, type: COMPOSITE }"),
                ("deleteTags: {}", "tag: { set: { a: b } }"),
            ]),
    ]

    static func digest(_ text: String) throws -> String {
        try load(text).configurationDigest(manifestSHA256: "ab")
    }

    @Test(arguments: edits)
    func everyOperationFieldIsPartOfTheDigest(_ e: Edits) throws {
        let base = Self.spec(e.yaml)
        let digest = try Self.digest(base)
        for (old, new) in e.changes {
            #expect(base.contains(old), "\(e.name): no \(old)")
            let changed = base.replacingOccurrences(of: old, with: new)
            #expect(try Self.digest(changed) != digest, "\(e.name): \(old) -> \(new)")
        }
    }

    @Test(arguments: edits)
    func priorityAndJobTagsAreNotPartOfTheDigest(_ e: Edits) throws {
        let base = Self.spec(e.yaml)
        let digest = try Self.digest(base)
        for (old, new) in [("priority: 10", "priority: 11"), ("cost: \"1\"", "cost: \"2\"")] {
            let changed = base.replacingOccurrences(of: old, with: new)
            #expect(changed != base)
            #expect(try Self.digest(changed) == digest, "\(e.name): \(old) -> \(new)")
        }
    }

    @Test func everyOperationKeyIsAnOperation() {
        #expect(JobSpec.Operation.keys.count == 11)
        #expect(JobSpec.Operation.keys.last == "lambda")
    }
}

/// The spec's operation kinds and the model's members are one list each, mapped one to one.
@Suite struct OperationKindTests {
    @Test func everySpecKindNamesItsOwnModelMember() {
        let mapped = JobSpec.Operation.Kind.allCases.map(\.jobKind)
        #expect(Set(mapped) == Set(JobOperation.Kind.allCases))
        #expect(mapped.count == Set(mapped).count, "two spec keys name one member: \(mapped)")
        #expect(JobSpec.Operation.keys == JobSpec.Operation.Kind.allCases.map(\.rawValue))
        #expect(JobOperation.modelNames == JobOperation.Kind.allCases.map(\.rawValue))
    }

    @Test(arguments: JobOperation.Kind.allCases)
    func aMemberNameReadsBackAsItsKind(_ kind: JobOperation.Kind) {
        #expect(JobOperation.Kind(rawValue: kind.rawValue) == kind)
        #expect(JobOperation.unsupported("S3Future").kind == nil)
        #expect(JobOperation.unsupported("S3Future").name == "S3Future")
    }

    /// The JSON keys are derived from the member names; state files written before hold these.
    @Test func theJSONKeysAreTheMemberNamesInSnakeCase() throws {
        #expect(
            JobOperation.Kind.allCases.map(\.jsonKey) == [
                "lambda_invoke", "s3_put_object_copy", "s3_put_object_acl", "s3_put_object_tagging",
                "s3_delete_object_tagging", "s3_initiate_restore_object", "s3_put_object_legal_hold",
                "s3_put_object_retention", "s3_replicate_object", "s3_compute_object_checksum",
                "s3_update_object_encryption",
            ])
        let written = try JSONEncoder().encode(JobOperation.s3ReplicateObject)
        #expect(String(decoding: written, as: UTF8.self) == #"{"s3_replicate_object":{}}"#)
        let read = try JSONDecoder().decode(
            JobOperation.self, from: Data(#"{"unsupported":"S3Future"}"#.utf8))
        #expect(read == .unsupported("S3Future"))
    }
}
