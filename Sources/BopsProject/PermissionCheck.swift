public import BopsDiagnostics
import BopsIAM
public import BopsJobs
import BopsManifest
public import BopsPrimitives
public import BopsSpec
import FoundationEssentials

/// The plan-time check of a job's role: what the job needs (``JobPermissions``) asked of the
/// engine's ``RoleChecking`` (the local engine's declared roles, IAM on aws).
///
/// Every denied permission is an error at the spec key it comes from (`operation.copy.destination`
/// for writing the destination, `report.bucket` for the report, `manifest` for the manifest and the
/// source objects, `roleArn` for the trust policy), naming the action, the resource and the
/// decision. A check that could not be made is a warning saying so, never a silent pass. A role
/// the local engine does not know allows everything and adds nothing. A KMS key whose key policy
/// names the role itself needs nothing of the role's own policy in its account (KMS's rule,
/// ``KeyPolicyEvaluation``): with ``keys``, such an implicit deny is not reported.
public struct PermissionCheck: Sendable {
    public let roles: (any RoleChecking)?
    /// With a memo, specs asking the same question (same role, same needed permissions) share one
    /// check: its answer or error goes to each.
    public let memo: OnceMap<Question>?
    /// Reads the key policies of KMS keys the role is implicitly denied; `nil` reports those denials.
    public let keys: (any KeyChecking)?
    /// Where the check records what it observed (``CheckRecord``); `nil` records nothing.
    public var recorder: CheckRecorder?

    /// One question to the engine: may `roleArn` do all of `needs`?
    public struct Question: Hashable, Sendable {
        public var roleArn: String
        public var needs: [NeededPermission]
    }

    public init(
        roles: (any RoleChecking)?, memo: OnceMap<Question>? = nil, keys: (any KeyChecking)? = nil,
        recorder: CheckRecorder? = nil
    ) {
        self.roles = roles
        self.memo = memo
        self.keys = keys
        self.recorder = recorder
    }

    func note(_ role: String, _ verdict: CheckRecord.Verdict, _ observed: [CheckRecord.Observation] = []) {
        recorder?.record(CheckRecord(.role, subject: role, observed: observed, verdict: verdict))
    }

    /// The findings for one spec's CreateJob request. `sourceBuckets`: the buckets its CSV
    /// manifest lists.
    public func check(
        _ request: CreateJobRequest, spec loaded: LoadedSpec, region: String, sourceBuckets: [String]
    ) async -> Diagnostics {
        guard let roles else {
            note(request.roleArn, .notApplicable("the engine cannot check roles"))
            return Diagnostics()
        }
        guard !request.roleArn.isEmpty else {
            note("spec \(loaded.spec.name)", .notApplicable("the spec names no role"))
            return Diagnostics()
        }
        let needs = JobPermissions.needed(for: request, sourceBuckets: sourceBuckets, region: region)
        let roleAt = place(loaded, ["/spec/roleArn"])
        let result: RoleCheck
        do {
            let question = Question(roleArn: request.roleArn, needs: needs.map(\.permission))
            if let memo {
                result = try await memo.value(for: question) {
                    try await roles.checkRole(question.roleArn, needs: question.needs)
                }
            } else {
                result = try await roles.checkRole(question.roleArn, needs: question.needs)
            }
        } catch {
            note(request.roleArn, .notChecked("\(error)"))
            return Diagnostics([
                Diagnostic(
                    .warning, "the permissions of role \(request.roleArn) were not checked: \(error)",
                    range: roleAt.range, hint: "the job may still fail with AccessDenied when it runs",
                    pointer: roleAt.pointer)
            ])
        }
        if let skipped = result.skipped {
            note(request.roleArn, .notChecked(skipped))
            return Diagnostics([
                Diagnostic(
                    .warning, "the permissions of role \(request.roleArn) were not checked: \(skipped)",
                    range: roleAt.range,
                    hint:
                        "allow the caller iam:GetRole and iam:SimulatePrincipalPolicy on the role to check it",
                    pointer: roleAt.pointer)
            ])
        }
        var found = Diagnostics()
        let name = loaded.spec.name
        if !result.roleFound {
            if result.results.isEmpty || result.results.contains(where: { $0.decision != .allowed }) {
                found.append(
                    .error(
                        "spec \(name): the role \(request.roleArn) does not exist", at: roleAt.range,
                        hint: "create it, or fix roleArn; bops policy \(name) prints the policies it needs",
                        pointer: roleAt.pointer))
                note(request.roleArn, .failed(found.items[0]), [.noSuchRole(request.roleArn)])
            } else {
                note(
                    request.roleArn,
                    .notApplicable("the engine does not know the role, so it allows the job everything"))
            }
            return found
        }
        if result.trustsBatchOperations == false {
            found.append(
                .error(
                    "spec \(name): S3 Batch Operations cannot assume role \(request.roleArn): its trust policy does "
                        + "not allow \(BatchOperationsTrust.service) to call sts:AssumeRole",
                    at: roleAt.range,
                    hint: "trust {\"Service\": \"\(BatchOperationsTrust.service)\"} with sts:AssumeRole; "
                        + "bops policy \(name) prints the trust policy", pointer: roleAt.pointer))
        }
        // One finding per resource and decision, naming every action it denies.
        var groups: [(need: JobPermission, decided: PermissionResult, actions: [String])] = []
        for (need, decided) in zip(needs, result.results) where decided.decision != .allowed {
            if let i = groups.firstIndex(where: {
                $0.need.permission.resource == need.permission.resource && $0.need.origin == need.origin
                    && $0.decided.decision == decided.decision && $0.decided.matchedBy == decided.matchedBy
            }) {
                groups[i].actions.append(need.permission.action)
            } else {
                groups.append((need, decided, [need.permission.action]))
            }
        }
        for (need, decided, actions) in groups {
            if need.origin == .kmsKey, decided.decision == .implicitDeny,
                await keyPolicyGrants(need.permission.resource, role: request.roleArn, actions: actions)
            {
                continue
            }
            let at = place(loaded, Self.pointers(need.origin, request.operation))
            let resource = need.permission.resource
            let decision =
                decided.decision == .explicitDeny
                ? "explicit deny" + (decided.matchedBy.map { " by \($0)" } ?? "")
                : "implicit deny (no statement allows " + (actions.count == 1 ? "it" : "them") + ")"
            let quoted = actions.map { "\"\($0)\"" }.joined(separator: ", ")
            found.append(
                .error(
                    "spec \(name): role \(Self.roleName(request.roleArn)) may not \(actions.joined(separator: ", ")) on "
                        + "\(resource): \(decision)",
                    at: at.range,
                    hint: decided.decision == .explicitDeny
                        ? "remove or narrow the denying statement"
                        : "allow it in the role's policy: {\"Effect\": \"Allow\", \"Action\": [\(quoted)], "
                            + "\"Resource\": \"\(resource)\"} (bops policy \(name) prints the whole policy)",
                    pointer: at.pointer))
        }
        let denied = result.results.filter { $0.decision != .allowed }.count
        recorder?.record(
            CheckRecord(
                .role, subject: request.roleArn,
                observed: [
                    .rolePermissions(
                        role: request.roleArn, allowed: result.results.count - denied, denied: denied,
                        trusted: result.trustsBatchOperations)
                ], found: found))
        return found
    }

    /// Whether the key policy of `key` lets `role` do `actions` with no help from the role's own
    /// policies (a statement naming the role, in the key's account); `false` when it cannot be read
    /// (the KMS check says so).
    func keyPolicyGrants(_ key: String, role: String, actions: [String]) async -> Bool {
        guard let keys, let described = try? await keys.describeKey(key),
            let text = try? await keys.keyPolicy(key),
            let document = try? PolicyParser.parse(text, file: "key policy", kind: .key).document
        else { return false }
        let policy = NamedPolicy(name: "key policy", document: document)
        return actions.allSatisfy { action in
            KeyPolicyEvaluation.evaluate(
                AccessRequest(action: action, resource: described.arn, principal: .role(role)),
                keyPolicy: policy, keyAccount: described.account, identity: .implicitDeny
            ).decision == .allowed
        }
    }

    /// The spec keys a permission of `origin` comes from, most precise first.
    static func pointers(_ origin: JobPermission.Origin, _ operation: JobOperation) -> [String] {
        let generator = [
            "/spec/manifest/\(JobSpec.Manifest.generatorKey)",
            "/spec/manifest/\(JobSpec.Manifest.formerGeneratorKey)",
        ]
        switch origin {
        case .source:
            return generator.map { $0 + "/sourceBucket" } + ["/spec/manifest/csv/file", "/spec/manifest"]
        case .destination: return ["/spec/operation/copy/destination", "/spec/operation"]
        case .manifest: return ["/spec/manifest/csv", "/spec/manifest/inventory", "/spec/manifest"]
        case .manifestOutput: return generator.map { $0 + "/output" } + generator + ["/spec/manifest"]
        case .report: return ["/spec/report/bucket", "/spec/report"]
        case .kmsKey:
            return [
                "/spec/operation/copy/encryption/kmsKeyArn", "/spec/operation/updateEncryption/kmsKeyArn",
            ] + generator.map { $0 + "/output" } + ["/spec/operation"]
        case .function: return ["/spec/operation/lambda/function", "/spec/operation"]
        case .caller: return ["/spec/roleArn"]
        }
    }

    /// The buckets a spec's local CSV manifest lists (empty for other manifests or an unreadable
    /// file; the plan's manifest checks report those).
    public static func csvBuckets(of loaded: LoadedSpec) -> [String] {
        guard case .csv(let csv) = loaded.spec.manifest, let path = loaded.manifestPath else { return [] }
        return CSVManifestReader.scan(fileAt: path, fields: csv.fields.map(ManifestColumn.init)).summary?
            .buckets ?? []
    }

    static func roleName(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }

    func place(_ loaded: LoadedSpec, _ pointers: [String]) -> (range: SourceRange?, pointer: String) {
        for pointer in pointers {
            if let range = loaded.place(of: pointer) { return (range, pointer) }
        }
        return (loaded.place(of: "/spec"), "/spec")
    }
}
