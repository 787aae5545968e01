import BopsTestSupport
import FoundationEssentials
import Testing

/// A Copy into a bucket of another account (`bops local mb dst --owner ACCOUNT`): without a bucket
/// policy that allows the role it is an error at the destination, with the statement to add, on
/// the local engine and through the aws engine on `bops emulator` (HeadBucket with
/// `x-amz-expected-bucket-owner`); the statement the plan prints fixes it on both.
@Suite("a bucket of another account at plan time", .serialized, .tags(.process))
struct CrossAccountPlanTests {
    @Test func aDestinationOfAnotherAccountMustAllowTheRoleOnBothEngines() throws {
        let h = try CLIHarness()
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
        )
        try h.write("data/logs/file-0.log", "line 0\n")
        try h.write("specs/manifests/m.csv", "src,logs/file-0.log\n")
        let spec = CLIHarness.spec(name: "copy-logs")
        try h.write("specs/copy-logs.yaml", spec)
        #expect(try h.run(["local", "seed", "src", "data"]).status == 0)
        #expect(try h.run(["local", "mb", "reports"]).status == 0)
        let made = try h.run(["local", "mb", "dst", "--owner", "444455556666"])
        #expect(made.status == 0, "\(made.stderr)")
        let at = BucketSettingsPlanTests.at(spec, "destination:", "arn:aws:s3:::dst")

        let plan = try h.run(["plan"])
        #expect(plan.status == 1, "\(plan.stderr)")
        let error = BucketSettingsPlanTests.line(
            plan.stderr, containing: "bucket dst belongs to account 444455556666")
        #expect(error.hasPrefix(at + " error:"), "\(plan.stderr)")
        #expect(error.contains("it has no bucket policy to allow role batch s3:PutObject"), "\(error)")
        // The statement the plan prints, put as the bucket policy, is the fix.
        let hint = BucketSettingsPlanTests.line(plan.stderr, containing: "add to the bucket policy of dst: ")
        let statement = try #require(
            hint.range(of: "{\"Sid\"").map { String(hint[$0.lowerBound...]) }.flatMap { text in
                text.range(of: "}; ").map { String(text[..<$0.lowerBound]) + "}" }
            }, "\(plan.stderr)")
        try h.write("allow.json", #"{"Version": "2012-10-17", "Statement": [\#(statement)]}"#)

        let (copy, emulator) = try h.onTheEmulator()
        let remote = try copy.run(["plan"], environment: emulator.environment)
        #expect(remote.status == 1, "\(remote.stderr)")
        let remoteError = BucketSettingsPlanTests.line(
            remote.stderr, containing: "bucket dst belongs to another account")
        #expect(remoteError.hasPrefix(at + " error:"), "\(remote.stderr)")
        #expect(remote.stderr.contains("aws s3api put-bucket-policy --bucket dst"), "\(remote.stderr)")

        let put = try h.run(["local", "put-bucket-config", "dst", "--policy", "allow.json"])
        #expect(put.status == 0, "\(put.stderr)")
        let fixed = try h.run(["plan"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let remoteFixed = try copy.run(["plan"], environment: emulator.environment)
        #expect(remoteFixed.status == 0, "\(remoteFixed.stderr)")
        let explain = try h.run(["plan", "--explain", "copy-logs"])
        #expect(
            explain.stdout.contains("dst belongs to account 444455556666, not 111122223333"),
            "\(explain.stdout)")
        #expect(
            explain.stdout.contains("across accounts, the bucket policy of dst allows role"),
            "\(explain.stdout)")
    }
}
