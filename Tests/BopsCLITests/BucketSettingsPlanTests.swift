import Foundation
import Testing

/// `bops plan` on the local engine against bucket settings made with `bops local put-bucket-config`:
/// each finding at the line and column of the key it concerns, with the fix as its hint, and gone
/// once the fix is made.
@Suite("bucket settings at plan time on the local engine", .serialized, .tags(.process))
struct BucketSettingsPlanTests {
    static let denyBatch = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "NoBatchWrites", "Effect": "Deny",
          "Principal": {"AWS": "arn:aws:iam::111122223333:role/batch"}, "Action": "s3:PutObject*",
          "Resource": "arn:aws:s3:::dst/*"}]}
        """
    static let denyOthers = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "NoBatchWrites", "Effect": "Deny", "Principal": "*",
          "Action": "s3:PutObject*", "Resource": "arn:aws:s3:::dst/*",
          "Condition": {"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/batch"}}}]}
        """
    static let lifecycle = """
        {"Rules": [{"ID": "expire-logs", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
          "Expiration": {"Days": 30}}]}
        """

    /// `file:line:col` of the first line of `spec` containing `text`, at the column of `value`.
    static func at(_ spec: String, _ text: String, _ value: String) -> String {
        let lines = spec.split(separator: "\n", omittingEmptySubsequences: false)
        let index = lines.firstIndex { $0.contains(text) } ?? 0
        let column =
            (lines[index].range(of: value).map {
                lines[index].distance(from: lines[index].startIndex, to: $0.lowerBound)
            } ?? 0) + 1
        return "specs/copy-logs.yaml:\(index + 1):\(column):"
    }

    static func line(_ output: String, containing text: String) -> String {
        output.split(separator: "\n").first { $0.contains(text) }.map(String.init) ?? ""
    }

    @Test func aBucketPolicyDenyingTheRoleIsAnErrorAtTheDestinationUntilTheRoleIsExempt() throws {
        let h = try CLIHarness.copyProject(count: 2)
        let spec = CLIHarness.spec(name: "copy-logs")
        try h.write("deny.json", Self.denyBatch)
        let put = try h.run(["local", "put-bucket-config", "dst", "--policy", "deny.json"])
        #expect(put.status == 0, "\(put.stderr)")
        let plan = try h.run(["plan"])
        #expect(plan.status == 1, "\(plan.stderr)")
        let error = Self.line(plan.stderr, containing: "the bucket policy of dst")
        #expect(
            error.hasPrefix(Self.at(spec, "destination:", "arn:aws:s3:::dst") + " error:"), "\(plan.stderr)")
        #expect(error.contains("denies role batch s3:PutObject"), "\(error)")
        #expect(error.contains("statement 1 (NoBatchWrites)"), "\(error)")
        #expect(
            plan.stderr.contains(
                #""ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/batch"}"#))
        #expect(
            plan.stderr.contains("bops local put-bucket-config dst --policy policy.json"), "\(plan.stderr)")

        try h.write("exempt.json", Self.denyOthers)
        #expect(try h.run(["local", "put-bucket-config", "dst", "--policy", "exempt.json"]).status == 0)
        let fixed = try h.run(["plan"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(!fixed.stderr.contains("bucket policy"), "\(fixed.stderr)")
    }

    @Test func aReportBucketWithADefaultRetentionIsAnErrorAtTheReportBucket() throws {
        let h = try CLIHarness.copyProject(count: 1)
        let spec = CLIHarness.spec(name: "copy-logs")
        let put = try h.run([
            "local", "put-bucket-config", "reports", "--versioning", "enabled", "--object-lock-retention",
            "GOVERNANCE:1d",
        ])
        #expect(put.status == 0, "\(put.stderr)")
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        let error = Self.line(plan.stderr, containing: "Object Lock default retention")
        #expect(
            error.hasPrefix(Self.at(spec, "report:", "\"arn:aws:s3:::reports\"") + " error:"),
            "\(plan.stderr)")
        #expect(error.contains("(GOVERNANCE for 1 day)"), "\(error)")
        #expect(plan.stderr.contains("bops local put-bucket-config reports --object-lock-retention none"))
        #expect(
            try h.run(["local", "put-bucket-config", "reports", "--object-lock-retention", "none"]).status
                == 0)
        #expect(try h.run(["plan"]).status == 0)
    }

    @Test func aLifecycleRuleOnTheSourceIsAWarningAtTheManifest() throws {
        let h = try CLIHarness.copyProject(count: 1)
        let spec = CLIHarness.spec(name: "copy-logs")
        try h.write("lifecycle.json", Self.lifecycle)
        #expect(
            try h.run(["local", "put-bucket-config", "src", "--lifecycle", "lifecycle.json"]).status == 0)
        let plan = try h.run(["plan"])
        #expect(plan.status == 0, "a warning does not stop the plan: \(plan.stderr)")
        let warning = Self.line(plan.stderr + plan.stdout, containing: "lifecycle rule 'expire-logs'")
        #expect(warning.hasPrefix(Self.at(spec, "csv:", "manifests/m.csv") + " warning:"), "\(plan.stderr)")
        #expect(warning.contains("expires objects after 30 days (objects under logs/)"), "\(warning)")
    }

    @Test func anAcknowledgedLifecycleRuleIsANoteAtTheAcknowledgement() throws {
        let h = try CLIHarness.copyProject(count: 1)
        let spec = CLIHarness.spec(name: "copy-logs").replacingOccurrences(
            of: "  priority: 10\n",
            with:
                "  priority: 10\n  acknowledge:\n    lifecycle: \"the rule expires after 30 days; the job copies in minutes\"\n"
        )
        try h.write("specs/copy-logs.yaml", spec)
        try h.write("lifecycle.json", Self.lifecycle)
        #expect(
            try h.run(["local", "put-bucket-config", "src", "--lifecycle", "lifecycle.json"]).status == 0)
        let plan = try h.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let output = plan.stderr + plan.stdout
        #expect(!output.contains("lifecycle rule 'expire-logs'"), "\(output)")
        let note = Self.line(output, containing: "plan-time check lifecycle skipped")
        #expect(note.hasPrefix(Self.at(spec, "lifecycle:", "\"the rule") + " note:"), "\(output)")
        #expect(note.contains("the job copies in minutes"), "\(note)")
    }

    @Test func blockPublicAccessAgainstAPublicCopyIsAnErrorAtTheACL() throws {
        let h = try CLIHarness.copyProject(count: 1)
        let spec = CLIHarness.spec(name: "copy-logs").replacingOccurrences(
            of: "storageClass: STANDARD_IA",
            with: "storageClass: STANDARD_IA\n      acl: { canned: public-read }")
        try h.write("specs/copy-logs.yaml", spec)
        #expect(try h.run(["local", "put-bucket-config", "dst", "--public-access-block", "all"]).status == 0)
        let plan = try h.run(["plan"])
        #expect(plan.status == 1)
        let error = Self.line(plan.stderr, containing: "Block Public Access on bucket dst")
        #expect(error.hasPrefix(Self.at(spec, "acl:", "{ canned") + " error:"), "\(plan.stderr)")
        #expect(plan.stderr.contains("bops local put-bucket-config dst --public-access-block none"))
    }

    @Test func aReplicationRuleIntoAMissingBucketIsAnErrorAtTheManifest() throws {
        let h = try CLIHarness.copyProject(count: 1)
        try h.write("data/photos/a.jpg", "jpeg")
        #expect(try h.run(["local", "seed", "photos", "data/photos", "--versioning"]).status == 0)
        let versions = try h.run(["local", "ls", "photos", "--versions", "--json"])
        let listed = try JSONSerialization.jsonObject(with: Data(versions.stdout.utf8)) as? [[String: String]]
        let version = try #require(listed?.first?["version_id"], "\(versions.stdout)")
        try h.write("specs/manifests/photos.csv", "photos,a.jpg,\(version)\n")
        let spec = CLIHarness.spec(name: "copy-logs")
            .replacingOccurrences(
                of: "csv: { file: manifests/m.csv, fields: [Bucket, Key] }",
                with: "csv: { file: manifests/photos.csv, fields: [Bucket, Key, VersionId] }"
            )
            .replacingOccurrences(
                of: "    copy:\n      destination: arn:aws:s3:::dst\n      storageClass: STANDARD_IA\n",
                with: "    replicate: {}\n")
        try h.write("specs/copy-logs.yaml", spec)
        try h.write(
            "replication.json",
            #"{"Role": "arn:aws:iam::111122223333:role/replication", "Rules": [{"ID": "to-dr", "Status": "Enabled", "Priority": 1, "Filter": {"Prefix": ""}, "Destination": {"Bucket": "arn:aws:s3:::photos-dr"}}]}"#
        )
        let put = try h.run(["local", "put-replication", "photos", "replication.json"])
        #expect(put.status == 0, "\(put.stderr)")
        let plan = try h.run(["plan"])
        #expect(plan.status == 1, "\(plan.stderr)")
        let error = Self.line(plan.stderr, containing: "replication rule 'to-dr' of photos")
        #expect(error.hasPrefix(Self.at(spec, "csv:", "manifests/photos.csv") + " error:"), "\(plan.stderr)")
        #expect(error.contains("sends objects to photos-dr, which does not exist"), "\(error)")
        #expect(plan.stderr.contains("bops local mb photos-dr --versioning"), "\(plan.stderr)")
        #expect(try h.run(["local", "mb", "photos-dr", "--versioning"]).status == 0)
        let fixed = try h.run(["plan"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test func aMalformedBucketPolicyFileIsAnErrorAtItsLine() throws {
        let h = try CLIHarness.copyProject(count: 1)
        try h.write(
            "bad.json",
            "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"s3:*\"}]}\n"
        )
        let put = try h.run(["local", "put-bucket-config", "dst", "--policy", "bad.json"])
        #expect(put.status == 1)
        #expect(
            put.stderr.contains("bad.json:2:16: error: Missing required field Principal"), "\(put.stderr)")
    }
}
