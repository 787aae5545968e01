import BopsDiagnostics
import BopsJobs
import BopsPrimitives
import BopsProject
import BopsSpec
import Testing

/// A caller checker that answers each action with a decision, or skips (may not simulate), and
/// counts the questions it was asked.
final class ScriptedCaller: CallerChecking, @unchecked Sendable {
    let decisions: [String: PermissionDecision]
    let skipped: String?
    private(set) var asked: [String] = []

    init(_ decisions: [String: PermissionDecision], skipped: String? = nil) {
        self.decisions = decisions
        self.skipped = skipped
    }

    func checkCaller(needs: [NeededPermission]) async throws -> CallerCheck {
        asked.append(contentsOf: needs.map(\.action))
        if let skipped { return CallerCheck(caller: nil, results: [], skipped: skipped) }
        return CallerCheck(
            caller: "arn:aws:iam::111122223333:role/ci",
            results: needs.map {
                PermissionResult(permission: $0, decision: decisions[$0.action] ?? .allowed, matchedBy: nil)
            })
    }
}

/// The caller check: iam:PassRole at `roleArn`, s3:PutJobTagging at `tags`, a skipped check a
/// warning, one question per role and one for tagging however many specs ask.
struct CallerPermissionCheckTests {
    static let yaml = """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: tag-logs
        spec:
          roleArn: arn:aws:iam::111122223333:role/batch
          manifest:
            csv: { location: "s3://manifests-111122223333/manifest.csv", fields: [Bucket, Key] }
          operation:
            deleteTags: {}
          report: { scope: disabled }
          tags: { team: data }

        """

    static func loaded() throws -> LoadedSpec {
        let result = SpecLoader.load([(path: "specs/tag-logs.yaml", bytes: Array(yaml.utf8))])
        try #require(!result.diagnostics.hasErrors, "\(result.diagnostics.items.map(\.summary))")
        return try #require(result.specs.first)
    }

    static func request(tags: Bool = true) -> CreateJobRequest {
        CreateJobRequest(
            accountId: "111122223333", confirmationRequired: false, operation: .s3DeleteObjectTagging,
            report: JobReport(enabled: false), clientRequestToken: "t", priority: 10,
            roleArn: "arn:aws:iam::111122223333:role/batch",
            tags: tags ? [S3Tag(key: "team", value: "data")] : nil)
    }

    @Test(arguments: [
        (["iam:PassRole": PermissionDecision.implicitDeny], ["error 6:12 /spec/roleArn iam:PassRole"]),
        (["s3:PutJobTagging": .explicitDeny], ["error 12:9 /spec/tags s3:PutJobTagging"]),
        ([:], []),
    ])
    func eachDeniedActionIsAnErrorAtItsKey(
        decisions: [String: PermissionDecision], expected: [String]
    )
        async throws
    {
        let found = await CallerPermissionCheck(callers: ScriptedCaller(decisions)).check(
            Self.request(), spec: try Self.loaded())
        let lines = found.items.map { d in
            "\(d.severity.rawValue) \(d.range.map { "\($0.start.line):\($0.start.column)" } ?? "-") "
                + "\(d.pointer ?? "-") \(d.summary.contains("iam:PassRole") ? "iam:PassRole" : "s3:PutJobTagging")"
        }
        #expect(lines == expected)
        for d in found.items { #expect(d.hint?.contains("\"Effect\": \"Allow\"") == true, "\(d)") }
    }

    @Test func theHintOfPassRoleLimitsItToBatchOperations() async throws {
        let found = await CallerPermissionCheck(callers: ScriptedCaller(["iam:PassRole": .implicitDeny]))
            .check(Self.request(), spec: try Self.loaded())
        #expect(
            found.items.first?.hint?.contains(
                #""Condition": {"StringEquals": {"iam:PassedToService": "batchoperations.s3.amazonaws.com"}}"#
            )
                == true)
    }

    @Test func aCallerThatMayNotSimulateIsNotCheckedAWarningNeverAPass() async throws {
        let log = CheckLog()
        let found = await CallerPermissionCheck(
            callers: ScriptedCaller([:], skipped: "AccessDenied on iam:SimulatePrincipalPolicy"),
            recorder: CheckRecorder(log: log, spec: "tag-logs")
        ).check(Self.request(), spec: try Self.loaded())
        #expect(found.items.map(\.severity) == [.warning, .warning])
        #expect(found.items.allSatisfy { $0.summary.contains("was not checked") })
        for record in log.records(of: "tag-logs") {
            guard case .notChecked = record.verdict else {
                Issue.record("\(record.verdict)")
                continue
            }
        }
        #expect(log.records(of: "tag-logs").count == 2)
    }

    @Test func anUntaggedJobAsksOnlyForPassRole() async throws {
        let caller = ScriptedCaller([:])
        _ = await CallerPermissionCheck(callers: caller).check(
            Self.request(tags: false), spec: try Self.loaded())
        #expect(caller.asked == ["iam:PassRole"])
    }

    @Test func specsShareOneQuestionPerRoleAndOneForTagging() async throws {
        let caller = ScriptedCaller([:])
        let memo = OnceMap<CallerPermissionCheck.Question>()
        for _ in 0..<3 {
            _ = await CallerPermissionCheck(callers: caller, memo: memo).check(
                Self.request(), spec: try Self.loaded())
        }
        #expect(caller.asked == ["iam:PassRole", "s3:PutJobTagging"])
    }

    @Test func withoutACallerIdentityTheCheckIsNotApplicable() async throws {
        let log = CheckLog()
        let found = await CallerPermissionCheck(
            callers: nil, recorder: CheckRecorder(log: log, spec: "tag-logs")
        ).check(Self.request(), spec: try Self.loaded())
        #expect(found.isEmpty)
        guard case .notApplicable? = log.records(of: "tag-logs").first?.verdict else {
            Issue.record("\(log.records(of: "tag-logs"))")
            return
        }
    }
}
