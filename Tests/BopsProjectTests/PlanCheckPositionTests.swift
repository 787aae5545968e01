import BopsDiagnostics
import BopsJobs
import BopsSpec
import BopsTestSupport
import Foundation
import Testing

@testable import BopsProject

/// Hints that say which advice was asked, to show that hints come from the engine's advice.
struct EchoAdvice: EngineAdvice {
    func createBucket(_ bucket: String, features: BucketFeatures) -> String {
        "ADVICE create \(bucket)" + (features.contains(.objectLock) ? " locked" : "")
            + (features.contains(.versioning) ? " versioned" : "")
    }
    func enableVersioning(_ bucket: String) -> String { "ADVICE version \(bucket)" }
    func addReplication(_ bucket: String) -> String { "ADVICE replicate \(bucket)" }
    func enableObjectLock(_ bucket: String) -> String { "ADVICE lock \(bucket)" }
}

/// One expected finding: its summary, where it points (line and column of the key's value, or of
/// the key for a block), and a piece of its hint.
struct Finding: Sendable, CustomStringConvertible {
    var summary: String
    var line: Int
    var column: Int
    var hint: String
    var severity: Severity

    init(_ summary: String, _ line: Int, _ column: Int, hint: String, severity: Severity = .error) {
        self.summary = summary
        self.line = line
        self.column = column
        self.hint = hint
        self.severity = severity
    }

    var description: String { "\(line):\(column) \(summary)" }
}

/// Every plan-time check points at the key its finding is about.
@Suite("plan-time diagnostics point at their key")
struct PlanCheckPositionTests {
    /// A spec with four manifest lines (8-11) and four operation lines (13-16); `report` is at 17.
    static func spec(manifest: [String], operation: [String]) -> String {
        precondition(manifest.count == 4 && operation.count == 4)
        return """
            apiVersion: bops/v1
            kind: BatchJob
            metadata:
              name: checked
            spec:
              roleArn: arn:aws:iam::111122223333:role/r
              manifest:
            \(manifest.map { "    " + $0 }.joined(separator: "\n"))
              operation:
            \(operation.map { "    " + $0 }.joined(separator: "\n"))
              report:
                bucket: arn:aws:s3:::reports
                scope: all

            """
    }

    static let csvFile = ["csv:", "  file: m.csv", "  # no etag", "  fields: [Bucket, Key]"]
    static let csvVersions = ["csv:", "  file: m.csv", "  # no etag", "  fields: [Bucket, Key, VersionId]"]
    static let csvLocation = [
        "csv:", "  location: s3://manifests/m.csv", "  # no etag", "  fields: [Bucket, Key]",
    ]
    static let csvPinned = [
        "csv:", "  location: s3://manifests/m.csv", "  etag: \"0123\"", "  fields: [Bucket, Key]",
    ]
    static let generated = [
        "replicationConfiguration:", "  sourceBucket: arn:aws:s3:::photos", "  # -", "  # -",
    ]
    static let lockedCopy = [
        "copy:", "  destination: arn:aws:s3:::dst", "  objectLock:", "    legalHold: ON",
    ]
    static let replicate = ["replicate: {}", "# -", "# -", "# -"]
    static let copy = ["copy:", "  destination: arn:aws:s3:::dst", "  # -", "  # -"]
    static let publicCopy = ["copy:", "  destination: arn:aws:s3:::dst", "  acl:", "    canned: public-read"]
    static let denyRole = #"""
        {"Version":"2012-10-17","Statement":[{"Sid":"NoBatch","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/r"},
          "Action":["s3:PutObject","s3:PutObjectTagging"],"Resource":"arn:aws:s3:::dst/*"}]}
        """#
    static let denyAllButIngest = #"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::dst/*",
          "Condition":{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ingest"}}}]}
        """#
    static let denyOthers = #"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::dst/*",
          "Condition":{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/r"}}}]}
        """#

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var manifest: [String]
        var operation: [String]
        var rows = "src,a.log\n"
        var store: @Sendable (MemoryObjectStore) -> Void
        var expected: [Finding]

        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "destination missing", manifest: csvFile, operation: lockedCopy,
            store: { $0.make("reports") },
            expected: [
                Finding("destination bucket dst does not exist", 14, 20, hint: "ADVICE create dst locked")
            ]),
        Case(
            name: "Object Lock off", manifest: csvFile, operation: lockedCopy,
            store: {
                $0.make("dst")
                $0.make("reports")
            },
            expected: [
                Finding(
                    "Object Lock is not enabled on destination bucket dst", 14, 20, hint: "ADVICE lock dst")
            ]),
        Case(
            name: "report bucket missing", manifest: csvFile, operation: lockedCopy,
            store: { $0.make("dst", objectLock: true) },
            expected: [Finding("report bucket reports does not exist", 18, 13, hint: "ADVICE create reports")]
        ),
        Case(
            name: "manifest bucket missing", manifest: csvLocation, operation: lockedCopy,
            store: {
                $0.make("dst", objectLock: true)
                $0.make("reports")
            },
            expected: [
                Finding("manifest bucket manifests does not exist", 9, 17, hint: "ADVICE create manifests")
            ]),
        Case(
            name: "manifest object missing", manifest: csvLocation, operation: lockedCopy,
            store: {
                $0.make("manifests")
                $0.make("dst", objectLock: true)
                $0.make("reports")
            },
            expected: [Finding("manifest s3://manifests/m.csv does not exist", 9, 17, hint: "upload it")]),
        Case(
            name: "manifest ETag differs from the pin", manifest: csvPinned, operation: lockedCopy,
            store: {
                $0.make("manifests")
                $0.put(bucket: "manifests", key: "m.csv", eTag: "\"etag-1\"")
                $0.make("dst", objectLock: true)
                $0.make("reports")
            },
            expected: [
                Finding(
                    "manifest s3://manifests/m.csv has ETag etag-1, the spec pins 0123", 10, 13,
                    hint: "set etag to etag-1")
            ]),
        Case(
            name: "manifest file has no rows", manifest: csvFile, operation: lockedCopy, rows: "",
            store: {
                $0.make("dst", objectLock: true)
                $0.make("reports")
            },
            expected: [Finding("manifest has no rows", 9, 13, hint: "list one object per line")]),
        Case(
            name: "replication source missing", manifest: generated, operation: replicate,
            store: { $0.make("reports") },
            expected: [
                Finding(
                    "replication source bucket photos does not exist", 9, 21,
                    hint: "ADVICE create photos versioned")
            ]),
        Case(
            name: "replication source unversioned, without rule", manifest: generated, operation: replicate,
            store: {
                $0.make("photos")
                $0.make("reports")
            },
            expected: [
                Finding(
                    "versioning is not enabled on replication source bucket photos", 9, 21,
                    hint: "ADVICE version"),
                Finding(
                    "replication source bucket photos has no replication configuration", 9, 21,
                    hint: "ADVICE replicate"),
            ]),
        Case(
            name: "replication source of a CSV manifest", manifest: csvVersions, operation: replicate,
            rows: "photos,a.jpg,v1\n",
            store: {
                $0.make("photos", versioning: .suspended, replication: true)
                $0.make("dr", versioning: .enabled)
                $0.make("reports")
            },
            expected: [
                Finding(
                    "versioning is suspended on replication source bucket photos", 9, 13,
                    hint: "ADVICE version")
            ]),
        Case(
            name: "replication destination missing", manifest: csvVersions, operation: replicate,
            rows: "photos,a.jpg,v1\n",
            store: {
                $0.make("photos", versioning: .enabled, replication: true)
                $0.make("reports")
            },
            expected: [
                Finding(
                    "replication rule of photos sends objects to dr, which does not exist", 9, 13,
                    hint: "ADVICE create dr versioned")
            ]),
        Case(
            name: "replication destination unversioned", manifest: csvVersions, operation: replicate,
            rows: "photos,a.jpg,v1\n",
            store: {
                $0.make("photos", versioning: .enabled, replication: true)
                $0.make("dr")
                $0.make("reports")
            },
            expected: [
                Finding(
                    "replication rule of photos sends objects to dr, whose versioning is not enabled", 9, 13,
                    hint: "ADVICE version dr")
            ]),
        Case(
            name: "report bucket with a default retention", manifest: csvFile, operation: lockedCopy,
            store: {
                $0.make("dst", objectLock: true)
                $0.make("reports", objectLock: true)
                $0.configure("reports") {
                    $0.defaultRetention = ObjectLockDefaultRetention(mode: .governance, days: 1)
                }
            },
            expected: [
                Finding(
                    "report bucket reports has an Object Lock default retention (GOVERNANCE for 1 day)", 18,
                    13,
                    hint: "remove the default retention of reports")
            ]),
        Case(
            name: "destination bucket policy denies the role", manifest: csvFile, operation: copy,
            store: {
                $0.make("dst")
                $0.configure("dst") { $0.policy = denyRole }
                $0.make("reports")
            },
            expected: [
                Finding(
                    "the bucket policy of dst denies role r s3:PutObject, s3:PutObjectTagging on arn:aws:s3:::dst/*: "
                        + "explicit deny by bucket policy of dst, statement 1 (NoBatch)", 14, 20,
                    hint: #"{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/r"}}"#)
            ]),
        Case(
            name: "destination bucket policy exempting another role", manifest: csvFile, operation: copy,
            store: {
                $0.make("dst")
                $0.configure("dst") { $0.policy = denyAllButIngest }
                $0.make("reports")
            },
            expected: [
                Finding(
                    "the bucket policy of dst denies role r s3:PutObject", 14, 20,
                    hint: #"add it to its ArnNotEquals condition, "aws:PrincipalArn": ["#
                        + #""arn:aws:iam::111122223333:role/ingest", "arn:aws:iam::111122223333:role/r"]"#)
            ]),
        Case(
            name: "destination bucket policy unreadable", manifest: csvFile, operation: copy,
            store: {
                $0.make("dst")
                $0.configure("dst") { $0.settingsDenied = true }
                $0.make("reports")
            },
            expected: [
                Finding(
                    "the bucket policy of bucket dst was not checked: AccessDenied", 14, 20,
                    hint: "allow the caller s3:GetBucketPolicy on arn:aws:s3:::dst", severity: .warning)
            ]),
        Case(
            name: "Block Public Access against a public canned ACL", manifest: csvFile, operation: publicCopy,
            store: {
                $0.make("dst")
                $0.configure("dst") { $0.publicAccessBlock = .all }
                $0.make("reports")
            },
            expected: [
                Finding(
                    "Block Public Access on bucket dst (BlockPublicAcls) refuses the canned ACL public-read",
                    15, 7,
                    hint: "change the Block Public Access settings of dst")
            ]),
        Case(
            name: "lifecycle rule expiring the source's objects", manifest: csvFile, operation: copy,
            store: {
                $0.make("src")
                $0.configure("src") { $0.lifecycle = [LifecycleRule(id: "expire", expirationDays: 30)] }
                $0.make("dst")
                $0.configure("dst") { $0.policy = denyOthers }
                $0.make("reports")
            },
            expected: [
                Finding(
                    "lifecycle rule 'expire' of source bucket src expires objects after 30 days (every object)",
                    9, 13,
                    hint: "review the lifecycle configuration of src", severity: .warning)
            ]),
        Case(
            name: "report bucket in another region", manifest: csvFile, operation: copy,
            store: {
                $0.make("dst")
                $0.make("reports")
                $0.configure("reports") { $0.region = "eu-west-1" }
            },
            expected: [
                Finding(
                    "report bucket reports is in eu-west-1, the job runs in us-east-1", 18, 13,
                    hint: "report to a bucket in us-east-1", severity: .warning)
            ]),
    ]

    @Test(arguments: cases)
    func eachCheckPointsAtItsKey(_ c: Case) async throws {
        let temp = try TempFolder(prefix: "bops-project")
        let folder = temp.path
        let file = folder + "/checked.yaml"
        let text = Self.spec(manifest: c.manifest, operation: c.operation)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try c.rows.write(toFile: folder + "/m.csv", atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: text, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        c.store(store)
        let found = await DesiredJobs(
            config: ProjectConfig(root: folder), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1", advice: EchoAdvice()
        ).build(loaded.specs, recorded: nil).diagnostics
        try #require(
            found.count == c.expected.count,
            "\(found.items.map { "\($0.range?.start.description ?? "-") \($0.summary)" })")
        for (diagnostic, expected) in zip(found.items, c.expected) {
            #expect(diagnostic.severity == expected.severity, "\(diagnostic.summary)")
            #expect(diagnostic.summary.contains(expected.summary), "\(diagnostic.summary)")
            #expect(diagnostic.range?.file == file)
            #expect(
                diagnostic.range?.start == Mark(line: expected.line, column: expected.column),
                "\(expected.summary) at \(diagnostic.range?.start.description ?? "nowhere")")
            #expect(diagnostic.hint?.contains(expected.hint) == true, "\(diagnostic.hint ?? "no hint")")
            #expect(diagnostic.pointer != nil)
        }
    }

    /// A fresh clone: the example specs against an empty store. Each finding at the key naming
    /// the bucket (the destination of the Object Lock copy is line 25, not its objectLock block).
    @Test func theExamplesOnAnEmptyStore() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let folder = root + "/specs"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".yaml")
        }.sorted()
        let inputs = try files.map {
            (
                path: folder + "/" + $0,
                bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))
            )
        }
        let loaded = SpecLoader.load(inputs)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let found = await DesiredJobs(
            config: ProjectConfig(root: root), objects: MemoryObjectStore(), defaultAccount: "111122223333",
            defaultRegion: "us-east-1"
        ).build(loaded.specs, recorded: nil).diagnostics
        let actual = found.sorted.map { d in
            "\((d.range?.file ?? "-").replacingOccurrences(of: folder + "/", with: "")):"
                + "\(d.range?.start.description ?? "-") \(d.summary)"
        }
        #expect(
            actual == [
                "acl-bucket-owner.yaml:20:13 report bucket reports-111122223333 does not exist",
                "archive-photos-inventory.yaml:15:17 manifest bucket inventory-111122223333 does not exist",
                "backfill-logs-2024.yaml:25:20 destination bucket archive-111122223333 does not exist",
                "backfill-logs-2024.yaml:70:13 report bucket reports-111122223333 does not exist",
                "checksum-audit.yaml:23:13 report bucket reports-111122223333 does not exist",
                "checksum-photos-latest-inventory.yaml:18:15 inventory bucket inventory-111122223333 does not exist",
                "copy-archive-2019-audit.yaml:28:13 report bucket reports-111122223333 does not exist",
                "encrypt-to-kms.yaml:25:13 report bucket reports-111122223333 does not exist",
                "lambda-resize-photos.yaml:26:13 report bucket reports-111122223333 does not exist",
                "legal-hold-evidence.yaml:22:13 report bucket reports-111122223333 does not exist",
                "replicate-contracts-versions.yaml:16:13 replication source bucket contracts-111122223333 does not exist",
                "replicate-unreplicated-photos.yaml:17:21 replication source bucket photos-111122223333 does not exist",
                "replicate-unreplicated-photos.yaml:38:13 report bucket reports-111122223333 does not exist",
                "restore-archive-2019.yaml:23:13 report bucket reports-111122223333 does not exist",
                "retention-contracts.yaml:22:13 report bucket reports-111122223333 does not exist",
                "retry-acl-bucket-owner.yaml:24:13 report bucket reports-111122223333 does not exist",
                "tag-logs-for-lifecycle.yaml:32:13 report bucket reports-111122223333 does not exist",
            ])
    }
}
