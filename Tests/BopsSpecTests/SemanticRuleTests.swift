import BopsDiagnostics
import BopsSpec
import Testing

/// Each rule on its own: a valid base spec with one fragment changed, and the one diagnostic expected
/// at the `⟦` marker.
@Suite struct SemanticRuleTests {
    static func spec(
        manifest: String, operation: String, report: String = "{ scope: disabled }", extra: String = ""
    )
        -> String
    {
        """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: rule-case
        spec:
          roleArn: arn:aws:iam::111122223333:role/batch-operations
        \(extra)  manifest:
        \(manifest)
          operation:
        \(operation)
          report: \(report)

        """
    }

    static let csv = "    csv: { file: manifests/a.csv }"
    static let copy = "    copy:\n      destination: arn:aws:s3:::archive-111122223333"

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var yaml: String
        var severity: Severity = .error
        var summary: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "replicate with csv needs VersionId",
            yaml: spec(
                manifest: "    csv: { file: a.csv, fields: ⟦[Bucket, Key] }", operation: "    replicate: {}"),
            summary: "Replicate with a CSV manifest needs a VersionId column"),
        Case(
            name: "kms key only with SSE-KMS",
            yaml: spec(
                manifest: csv, operation: copy + "\n      encryption: { type: SSE-S3, ⟦kmsKeyArn: k }"),
            summary: "kmsKeyArn applies only to encryption type SSE-KMS"),
        Case(
            name: "bucket key only with SSE-KMS",
            yaml: spec(
                manifest: csv,
                operation: copy + "\n      encryption: { type: SSE-S3, ⟦bucketKeyEnabled: false }"),
            summary: "bucketKeyEnabled applies only to encryption type SSE-KMS"),
        Case(
            name: "metadata values need replace",
            yaml: spec(manifest: csv, operation: copy + "\n      metadata: { mode: copy, ⟦user: { a: b } }"),
            summary: "user needs metadata mode replace"),
        Case(
            name: "tag set needs replace",
            yaml: spec(manifest: csv, operation: copy + "\n      tags: { mode: remove, ⟦set: { a: b } }"),
            summary: "tags.set needs tags mode replace (mode is remove)"),
        Case(
            name: "replace needs a set",
            yaml: spec(manifest: csv, operation: copy + "\n      tags: { mode: ⟦replace }"),
            summary: "tags mode replace needs the tags to set"),
        Case(
            name: "user metadata over 2 KB",
            yaml: spec(
                manifest: csv,
                operation: copy
                    + "\n      metadata:\n        mode: replace\n        ⟦user: { a: \(String(repeating: "x", count: 1000)), b: \(String(repeating: "y", count: 1000)), c: \(String(repeating: "z", count: 100)) }"
            ),
            summary: "user metadata is 2103 bytes, more than the S3 limit of 2048"),
        Case(
            name: "retention in the past",
            yaml: spec(
                manifest: csv,
                operation: copy
                    + "\n      objectLock: { retention: { mode: COMPLIANCE, retainUntil: ⟦2025-12-31T23:59:59Z } }"
            ),
            summary: "the retention date 2025-12-31T23:59:59Z is not in the future"),
        Case(
            name: "createdAfter before createdBefore",
            yaml: spec(
                manifest: """
                        generate:
                          sourceBucket: arn:aws:s3:::src-111122223333
                          filter: { createdAfter: 2024-02-01T00:00:00Z, createdBefore: ⟦2024-01-01T00:00:00+01:00 }
                    """, operation: "    replicate: {}"),
            summary:
                "createdBefore (2023-12-31T23:00:00Z) must be later than createdAfter (2024-02-01T00:00:00Z)"),
        Case(
            name: "size range",
            yaml: spec(
                manifest: """
                        generate:
                          sourceBucket: arn:aws:s3:::src-111122223333
                          filter: { objectSizeGreaterThanBytes: 100, objectSizeLessThanBytes: ⟦100 }
                    """, operation: "    replicate: {}"),
            summary: "objectSizeLessThanBytes (100) must be greater than objectSizeGreaterThanBytes (100)"),
        Case(
            name: "disabled report with prefix",
            yaml: spec(manifest: csv, operation: copy, report: "{ scope: disabled, ⟦prefix: p }"),
            summary: "a disabled report takes no prefix"),
        Case(
            name: "object tag with bad character",
            yaml: spec(
                manifest: csv, operation: copy + "\n      tags: { mode: replace, set: { ⟦\"a*b\": c } }"),
            summary: "the tag key a*b contains '*', which tags do not allow"),
        Case(
            name: "job tag reserved prefix",
            yaml: spec(manifest: csv, operation: copy, extra: "  tags: { ⟦AWS:x: y }\n"),
            summary: "the tag key AWS:x uses the reserved prefix aws:"),
        Case(
            name: "grantee key does not match type",
            yaml: spec(
                manifest: csv,
                operation: copy
                    + "\n      acl: { grants: [ { grantee: { type: CanonicalUser, ⟦email: a@b.c }, permission: READ } ] }"
            ),
            summary: "a grantee of type CanonicalUser is named by id, not email"),
        Case(
            name: "acl grants without owner",
            yaml: spec(
                manifest: csv,
                operation:
                    "    acl:\n      ⟦grants: [ { grantee: { type: CanonicalUser, id: abc }, permission: READ } ]"
            ),
            summary: "acl grants need the owner of the objects"),
        Case(
            name: "acl grantee key does not match type",
            yaml: spec(
                manifest: csv,
                operation:
                    "    acl:\n      owner: { id: abc }\n"
                    + "      grants: [ { grantee: { type: Group, ⟦email: a@b.c }, permission: READ } ]"),
            summary: "a grantee of type Group is named by uri, not email"),
        Case(
            name: "retention operation in the past",
            yaml: spec(
                manifest: csv,
                operation: "    retention: { mode: GOVERNANCE, retainUntil: ⟦2025-06-30T00:00:00Z }"),
            summary: "the retention date 2025-06-30T00:00:00Z is not in the future"),
        Case(
            name: "retention operation exactly now",
            yaml: spec(
                manifest: csv,
                operation: "    retention: { mode: COMPLIANCE, retainUntil: ⟦2026-01-01T00:00:00Z }"),
            summary: "the retention date 2026-01-01T00:00:00Z is not in the future"),
        Case(
            name: "tag operation with a bad character",
            yaml: spec(manifest: csv, operation: "    tag: { set: { ⟦\"a<b\": c } }"),
            summary: "the tag key a<b contains '<', which tags do not allow"),
        Case(
            name: "tag operation with the aws: prefix",
            yaml: spec(manifest: csv, operation: "    tag: { set: { ⟦aws:created: x } }"),
            summary: "the tag key aws:created uses the reserved prefix aws:"),
        Case(
            name: "directory bucket destination with an ACL",
            yaml: spec(
                manifest: csv,
                operation:
                    "    copy:\n      destination: arn:aws:s3express:us-east-1:111122223333:bucket/hot--use1-az4--x-s3\n"
                    + "      ⟦acl: { canned: private }"),
            summary: "a directory bucket destination takes no acl"),
        Case(
            name: "directory bucket destination with a storage class",
            yaml: spec(
                manifest: csv,
                operation:
                    "    copy:\n      destination: arn:aws:s3express:us-east-1:111122223333:bucket/hot--use1-az4--x-s3\n"
                    + "      ⟦storageClass: STANDARD"),
            summary: "a directory bucket destination takes no storageClass"),
        Case(
            name: "directory bucket as report bucket",
            yaml: spec(
                manifest: csv, operation: copy,
                report: "{ bucket: ⟦arn:aws:s3express:us-east-1:111122223333:bucket/r--use1-az4--x-s3 }"),
            summary:
                "bucket does not take a directory bucket (arn:aws:s3express:us-east-1:111122223333:bucket/r--use1-az4--x-s3)"
        ),
        Case(
            name: "directory bucket as generator source",
            yaml: spec(
                manifest: """
                        generate:
                          sourceBucket: ⟦arn:aws:s3express:us-east-1:111122223333:bucket/src--use1-az4--x-s3
                    """, operation: "    deleteTags: {}"),
            summary:
                "sourceBucket does not take a directory bucket (arn:aws:s3express:us-east-1:111122223333:bucket/src--use1-az4--x-s3)"
        ),
        Case(
            name: "kms key on an SSE-S3 encryption filter",
            yaml: spec(
                manifest: """
                        generate:
                          sourceBucket: arn:aws:s3:::src-111122223333
                          filter: { matchAnyObjectEncryption: [ { type: SSE-S3, ⟦kmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/abcd-1234 } ] }
                    """, operation: "    computeChecksum: { algorithm: CRC32, type: COMPOSITE }"),
            summary: "kmsKeyArn applies only to type SSE-KMS or DSSE-KMS"),
        Case(
            name: "bucket key on a DSSE-KMS encryption filter",
            yaml: spec(
                manifest: """
                        generate:
                          sourceBucket: arn:aws:s3:::src-111122223333
                          filter: { matchAnyObjectEncryption: [ { type: DSSE-KMS, ⟦bucketKeyEnabled: true } ] }
                    """, operation: "    legalHold: { status: ON }"),
            summary: "bucketKeyEnabled applies only to type SSE-KMS"),
        Case(
            name: "the former generator spelling",
            yaml: spec(
                manifest: """
                        ⟦replicationConfiguration:
                          sourceBucket: arn:aws:s3:::src-111122223333
                    """, operation: "    replicate: {}"), severity: .warning,
            summary: "replicationConfiguration is the former name of generate"),
    ]

    @Test(arguments: cases)
    func ruleReportsAtItsField(_ c: Case) {
        let source = MarkedSource(c.yaml)
        let result = SpecLoader.load(
            [(path: "specs/case.yaml", bytes: Array(source.text.utf8))], now: testNow)
        let found = result.diagnostics.items
        #expect(found.count == 1, "\(result.diagnostics.rendered)")
        #expect(found.first?.summary == c.summary)
        #expect(found.first?.severity == c.severity)
        #expect(found.first?.hint?.isEmpty == false)
        #expect(found.first?.range?.start == source.marks.first)
        #expect(result.specs.isEmpty == (c.severity == .error))
    }

    @Test func theBaseSpecIsClean() {
        let result = SpecLoader.load(
            text: Self.spec(manifest: Self.csv, operation: Self.copy), file: "a.yaml", now: testNow)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.rendered)")
        #expect(result.specs.count == 1)
    }

    @Test func retentionOneSecondAfterNowIsAccepted() {
        let yaml = Self.spec(
            manifest: Self.csv,
            operation: Self.copy
                + "\n      objectLock: { retention: { mode: COMPLIANCE, retainUntil: 2026-01-01T00:00:01Z } }"
        )
        #expect(SpecLoader.load(text: yaml, file: "a.yaml", now: testNow).diagnostics.isEmpty)
    }

    @Test func duplicateNamesAcrossFilesPointAtBoth() {
        let yaml = Self.spec(manifest: Self.csv, operation: Self.copy)
        let result = SpecLoader.load(
            [
                (path: "specs/a.yaml", bytes: Array(yaml.utf8)),
                (path: "specs/b.yaml", bytes: Array(yaml.utf8)),
            ],
            now: testNow)
        #expect(result.specs.map(\.file) == ["specs/a.yaml"])
        let error = result.diagnostics.errors
        #expect(error.count == 1)
        #expect(error.first?.range?.file == "specs/b.yaml")
        #expect(error.first?.range?.start == Mark(line: 4, column: 9))
        #expect(error.first?.detail == "first defined at specs/a.yaml:4:9")
        #expect(error.first?.hint?.contains("specs/a.yaml:4") == true)
        let note = result.diagnostics.items.first { $0.severity == .note }
        #expect(note?.range?.file == "specs/a.yaml")
        #expect(note?.range?.start == Mark(line: 4, column: 9))
    }

    @Test func everyErrorOfEveryFileIsReported() {
        let bad = Self.spec(
            manifest: Self.csv, operation: Self.copy + "\n      storageclass: X\n      acll: {}")
        let result = SpecLoader.load(
            [
                (path: "a.yaml", bytes: Array(bad.utf8)), (path: "b.yaml", bytes: Array("a: [".utf8)),
                (path: "c.yaml", bytes: Array(bad.utf8)),
            ],
            now: testNow)
        #expect(
            Set(result.diagnostics.errors.compactMap { $0.range?.file }) == ["a.yaml", "b.yaml", "c.yaml"])
        #expect(result.diagnostics.errors.filter { $0.range?.file == "a.yaml" }.count == 2)
    }
}
