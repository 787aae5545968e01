import BopsDiagnostics
import BopsJobs
import BopsSpec
import BopsTestSupport
import Foundation
import Testing

@testable import BopsProject

/// KMS reads a plan may not make (403 `AccessDeniedException` on DescribeKey or GetKeyPolicy) are
/// warnings that the key was not checked, never a pass; what the keys say is checked at the key.
struct KMSCheckTests {
    static let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    /// Keys as a script says: a description or an error per call.
    struct ScriptedKeys: KeyChecking {
        var describe: @Sendable () throws -> KMSKeyDescription?
        var policy: @Sendable () throws -> String

        func describeKey(_ key: String) async throws -> KMSKeyDescription? { try describe() }
        func keyPolicy(_ key: String) async throws -> String { try policy() }
    }

    static let denied = EngineError(
        code: "AccessDeniedException",
        message: "User: arn:aws:iam::111122223333:user/ci is not authorized to perform: kms:DescribeKey",
        httpStatus: 400)
    static let enabled = KMSKeyDescription(
        keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", arn: key, account: "111122223333", keyState: "Enabled")

    /// AWS's default key policy: the account's root, that is its IAM policies, decides.
    static let defaultPolicy =
        #"{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}"#

    static let spec = """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: encrypted
        spec:
          roleArn: arn:aws:iam::111122223333:role/r
          manifest:
            csv: { file: m.csv, fields: [Bucket, Key] }
          operation:
            copy: { destination: "arn:aws:s3:::dst", encryption: { type: SSE-KMS, kmsKeyArn: "\(key)" } }
          report: { bucket: "arn:aws:s3:::reports", scope: all }

        """

    static func findings(_ keys: ScriptedKeys) async throws -> Diagnostics {
        let temp = try TempFolder()
        let file = temp.path + "/encrypted.yaml"
        try spec.write(toFile: file, atomically: true, encoding: .utf8)
        try "src,a.log\n".write(toFile: temp.path + "/m.csv", atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: spec, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        for bucket in ["src", "dst", "reports"] { store.make(bucket) }
        var desired = DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1")
        desired.keys = keys
        return await desired.build(loaded.specs, recorded: nil).diagnostics
    }

    @Test func aDeniedDescribeKeyIsAWarningThatTheKeyWasNotChecked() async throws {
        let found = try await Self.findings(ScriptedKeys(describe: { throw Self.denied }, policy: { "" }))
        #expect(!found.hasErrors, "\(found.items.map(\.summary))")
        let warning = try #require(
            found.items.first { $0.summary.contains("KMS key \(Self.key) was not checked") })
        #expect(warning.severity == .warning)
        #expect(
            warning.hint?.contains("allow the caller kms:DescribeKey on \(Self.key)") == true, "\(warning)")
        let line = Self.spec.split(separator: "\n")[9]
        let column = line.distance(from: line.startIndex, to: line.range(of: "\"arn:aws:kms")!.lowerBound) + 1
        #expect(
            warning.range?.start == Mark(line: 10, column: column), "\(String(describing: warning.range))")
    }

    @Test func aDeniedGetKeyPolicyIsAWarningThatThePolicyWasNotChecked() async throws {
        let found = try await Self.findings(
            ScriptedKeys(describe: { Self.enabled }, policy: { throw Self.denied }))
        #expect(!found.hasErrors, "\(found.items.map(\.summary))")
        let warning = try #require(
            found.items.first { $0.summary.contains("the key policy of \(Self.key) was not checked") })
        #expect(warning.hint?.contains("kms:GetKeyPolicy") == true, "\(warning)")
    }

    @Test func aKeyPolicyThatDeniesTheRoleIsAnErrorNamingTheStatement() async throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Sid":"NoRole","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:role/r"},"Action":"kms:Decrypt","Resource":"*"}]}"#
        let found = try await Self.findings(ScriptedKeys(describe: { Self.enabled }, policy: { policy }))
        let error = try #require(found.items.first { $0.summary.contains("the key policy of \(Self.key)") })
        #expect(error.severity == .error)
        #expect(
            error.summary.contains("does not let role r kms:Decrypt (explicit deny by key policy of"),
            "\(error.summary)")
        #expect(error.summary.contains("statement 2 (NoRole)"), "\(error.summary)")
        #expect(error.pointer == "/spec/operation/copy/encryption/kmsKeyArn")
    }

    @Test func theDefaultKeyPolicyDelegatesToTheRoleCheck() async throws {
        let found = try await Self.findings(
            ScriptedKeys(describe: { Self.enabled }, policy: { Self.defaultPolicy }))
        #expect(!found.items.contains { $0.summary.contains("key policy") }, "\(found.items.map(\.summary))")
    }
}
