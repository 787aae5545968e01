import BopsDiagnostics
import BopsJobs
import BopsSpec
import BopsTestSupport
import FoundationEssentials
import Synchronization
import Testing

@testable import BopsProject

/// A Copy's source bucket whose default encryption is SSE-KMS with a customer managed key: the key
/// is checked as the job's other keys are, with `kms:Decrypt` for the role, at the manifest (the
/// source's key); other defaults need no key check, and a default bops may not read is a warning.
@Suite("the default encryption key of a source bucket")
struct SourceEncryptionCheckTests {
    static let key = KMSCheckTests.key
    static let denyDecrypt =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"kms:*","Resource":"*"}]}"#
    static let allowRole =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"Batch","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/r"},"Action":"kms:Decrypt","Resource":"*"}]}"#

    /// The manifest's file is at line 8, column 18.
    static let spec = """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: copy-encrypted
        spec:
          roleArn: arn:aws:iam::111122223333:role/r
          manifest:
            csv: { file: m.csv, fields: [Bucket, Key] }
          operation:
            copy: { destination: "arn:aws:s3:::dst" }
          report: { bucket: "arn:aws:s3:::reports", scope: all }

        """

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var encryption: BucketEncryption?
        var denied = false
        var keyPolicy = SourceEncryptionCheckTests.denyDecrypt
        var keyExists = true
        /// Whether the key is asked of KMS at all.
        var described: Bool
        var expected: (severity: Severity, summary: String, hint: String)?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "an SSE-KMS default whose key policy does not let the role decrypt",
            encryption: BucketEncryption(algorithm: "aws:kms", kmsKeyId: key, bucketKeyEnabled: true),
            described: true,
            expected: (
                .error, "the key policy of \(key) does not let role r kms:Decrypt",
                #""Action": ["kms:Decrypt"]"#
            )),
        Case(
            name: "an SSE-KMS default by key ID, the key missing",
            encryption: BucketEncryption(
                algorithm: "aws:kms", kmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab"),
            keyExists: false, described: true,
            expected: (
                .error, "the default encryption key of source bucket src, \(key), does not exist",
                "create the key"
            )),
        Case(
            name: "an SSE-KMS default whose key policy lets the role decrypt",
            encryption: BucketEncryption(algorithm: "aws:kms", kmsKeyId: key), keyPolicy: allowRole,
            described: true, expected: nil),
        Case(name: "an SSE-S3 default", encryption: BucketEncryption(algorithm: "AES256"), described: false),
        Case(
            name: "an SSE-KMS default with the AWS managed key",
            encryption: BucketEncryption(algorithm: "aws:kms"),
            described: false),
        Case(name: "no default", encryption: nil, described: false),
        Case(
            name: "a default bops may not read",
            encryption: BucketEncryption(algorithm: "aws:kms", kmsKeyId: key),
            denied: true, described: false,
            expected: (
                .warning, "the default encryption of bucket src was not checked",
                "allow the caller s3:GetEncryptionConfiguration on arn:aws:s3:::src"
            )),
    ]

    @Test(arguments: cases)
    func theSourcesDefaultKeyIsCheckedAtTheManifest(_ c: Case) async throws {
        let temp = try TempFolder()
        let file = temp.path + "/copy-encrypted.yaml"
        try Self.spec.write(toFile: file, atomically: true, encoding: .utf8)
        try "src,a.log\n".write(toFile: temp.path + "/m.csv", atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: Self.spec, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        for bucket in ["src", "dst", "reports"] { store.make(bucket) }
        store.configure("src") {
            $0.encryption = c.encryption
            $0.encryptionDenied = c.denied
        }
        let asked = Mutex<[String]>([])
        let policy = c.keyPolicy
        let exists = c.keyExists
        var desired = DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1")
        desired.keys = RecordingKeys(
            describe: { key in
                asked.withLock { $0.append(key) }
                return exists ? KMSCheckTests.enabled : nil
            }, policy: { policy })
        let found = await desired.build(loaded.specs, recorded: nil).diagnostics
        #expect(asked.withLock { $0 } == (c.described ? [Self.key] : []))
        guard let expected = c.expected else {
            #expect(found.items.isEmpty, "\(found.items.map(\.summary))")
            return
        }
        try #require(found.count == 1, "this finding alone: \(found.items.map(\.summary))")
        let d = found.items[0]
        #expect(d.severity == expected.severity, "\(d.summary)")
        #expect(d.summary.contains(expected.summary), "\(d.summary)")
        #expect(d.hint?.contains(expected.hint) == true, "\(d.hint ?? "no hint")")
        #expect(d.range?.file == file)
        #expect(d.range?.start == Mark(line: 8, column: 18), "\(d.range?.start.description ?? "nowhere")")
        #expect(d.pointer == "/spec/manifest/csv/file")
    }

    /// Keys answered by closures, each call seen.
    struct RecordingKeys: KeyChecking {
        var describe: @Sendable (String) throws -> KMSKeyDescription?
        var policy: @Sendable () throws -> String

        func describeKey(_ key: String) async throws -> KMSKeyDescription? { try describe(key) }
        func keyPolicy(_ key: String) async throws -> String { try policy() }
    }
}
