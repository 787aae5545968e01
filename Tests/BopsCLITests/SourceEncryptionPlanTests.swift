import BopsTestSupport
import FoundationEssentials
import Testing

/// A Copy whose source bucket's default encryption (set with `bops local put-bucket-config
/// --encryption`) is SSE-KMS with a key whose policy does not let the role decrypt: an error at the
/// manifest, on the local engine and through the aws engine on `bops emulator` (GetBucketEncryption),
/// gone once the key policy names the role.
@Suite("the default encryption key of a source at plan time", .serialized, .tags(.process))
struct SourceEncryptionPlanTests {
    static func encryption(_ key: String) -> String {
        #"{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "\#(key)"}, "#
            + #""BucketKeyEnabled": true}]}"#
    }

    @Test func aSourceKeyThatRefusesTheRoleIsAnErrorAtTheManifestOnBothEngines() throws {
        let h = try CLIHarness.copyProject(count: 1)
        try h.write("key-policy.json", KMSPlanTests.adminsOnly)
        let made = try h.run(["local", "kms", "create-key", "--policy", "key-policy.json"])
        #expect(made.status == 0, "\(made.stderr)")
        let key = String(made.stdout.split(separator: "\n").first ?? "")
        try h.write("encryption.json", Self.encryption(key))
        let set = try h.run(["local", "put-bucket-config", "src", "--encryption", "encryption.json"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("default encryption aws:kms \(key)"), "\(set.stdout)")
        let spec = CLIHarness.spec(name: "copy-logs")
        let at = BucketSettingsPlanTests.at(spec, "csv:", "manifests/m.csv")

        let plan = try h.run(["plan"])
        #expect(plan.status == 1, "\(plan.stderr)")
        let error = BucketSettingsPlanTests.line(plan.stderr, containing: "the key policy of \(key)")
        #expect(error.hasPrefix(at + " error:"), "\(plan.stderr)")
        #expect(error.contains("does not let role batch kms:Decrypt"), "\(error)")
        #expect(
            plan.stderr.contains(
                #""Principal": {"AWS": "\#(KMSPlanTests.role)"}, "Action": ["kms:Decrypt"]"#),
            "\(plan.stderr)")
        let explain = try h.run(["plan", "--explain", "copy-logs"])
        #expect(
            explain.stdout.contains("src encrypts new objects with aws:kms and key \(key)"),
            "\(explain.stdout)")

        let (copy, emulator) = try h.onTheEmulator()
        let remote = try copy.run(["plan"], environment: emulator.environment)
        #expect(remote.status == 1, "\(remote.stderr)")
        let remoteError = BucketSettingsPlanTests.line(remote.stderr, containing: "the key policy of \(key)")
        #expect(remoteError.hasPrefix(at + " error:"), "\(remote.stderr)")
        #expect(remoteError.contains("does not let role batch kms:Decrypt"), "\(remoteError)")

        try h.write("fixed.json", KMSPlanTests.withRole)
        #expect(try h.run(["local", "kms", "put-key-policy", key, "--policy", "fixed.json"]).status == 0)
        let fixed = try h.run(["plan"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let remoteFixed = try copy.run(["plan"], environment: emulator.environment)
        #expect(remoteFixed.status == 0, "\(remoteFixed.stderr)")

        #expect(try h.run(["local", "put-bucket-config", "src", "--encryption", "none"]).status == 0)
        let none = try h.run(["plan", "--explain", "copy-logs"])
        #expect(none.stdout.contains("src has no default encryption"), "\(none.stdout)")
    }
}
