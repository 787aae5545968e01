import BopsDiagnostics
import BopsJobs
import BopsSpec
import BopsTestSupport
import FoundationEssentials
import Testing

@testable import BopsProject

/// A bucket of another account than the role's: S3 wants its bucket policy to allow the role, as
/// well as the role's own policies. A policy that does not (or none at all) is an error at that
/// bucket's key with the statement to add; an owner the engine cannot tell is a check not made.
@Suite("a bucket of another account must allow the role")
struct CrossAccountBucketTests {
    static let role = "arn:aws:iam::111122223333:role/r"
    static let spec = """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: cross
        spec:
          roleArn: \(role)
          manifest:
            csv: { file: m.csv, fields: [Bucket, Key] }
          operation:
            copy: { destination: "arn:aws:s3:::dst" }
          report: { bucket: "arn:aws:s3:::reports", scope: all }

        """

    static func allowing(_ principal: String, _ bucket: String = "dst") -> String {
        #"{"Version":"2012-10-17","Statement":[{"Sid":"Batch","Effect":"Allow","Principal":{"AWS":"\#(principal)"},"#
            + #""Action":"s3:*","Resource":["arn:aws:s3:::\#(bucket)","arn:aws:s3:::\#(bucket)/*"]}]}"#
    }

    /// `line:column` of `value` on the first line of the spec containing `text`.
    static func at(_ text: String, _ value: String) -> Mark {
        let lines = spec.split(separator: "\n", omittingEmptySubsequences: false)
        let index = lines.firstIndex { $0.contains(text) } ?? 0
        let column = lines[index].distance(
            from: lines[index].startIndex,
            to: lines[index].range(of: value)?.lowerBound ?? lines[index].startIndex)
        return Mark(line: index + 1, column: column + 1)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bucket = "dst"
        var owner: String? = "444455556666"
        var ownerKnown = true
        var policy: String?
        var expected: (summary: String, hint: String, at: Mark)?
        /// The bucket policy check's verdict on the bucket, when not what the finding says.
        var notChecked = false

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "another account's destination without a bucket policy",
            expected: (
                "bucket dst belongs to account 444455556666, and it has no bucket policy to allow role r s3:PutObject",
                #"{"Sid": "AllowBatchOperationsRole", "Effect": "Allow", "Principal": {"AWS": "\#(role)"}, "#
                    + #""Action": ["s3:PutObject", "#,
                at("destination:", "\"arn:aws:s3:::dst\"")
            )),
        Case(
            name: "another account's destination whose policy allows someone else",
            policy: allowing("arn:aws:iam::111122223333:role/other"),
            expected: (
                "bucket dst belongs to account 444455556666, and its bucket policy does not allow role r",
                #""Resource": "arn:aws:s3:::dst/*"}"#, at("destination:", "\"arn:aws:s3:::dst\"")
            )),
        Case(
            name: "another account's source without a bucket policy", bucket: "src",
            expected: (
                "bucket src belongs to account 444455556666, and it has no bucket policy to allow role r s3:GetObject",
                "arn:aws:s3:::src/*", at("csv:", "m.csv")
            )),
        Case(name: "another account's destination allowing the role", policy: allowing(role), expected: nil),
        Case(
            name: "another account's destination allowing the role's account",
            policy: allowing("arn:aws:iam::111122223333:root"), expected: nil),
        Case(
            name: "the role's own account's destination without a policy", owner: "111122223333",
            expected: nil),
        Case(
            name: "a destination whose owner the engine cannot tell", ownerKnown: false, expected: nil,
            notChecked: true),
    ]

    @Test(arguments: cases)
    func aCrossAccountBucketMustAllowTheRoleAtItsKey(_ c: Case) async throws {
        let temp = try TempFolder()
        let file = temp.path + "/cross.yaml"
        try Self.spec.write(toFile: file, atomically: true, encoding: .utf8)
        try "src,a.log\n".write(toFile: temp.path + "/m.csv", atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: Self.spec, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        for bucket in ["src", "dst", "reports"] { store.make(bucket) }
        store.configure(c.bucket) {
            $0.owner = c.owner
            $0.ownerKnown = c.ownerKnown
            $0.policy = c.policy
        }
        let log = CheckLog()
        var desired = DesiredJobs(
            config: ProjectConfig(root: temp.path), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1")
        desired.checkLog = log
        let found = await desired.build(loaded.specs, recorded: nil).diagnostics
        let record = log.records(of: "cross").first {
            $0.check == .bucketPolicy && $0.subject == "s3://\(c.bucket)"
        }
        guard let expected = c.expected else {
            #expect(found.items.isEmpty, "\(found.items.map(\.summary))")
            if c.notChecked {
                guard case .notChecked(let why)? = record?.verdict else {
                    Issue.record("the check says it was not made: \(String(describing: record))")
                    return
                }
                #expect(why.contains("the engine cannot tell whether account 111122223333 owns it"), "\(why)")
            } else {
                #expect(record?.verdict == .passed, "\(String(describing: record))")
            }
            return
        }
        try #require(found.count == 1, "this finding alone: \(found.items.map(\.summary))")
        let d = found.items[0]
        #expect(d.severity == .error)
        #expect(d.summary.contains(expected.summary), "\(d.summary)")
        #expect(d.hint?.contains(expected.hint) == true, "\(d.hint ?? "no hint")")
        #expect(d.range?.file == file)
        #expect(d.range?.start == expected.at, "\(d.range?.start.description ?? "nowhere")")
        #expect(record.map { if case .failed = $0.verdict { true } else { false } } == true)
    }
}
