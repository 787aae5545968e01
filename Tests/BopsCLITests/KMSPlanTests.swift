import Foundation
import Testing

/// `bops plan` against KMS keys made with `bops local kms`, on the local engine and through the
/// aws engine on `bops emulator` serving the same store: each finding at the line and column of
/// the key ARN, with the key policy statement and the command as the hint, gone once fixed.
@Suite("KMS keys at plan time", .serialized, .tags(.process))
struct KMSPlanTests {
    static let role = "arn:aws:iam::111122223333:role/batch"
    static let adminsOnly = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "Admins", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "kms:*", "Resource": "*"}]}
        """
    static let withRole = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "Admins", "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "kms:*", "Resource": "*"},
          {"Sid": "AllowBatchOperationsRole", "Effect": "Allow", "Principal": {"AWS": "\(role)"},
          "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": "*"}]}
        """

    /// A copy project whose Copy encrypts with a new key of `policy` (created disabled when asked).
    static func project(
        policy: String, disabled: Bool = false
    ) throws -> (CLIHarness, key: String, spec: String) {
        let h = try CLIHarness.copyProject(count: 1)
        try h.write("key-policy.json", policy)
        let made = try h.run(
            ["local", "kms", "create-key", "--policy", "key-policy.json"] + (disabled ? ["--disabled"] : []))
        #expect(made.status == 0, "\(made.stderr)")
        let key = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("arn:aws:kms:us-east-1:111122223333:key/"), "\(key)")
        let spec = CLIHarness.spec(name: "copy-logs").replacingOccurrences(
            of: "      storageClass: STANDARD_IA\n",
            with:
                "      storageClass: STANDARD_IA\n      encryption: { type: SSE-KMS, kmsKeyArn: \"\(key)\" }\n"
        )
        try h.write("specs/copy-logs.yaml", spec)
        return (h, key, spec)
    }

    static func at(_ spec: String, _ text: String, _ value: String) -> String {
        BucketSettingsPlanTests.at(spec, text, value)
    }

    static func line(_ output: String, containing text: String) -> String {
        BucketSettingsPlanTests.line(output, containing: text)
    }

    @Test func aKeyPolicyThatDoesNotNameTheRoleIsAnErrorAtTheKeyUntilItDoes() throws {
        let (h, key, spec) = try Self.project(policy: Self.adminsOnly)
        let plan = try h.run(["plan"])
        #expect(plan.status == 1, "\(plan.stderr)")
        let error = Self.line(plan.stderr, containing: "the key policy of \(key)")
        #expect(error.hasPrefix(Self.at(spec, "encryption:", "\"arn:aws:kms") + " error:"), "\(plan.stderr)")
        #expect(error.contains("does not let role batch kms:GenerateDataKey, kms:Decrypt"), "\(error)")
        #expect(
            plan.stderr.contains(
                #"{"Sid": "AllowBatchOperationsRole", "Effect": "Allow", "Principal": {"AWS": "\#(Self.role)"}, "#
                    + #""Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": "*"}"#),
            "\(plan.stderr)")
        #expect(
            plan.stderr.contains("bops local kms put-key-policy \(key) --policy key-policy.json"),
            "\(plan.stderr)")

        try h.write("fixed.json", Self.withRole)
        #expect(try h.run(["local", "kms", "put-key-policy", key, "--policy", "fixed.json"]).status == 0)
        let fixed = try h.run(["plan"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(!fixed.stderr.contains("key policy"), "\(fixed.stderr)")
    }

    @Test func theSameKeyPolicyIsCaughtThroughTheAWSEngineOnTheEmulator() throws {
        let (seeder, key, spec) = try Self.project(policy: Self.adminsOnly)
        let (h, emulator) = try seeder.onTheEmulator()
        let plan = try h.run(["plan"], environment: emulator.environment)
        #expect(plan.status == 1, "\(plan.stderr)")
        let error = Self.line(plan.stderr, containing: "the key policy of \(key)")
        #expect(error.hasPrefix(Self.at(spec, "encryption:", "\"arn:aws:kms") + " error:"), "\(plan.stderr)")
        #expect(
            plan.stderr.contains("aws kms put-key-policy --key-id \(key) --policy-name default"),
            "\(plan.stderr)")
        try seeder.write("fixed.json", Self.withRole)
        #expect(
            try seeder.run(["local", "kms", "put-key-policy", key, "--policy", "fixed.json"]).status == 0)
        let fixed = try h.run(["plan"], environment: emulator.environment)
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    /// A role whose own policy does not mention KMS: a key policy naming the role is enough (KMS's
    /// rule in one account); one that only delegates to the account's IAM policies is not, and the
    /// role check says so at the key.
    @Test func aKeyPolicyNamingTheRoleNeedsNothingOfTheRolesPolicy() throws {
        let (h, key, spec) = try Self.project(policy: Self.withRole)
        try h.write(
            "trust.json",
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "batchoperations.s3.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#
        )
        try h.write(
            "s3.json",
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#
        )
        let role = try h.run([
            "local", "role", "put", "batch", "--trust", "trust.json", "--policy", "s3.json",
        ])
        #expect(role.status == 0, "\(role.stderr)")
        let plan = try h.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")

        try h.write(
            "root.json",
            #"{"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}"#
        )
        #expect(try h.run(["local", "kms", "put-key-policy", key, "--policy", "root.json"]).status == 0)
        let delegated = try h.run(["plan"])
        #expect(delegated.status == 1, "\(delegated.stderr)")
        let error = Self.line(delegated.stderr, containing: "may not kms:GenerateDataKey, kms:Decrypt")
        #expect(
            error.hasPrefix(Self.at(spec, "encryption:", "\"arn:aws:kms") + " error:"), "\(delegated.stderr)")
        #expect(!delegated.stderr.contains("the key policy of"), "\(delegated.stderr)")
    }

    @Test func aDisabledKeyIsAnErrorOnBothEnginesUntilEnabled() throws {
        let (h, key, spec) = try Self.project(policy: Self.withRole, disabled: true)
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        let error = Self.line(plan.stderr, containing: "is disabled (KMS DisabledException)")
        #expect(error.hasPrefix(Self.at(spec, "encryption:", "\"arn:aws:kms") + " error:"), "\(plan.stderr)")
        #expect(plan.stderr.contains("bops local kms enable-key \(key)"), "\(plan.stderr)")
        let (copy, emulator) = try h.onTheEmulator()
        let remote = try copy.run(["plan"], environment: emulator.environment)
        #expect(remote.stderr.contains("is disabled (KMS DisabledException)"), "\(remote.stderr)")
        #expect(remote.stderr.contains("aws kms enable-key --key-id \(key)"), "\(remote.stderr)")
        #expect(try h.run(["local", "kms", "enable-key", key]).status == 0)
        #expect(try h.run(["plan"]).status == 0)
        #expect(try copy.run(["plan"], environment: emulator.environment).status == 0)
    }

    @Test func aKeyTheStoreDoesNotHoldDoesNotExist() throws {
        let (h, key, spec) = try Self.project(policy: Self.withRole)
        let missing = String(key.dropLast(4)) + "0000"
        try h.write("specs/copy-logs.yaml", spec.replacingOccurrences(of: key, with: missing))
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        let error = Self.line(plan.stderr, containing: "does not exist (KMS NotFoundException)")
        #expect(error.hasPrefix(Self.at(spec, "encryption:", "\"arn:aws:kms") + " error:"), "\(plan.stderr)")
        #expect(error.contains(missing), "\(error)")
    }

    @Test func updateEncryptionsKeyIsCheckedAtItsKey() throws {
        let (h, key, _) = try Self.project(policy: Self.adminsOnly)
        let spec = CLIHarness.spec(name: "copy-logs").replacingOccurrences(
            of: "    copy:\n      destination: arn:aws:s3:::dst\n      storageClass: STANDARD_IA\n",
            with: "    updateEncryption:\n      kmsKeyArn: \(key)\n")
        try h.write("specs/copy-logs.yaml", spec)
        let plan = try h.run(["plan"])
        #expect(plan.status == 1, "\(plan.stderr)")
        let error = Self.line(plan.stderr, containing: "the key policy of \(key)")
        #expect(error.hasPrefix(Self.at(spec, "kmsKeyArn:", "arn:aws:kms") + " error:"), "\(plan.stderr)")
    }

    @Test func anAcknowledgedKeyIsANoteAndTheJobFailsWithKMSsAccessDenied() throws {
        let (h, _, spec) = try Self.project(policy: Self.adminsOnly)
        let acknowledged = spec.replacingOccurrences(
            of: "  priority: 10\n",
            with: "  priority: 10\n  acknowledge: { kmsKey: \"the key policy is changed next week\" }\n"
        ).replacingOccurrences(of: "confirm: false", with: "confirm: true")
        try h.write("specs/copy-logs.yaml", acknowledged)
        let plan = try h.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let note = Self.line(plan.stderr + plan.stdout, containing: "plan-time check kmsKey skipped")
        #expect(note.contains("the key policy is changed next week"), "\(plan.stderr)")
        let run = try h.applyWait()
        #expect(run.status == 1, "the job's task fails: \(run.stdout)\n\(run.stderr)")
        let report = try h.run(["report", "copy-logs"])
        #expect(report.stdout.contains("AccessDeniedException: 1"), "\(report.stdout)\(report.stderr)")
        #expect(
            report.stdout.contains("is not authorized to perform: kms:GenerateDataKey"), "\(report.stdout)")
    }

    @Test func aCSVManifestStoredWithSSEKMSIsAnErrorAtTheManifest() throws {
        let (h, key, _) = try Self.project(policy: Self.withRole)
        #expect(
            try h.run([
                "local", "put", "manifests", "m.csv", "--body", "src,logs/file-0.log\n", "--sse", "aws:kms",
                "--kms-key-id", key,
            ]).status == 0)
        let spec = CLIHarness.spec(name: "copy-logs").replacingOccurrences(
            of: "csv: { file: manifests/m.csv, fields: [Bucket, Key] }",
            with: "csv: { location: s3://manifests/m.csv, fields: [Bucket, Key] }")
        try h.write("specs/copy-logs.yaml", spec)
        let plan = try h.run(["plan"])
        #expect(plan.status == 1, "\(plan.stderr)")
        let error = Self.line(plan.stderr, containing: "is stored with SSE-KMS")
        #expect(error.hasPrefix(Self.at(spec, "csv:", "s3://manifests") + " error:"), "\(plan.stderr)")
        #expect(
            try h.run(["local", "put", "manifests", "m.csv", "--body", "src,logs/file-0.log\n"]).status == 0)
        let fixed = try h.run(["plan"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }
}
