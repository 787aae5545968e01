public import BopsDiagnostics
public import BopsJobs
public import BopsPrimitives
public import BopsSpec

/// The plan-time check of the caller (the credentials that would create the jobs): what CreateJob
/// returns 403 AccessDenied for, asked of the engine's ``CallerChecking`` (STS and IAM on aws):
/// `iam:PassRole` on the job's role, an error at `roleArn`, and `s3:PutJobTagging` when the job
/// has tags, an error at `tags`, each with the policy statement to add as its hint.
///
/// One question per role (PassRole) and one for tagging, shared by every spec of a plan through
/// ``memo``. A check that could not be made (the caller may not simulate itself) is a "not
/// checked" warning, never a pass. An engine without a caller identity (the local engine, which
/// lets every caller create jobs) has no ``CallerChecking``: the check is not applicable there.
/// `spec.acknowledge.caller` skips it.
public struct CallerPermissionCheck: Sendable {
    public let callers: (any CallerChecking)?
    public let memo: OnceMap<Question>?
    public var recorder: CheckRecorder?

    /// One question to the engine, shared by the specs that ask it.
    public enum Question: Hashable, Sendable {
        case passRole(String)
        case tagging
    }

    public init(
        callers: (any CallerChecking)?, memo: OnceMap<Question>? = nil, recorder: CheckRecorder? = nil
    ) {
        self.callers = callers
        self.memo = memo
        self.recorder = recorder
    }

    /// The findings for one spec's CreateJob request.
    public func check(_ request: CreateJobRequest, spec loaded: LoadedSpec) async -> Diagnostics {
        let name = loaded.spec.name
        if let reason = loaded.spec.acknowledged[PlanCheck.caller.rawValue] {
            recorder?.record(CheckRecord(.caller, subject: "spec \(name)", verdict: .acknowledged(reason)))
            return Diagnostics()
        }
        guard let callers else {
            recorder?.record(
                CheckRecord(
                    .caller, subject: "spec \(name)",
                    verdict: .notApplicable(
                        "the engine has no caller identity: it lets every caller create jobs and pass any role"
                    )))
            return Diagnostics()
        }
        var questions: [(Question, NeededPermission, pointers: [String])] = []
        if !request.roleArn.isEmpty {
            questions.append(
                (
                    .passRole(request.roleArn),
                    NeededPermission(action: "iam:PassRole", resource: request.roleArn),
                    ["/spec/roleArn"]
                ))
        }
        if !(request.tags ?? []).isEmpty {
            questions.append(
                (
                    .tagging, NeededPermission(action: "s3:PutJobTagging", resource: "*"),
                    ["/spec/tags", "/spec"]
                ))
        }
        var found = Diagnostics()
        for (question, need, pointers) in questions {
            let at = place(loaded, pointers)
            let subject = need.action + " on " + need.resource
            let answer: CallerCheck
            do {
                if let memo {
                    answer = try await memo.value(for: question) {
                        try await callers.checkCaller(needs: [need])
                    }
                } else {
                    answer = try await callers.checkCaller(needs: [need])
                }
            } catch {
                let problem = Diagnostic(
                    .warning, "spec \(name): the caller's \(need.action) was not checked: \(error)",
                    range: at.range,
                    hint: "check the network, credentials and region", pointer: at.pointer)
                found.append(problem)
                recorder?.record(
                    CheckRecord(
                        .caller, subject: subject, observed: [.unread(what: "the caller", error: "\(error)")],
                        found: Diagnostics([problem])))
                continue
            }
            if let skipped = answer.skipped {
                let problem = Diagnostic(
                    .warning, "spec \(name): the caller's \(need.action) was not checked: \(skipped)",
                    range: at.range,
                    hint: "allow the caller sts:GetCallerIdentity and iam:SimulatePrincipalPolicy on itself",
                    pointer: at.pointer)
                found.append(problem)
                recorder?.record(
                    CheckRecord(
                        .caller, subject: subject, observed: [.unread(what: "the caller", error: skipped)],
                        found: Diagnostics([problem])))
                continue
            }
            let decided = answer.results.first
            let caller = answer.caller ?? "the caller"
            var mine = Diagnostics()
            if let decided, decided.decision != .allowed {
                mine.append(
                    Diagnostic(
                        .error,
                        "spec \(name): the caller \(caller) may not \(need.action) on \(need.resource) "
                            + "(\(decided.decision == .explicitDeny ? "explicit deny" : "implicit deny")"
                            + (decided.matchedBy.map { " by \($0)" } ?? "")
                            + "): CreateJob would fail with 403 AccessDenied",
                        range: at.range, hint: Self.statement(need), pointer: at.pointer, subject: caller))
            }
            found.append(contentsOf: mine)
            recorder?.record(
                CheckRecord(
                    .caller, subject: subject,
                    observed: [
                        .callerPermission(
                            caller: caller, action: need.action, resource: need.resource,
                            decision: decided?.decision)
                    ], found: mine))
        }
        return found
    }

    /// The identity policy statement that lets the caller do `need`.
    static func statement(_ need: NeededPermission) -> String {
        switch need.action {
        case "iam:PassRole":
            return
                #"allow it in the caller's policy: {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "\#(need.resource)", "#
                + #""Condition": {"StringEquals": {"iam:PassedToService": "batchoperations.s3.amazonaws.com"}}}"#
        default:
            return
                #"allow it in the caller's policy: {"Effect": "Allow", "Action": "\#(need.action)", "Resource": "\#(need.resource)"}"#
                + ", or remove the job's tags"
        }
    }

    func place(_ loaded: LoadedSpec, _ pointers: [String]) -> PreflightInput.Place {
        for pointer in pointers {
            if let range = loaded.place(of: pointer) {
                return PreflightInput.Place(range: range, pointer: pointer)
            }
        }
        return PreflightInput.Place(range: loaded.place(of: "/spec"), pointer: "/spec")
    }
}
