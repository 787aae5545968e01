public import BopsDiagnostics
import BopsIAM
public import BopsJobs
public import BopsSpec

/// The plan-time checks of the buckets a job touches, after their settings (each read once per run
/// through the memo, ``Preflight/Read``):
/// - a bucket policy of a source, destination, manifest or report bucket that explicitly denies the
///   job's role an action the job needs (``JobPermissions``): an error at that bucket's key;
/// - Block Public Access on the bucket an `acl` operation or a Copy writes, against a public canned
///   ACL or a grant to AllUsers / AuthenticatedUsers: an error (`BlockPublicAcls`) or a warning
///   (`IgnorePublicAcls` alone) at the ACL's key;
/// - lifecycle rules of a Copy or Replicate source that expire or transition objects under the
///   manifest's prefixes: a warning naming the rule;
/// - a report bucket in another region than the job's: a warning at the report bucket.
///
/// A setting bops may not read (403) is a warning that the check was not made, never a pass. A check
/// the spec skips by name (`spec.acknowledge`, ``PlanCheck``) is a note with the spec's reason.
extension Preflight {
    /// The findings for one spec's CreateJob request; `sourceBuckets` are the buckets its manifest
    /// lists.
    public func bucketSettings(
        _ request: CreateJobRequest, spec loaded: LoadedSpec, region: String, sourceBuckets: [String]
    ) async -> Diagnostics {
        var found = Diagnostics()
        let skipped = Set(loaded.spec.acknowledged.keys.compactMap(PlanCheck.init(rawValue:)))
        for check in PlanCheck.allCases where skipped.contains(check) {
            let at = place(loaded, ["/spec/acknowledge/\(check.rawValue)", "/spec/acknowledge"])
            found.append(
                Diagnostic(
                    .note,
                    "spec \(loaded.spec.name): plan-time check \(check.rawValue) skipped: "
                        + (loaded.spec.acknowledged[check.rawValue] ?? ""),
                    range: at.range, hint: "remove it from spec.acknowledge to check again",
                    pointer: at.pointer))
        }
        for check in [PlanCheck.bucketPolicy, .blockPublicAccess, .lifecycle, .reportRegion, .kmsKey]
        where skipped.contains(check) {
            if let recorded = CheckRecord.Check(rawValue: check.rawValue) {
                noteSkipped(
                    recorded, "spec \(loaded.spec.name)",
                    reason: loaded.spec.acknowledged[check.rawValue] ?? "")
            }
        }
        if request.roleArn.isEmpty {
            note(.bucketPolicy, "spec \(loaded.spec.name)", verdict: .notApplicable("the spec names no role"))
        } else if !skipped.contains(.bucketPolicy) {
            found.append(
                contentsOf: await bucketPolicies(request, loaded, region: region, sources: sourceBuckets))
        }
        if !skipped.contains(.blockPublicAccess) {
            found.append(contentsOf: await publicAccess(request, loaded, sources: sourceBuckets))
        }
        if !skipped.contains(.lifecycle) {
            found.append(contentsOf: await lifecycle(request, loaded, sources: sourceBuckets))
        }
        if !skipped.contains(.reportRegion) {
            found.append(contentsOf: await reportRegion(request, loaded, region: region))
        }
        if !skipped.contains(.kmsKey) {
            found.append(
                contentsOf: await kmsKeys(request, spec: loaded, region: region, sources: sourceBuckets))
        }
        return found
    }

    /// A report bucket in another region than the job's: a warning at the report bucket.
    func reportRegion(_ request: CreateJobRequest, _ loaded: LoadedSpec, region: String) async -> Diagnostics
    {
        guard request.report.enabled, let bucket = request.report.bucket.flatMap(S3ARN.bucket) else {
            return Diagnostics()
        }
        // Whether the bucket exists, and a read that failed, the report bucket's own check says.
        let known = (try? await presence(bucket))?.region
        let observed = [CheckRecord.Observation.region(bucket: bucket, region: known, jobRegion: region)]
        guard let actual = known, actual != region else {
            if known == nil {
                recorder?.record(
                    CheckRecord(
                        .reportRegion, subject: "s3://\(bucket)", observed: observed,
                        verdict: .notChecked("the store does not say the bucket's region")))
            } else {
                note(.reportRegion, "s3://\(bucket)", observed, Diagnostics())
            }
            return Diagnostics()
        }
        let at = place(loaded, ["/spec/report/bucket", "/spec/report"])
        let found = Diagnostics([
            Diagnostic(
                .warning,
                "spec \(loaded.spec.name): report bucket \(bucket) is in \(actual), the job runs in \(region)",
                range: at.range, hint: "report to a bucket in \(region), where the job runs",
                pointer: at.pointer, subject: "s3://\(bucket)")
        ])
        note(.reportRegion, "s3://\(bucket)", observed, found)
        return found
    }

    /// The bucket of an S3 bucket or object ARN.
    static func bucket(of resource: String) -> String? {
        S3ARN.bucket(resource) ?? S3ARN.object(resource)?.bucket
    }

    func place(_ loaded: LoadedSpec, _ pointers: [String]) -> PreflightInput.Place {
        for pointer in pointers {
            if let range = loaded.place(of: pointer) {
                return PreflightInput.Place(range: range, pointer: pointer)
            }
        }
        return PreflightInput.Place(range: loaded.place(of: "/spec"), pointer: "/spec")
    }

    /// A bucket setting read through the memo: `nil` when the bucket has none or does not exist
    /// (other checks say so), and with a "not checked" warning when the read fails.
    func setting<Value: Sendable>(
        _ key: Read, bucket: String, what: String, permission: String, at: PreflightInput.Place,
        found: inout Diagnostics, seen: inout [CheckRecord.Observation],
        _ call: @escaping @Sendable () async throws -> Value?
    ) async -> Value? {
        do {
            return try await read(key, call)
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
            return nil
        } catch {
            seen.append(.unread(what: "\(what) of bucket \(bucket)", error: "\(error)"))
            found.append(
                notChecked(
                    "\(what) of bucket \(bucket)", error, at,
                    permission: "\(permission) on arn:aws:s3:::\(bucket)"))
            return nil
        }
    }

    /// The role's own policies as the bucket policy check takes them: allowing, since the role check
    /// (``PermissionCheck``) asks whether they do; what is checked here is the bucket's side.
    static let identityAllows = NamedPolicy(
        name: "the role's policies",
        document: PolicyDocument(statements: [
            PolicyStatement(effect: .allow, action: .matching(["*"]), resource: .matching(["*"]))
        ]))

    func bucketPolicies(
        _ request: CreateJobRequest, _ loaded: LoadedSpec, region: String, sources: [String]
    ) async -> Diagnostics {
        var found = Diagnostics()
        let needs = JobPermissions.needed(for: request, sourceBuckets: sources, region: region).filter {
            [.source, .destination, .manifest, .manifestOutput, .report].contains($0.origin)
        }
        var byBucket: [String: [JobPermission]] = [:]
        var order: [String] = []
        for need in needs {
            guard let bucket = Self.bucket(of: need.permission.resource) else { continue }
            if byBucket[bucket] == nil { order.append(bucket) }
            byBucket[bucket, default: []].append(need)
        }
        let principal = RequestPrincipal.role(request.roleArn)
        let context: [String: [String]] = [
            "aws:SecureTransport": ["true"], "aws:PrincipalArn": [request.roleArn],
            "aws:PrincipalAccount": [principal.account ?? request.accountId],
        ]
        let name = loaded.spec.name
        let role = PermissionCheck.roleName(request.roleArn)
        for bucket in order {
            let needs = byBucket[bucket] ?? []
            let first = place(loaded, PermissionCheck.pointers(needs[0].origin, request.operation))
            let objects = objects
            let before = found.count
            var seen: [CheckRecord.Observation] = []
            defer { note(.bucketPolicy, "s3://\(bucket)", seen, Diagnostics(Array(found.items[before...]))) }
            let ownership = await ownership(of: bucket, account: principal.account, seen: &seen)
            // Across accounts, S3 wants the bucket policy to allow the role as well as its own policies.
            let otherAccount: String?
            if case .other(let owner) = ownership {
                otherAccount = owner ?? "another account"
            } else {
                otherAccount = nil
            }
            let policyText = await setting(
                .policy(bucket), bucket: bucket, what: "the bucket policy",
                permission: "s3:GetBucketPolicy",
                at: first, found: &found, seen: &seen, { try await objects.bucketPolicy(bucket: bucket) })
            guard let text = policyText else {
                let unread = seen.contains { if case .unread = $0 { true } else { false } }
                if !unread { seen.append(.noBucketPolicy(bucket: bucket)) }
                if let otherAccount, !unread {
                    found.append(
                        missingAllow(
                            needs, bucket: bucket, owner: otherAccount, policy: false, request, loaded,
                            seen: &seen))
                }
                continue
            }
            let document: PolicyDocument
            do {
                document = try PolicyParser.parse(text, file: "bucket policy of \(bucket)", kind: .resource)
                    .document
            } catch let error {
                seen.append(
                    .unread(
                        what: "the bucket policy of \(bucket)",
                        error: error.items.first?.summary ?? "does not parse"))
                found.append(
                    Diagnostic(
                        .warning,
                        "the bucket policy of \(bucket) was not checked: it does not parse (\(error.items.first?.summary ?? ""))",
                        range: first.range,
                        hint: "read it with: aws s3api get-bucket-policy --bucket \(bucket)",
                        pointer: first.pointer, subject: "s3://\(bucket)"))
                continue
            }
            let policy = NamedPolicy(name: "bucket policy of \(bucket)", document: document)
            var denied: [(need: JobPermission, by: String, statement: PolicyStatement?, actions: [String])] =
                []
            // What the policy decided, by denying statement (`nil`: none denies).
            var decided: [(by: String?, actions: [String])] = []
            var notAllowed: [JobPermission] = []
            for need in needs {
                let outcome = ResourcePolicyEvaluation.evaluate(
                    AccessRequest(
                        action: need.permission.action, resource: need.permission.resource,
                        principal: principal,
                        context: context),
                    identity: [Self.identityAllows], resource: policy, resourceAccount: otherAccount)
                if outcome.decision == .implicitDeny && outcome.side == .resource { notAllowed.append(need) }
                let by = outcome.decision == .explicitDeny ? outcome.matchedBy : nil
                if let i = decided.firstIndex(where: { $0.by == by }) {
                    if !decided[i].actions.contains(need.permission.action) {
                        decided[i].actions.append(need.permission.action)
                    }
                } else {
                    decided.append((by, [need.permission.action]))
                }
                guard let by else { continue }
                if let i = denied.firstIndex(where: {
                    $0.need.origin == need.origin && $0.need.permission.resource == need.permission.resource
                        && $0.by == by
                }) {
                    denied[i].actions.append(need.permission.action)
                } else {
                    denied.append((need, by, outcome.statement, [need.permission.action]))
                }
            }
            for (by, actions) in decided {
                seen.append(
                    .bucketPolicy(bucket: bucket, role: request.roleArn, actions: actions, deniedBy: by))
            }
            for (need, by, statement, actions) in denied {
                let at = place(loaded, PermissionCheck.pointers(need.origin, request.operation))
                found.append(
                    Diagnostic(
                        .error,
                        "spec \(name): the bucket policy of \(bucket) denies role \(role) "
                            + "\(actions.joined(separator: ", ")) on \(need.permission.resource): explicit deny by \(by)",
                        range: at.range,
                        hint: Self.exemption(statement, role: request.roleArn) + "; "
                            + advice.putBucketPolicy(bucket),
                        pointer: at.pointer, subject: "s3://\(bucket)"))
            }
            if otherAccount != nil, notAllowed.isEmpty {
                seen.append(
                    .crossAccountAllow(
                        bucket: bucket, role: request.roleArn, actions: needs.map(\.permission.action),
                        allowed: true))
            }
            if let otherAccount, !notAllowed.isEmpty {
                found.append(
                    missingAllow(
                        notAllowed, bucket: bucket, owner: otherAccount, policy: true, request, loaded,
                        seen: &seen))
            }
        }
        return found
    }

    /// Whether the role's account owns `bucket` (read once per run); an owner the store cannot tell
    /// is recorded as a check not made, never as a pass.
    func ownership(
        of bucket: String, account: String?, seen: inout [CheckRecord.Observation]
    ) async -> BucketOwnership {
        guard let account else { return .owned }
        let objects = objects
        let ownership: BucketOwnership
        do {
            ownership = try await read(.ownership(bucket: bucket, account: account)) {
                try await objects.bucketOwnership(bucket: bucket, account: account)
            }
        } catch let e as EngineError where e.code == EngineError.noSuchBucket {
            return .owned
        } catch {
            seen.append(.unread(what: "the owner of bucket \(bucket)", error: "\(error)"))
            return .unknown
        }
        switch ownership {
        case .owned: seen.append(.bucketOwner(bucket: bucket, account: account, owned: true, owner: account))
        case .other(let owner):
            seen.append(.bucketOwner(bucket: bucket, account: account, owned: false, owner: owner))
        case .unknown:
            seen.append(.bucketOwner(bucket: bucket, account: account, owned: nil, owner: nil))
            seen.append(
                .unread(
                    what: "the owner of bucket \(bucket)",
                    error:
                        "the engine cannot tell whether account \(account) owns it; if another account does, "
                        + "its bucket policy must allow the role"))
        }
        return ownership
    }

    /// A bucket of another account whose policy (or its absence) does not allow the role `needs`: an
    /// error at the first need's key, with the statement that allows them.
    func missingAllow(
        _ needs: [JobPermission], bucket: String, owner: String, policy: Bool, _ request: CreateJobRequest,
        _ loaded: LoadedSpec, seen: inout [CheckRecord.Observation]
    ) -> Diagnostic {
        var actions: [String] = []
        var resources: [String] = []
        for need in needs {
            if !actions.contains(need.permission.action) { actions.append(need.permission.action) }
            if !resources.contains(need.permission.resource) { resources.append(need.permission.resource) }
        }
        seen.append(
            .crossAccountAllow(bucket: bucket, role: request.roleArn, actions: actions, allowed: false))
        let at = place(loaded, PermissionCheck.pointers(needs[0].origin, request.operation))
        let owned = owner == "another account" ? "another account" : "account \(owner)"
        return Diagnostic(
            .error,
            "spec \(loaded.spec.name): bucket \(bucket) belongs to \(owned), and "
                + (policy ? "its bucket policy does not allow" : "it has no bucket policy to allow")
                + " role \(PermissionCheck.roleName(request.roleArn)) \(actions.joined(separator: ", ")) on "
                + "\(resources.joined(separator: ", ")): across accounts S3 wants the bucket policy to allow "
                + "the role as well as the role's own policies",
            range: at.range,
            hint: "add to the bucket policy of \(bucket): "
                + Self.allowStatement(role: request.roleArn, actions: actions, resources: resources) + "; "
                + advice.putBucketPolicy(bucket),
            pointer: at.pointer, subject: "s3://\(bucket)")
    }

    /// The bucket policy statement that lets `role` do `actions` on `resources`.
    static func allowStatement(role: String, actions: [String], resources: [String]) -> String {
        func list(_ items: [String]) -> String {
            items.count == 1
                ? "\"\(items[0])\"" : "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
        return #"{"Sid": "AllowBatchOperationsRole", "Effect": "Allow", "Principal": {"AWS": "\#(role)"}, "#
            + #""Action": \#(list(actions)), "Resource": \#(list(resources))}"#
    }

    /// How to exempt `role` from a denying statement: add it to the statement's own exemption (a
    /// negated condition on `aws:PrincipalArn`) when it has one, else add that condition.
    static func exemption(_ statement: PolicyStatement?, role: String) -> String {
        let negated: [ConditionOperator.Base] = [
            .arnNotEquals, .arnNotLike, .stringNotEquals, .stringNotLike,
        ]
        if let existing = statement?.conditions.first(where: {
            $0.key.lowercased() == "aws:principalarn" && negated.contains($0.condition.base)
        }) {
            let values = (existing.values + [role]).map { "\"\($0)\"" }.joined(separator: ", ")
            return "exempt the role in that statement: add it to its \(existing.condition) condition, "
                + "\"\(existing.key)\": [\(values)]"
        }
        return "exempt the role in that statement with \"Condition\": {\"ArnNotEquals\": "
            + "{\"aws:PrincipalArn\": \"\(role)\"}}, or narrow it"
    }

    /// The buckets a job sets object ACLs in, with the ACL it sets, when that ACL is public.
    static func publicACLTargets(
        _ request: CreateJobRequest, sources: [String]
    ) -> [(bucket: String, acl: String)] {
        guard let acl = request.operation.publicACL else { return [] }
        switch request.operation {
        case .s3PutObjectCopy(let copy):
            return copy.targetResource.flatMap(S3ARN.bucket).map { [($0, acl)] } ?? []
        default:
            let generated = request.manifestGenerator?.s3JobManifestGenerator.map {
                [S3ARN.bucket($0.sourceBucket) ?? $0.sourceBucket]
            }
            return (generated ?? sources).map { ($0, acl) }
        }
    }

    func publicAccess(
        _ request: CreateJobRequest, _ loaded: LoadedSpec, sources: [String]
    ) async -> Diagnostics {
        var found = Diagnostics()
        let at = place(loaded, ["/spec/operation/copy/acl", "/spec/operation/acl", "/spec/operation"])
        let name = loaded.spec.name
        let targets = Self.publicACLTargets(request, sources: sources)
        if targets.isEmpty {
            note(.blockPublicAccess, "spec \(name)", verdict: .notApplicable("the job sets no public ACL"))
        }
        for (bucket, acl) in targets {
            let objects = objects
            let before = found.count
            var seen: [CheckRecord.Observation] = []
            defer {
                note(.blockPublicAccess, "s3://\(bucket)", seen, Diagnostics(Array(found.items[before...])))
            }
            guard
                let settings = await setting(
                    .publicAccessBlock(bucket), bucket: bucket, what: "Block Public Access",
                    permission: "s3:GetBucketPublicAccessBlock", at: at, found: &found, seen: &seen,
                    { try await objects.publicAccessBlock(bucket: bucket) })
            else {
                if seen.isEmpty {
                    seen.append(
                        .publicAccessBlock(bucket: bucket, blockPublicAcls: nil, ignorePublicAcls: nil))
                }
                continue
            }
            seen.append(
                .publicAccessBlock(
                    bucket: bucket, blockPublicAcls: settings.blockPublicAcls,
                    ignorePublicAcls: settings.ignorePublicAcls))
            guard settings.blockPublicAcls || settings.ignorePublicAcls else { continue }
            let (setting, effect) =
                settings.blockPublicAcls
                ? ("BlockPublicAcls", "refuses \(acl): every task would fail with 403 AccessDenied")
                : ("IgnorePublicAcls", "ignores \(acl): the objects will not be public")
            found.append(
                Diagnostic(
                    settings.blockPublicAcls ? .error : .warning,
                    "spec \(name): Block Public Access on bucket \(bucket) (\(setting)) \(effect)",
                    range: at.range,
                    hint: "grant no public access, or turn \(setting) off: \(advice.allowPublicACLs(bucket))",
                    pointer: at.pointer, subject: "s3://\(bucket)"))
        }
        return found
    }

    func lifecycle(_ request: CreateJobRequest, _ loaded: LoadedSpec, sources: [String]) async -> Diagnostics
    {
        switch request.operation {
        case .s3PutObjectCopy, .s3ReplicateObject: break
        default:
            note(
                .lifecycle, "spec \(loaded.spec.name)",
                verdict: .notApplicable(
                    "only Copy and Replicate read objects a lifecycle rule may take away"))
            return Diagnostics()
        }
        var found = Diagnostics()
        let generator = request.manifestGenerator?.s3JobManifestGenerator
        let buckets = generator.map { [S3ARN.bucket($0.sourceBucket) ?? $0.sourceBucket] } ?? sources
        let prefixes = generator?.filter?.keyNameConstraint?.matchAnyPrefix ?? [""]
        let at = place(loaded, PermissionCheck.pointers(.source, request.operation))
        let name = loaded.spec.name
        for bucket in buckets {
            let objects = objects
            let before = found.count
            var seen: [CheckRecord.Observation] = []
            defer { note(.lifecycle, "s3://\(bucket)", seen, Diagnostics(Array(found.items[before...]))) }
            guard
                let rules = await setting(
                    .lifecycle(bucket), bucket: bucket, what: "the lifecycle configuration",
                    permission: "s3:GetLifecycleConfiguration", at: at, found: &found, seen: &seen,
                    { try await objects.lifecycleRules(bucket: bucket) })
            else {
                if seen.isEmpty { seen.append(.lifecycle(bucket: bucket, rules: 0, matching: [])) }
                continue
            }
            let matching = rules.filter { rule in
                rule.enabled && rule.expiresOrTransitions
                    && prefixes.contains(where: { rule.overlaps(prefix: $0) })
            }
            seen.append(
                .lifecycle(bucket: bucket, rules: rules.count, matching: matching.map { $0.id ?? "(no ID)" }))
            for rule in matching {
                var what: [String] = []
                if let days = rule.expirationDays { what.append("expires objects after \(days) days") }
                if rule.expirationDate != nil { what.append("expires objects on a date") }
                for t in rule.transitions {
                    what.append(
                        "moves objects to \(t.storageClass)" + (t.days.map { " after \($0) days" } ?? ""))
                }
                let scope =
                    (rule.prefix ?? "").isEmpty ? "every object" : "objects under \(rule.prefix ?? "")"
                found.append(
                    Diagnostic(
                        .warning,
                        "spec \(name): lifecycle rule \(rule.id.map { "'\($0)'" } ?? "without an ID") of source bucket \(bucket) "
                            + "\(what.joined(separator: " and ")) (\(scope)): objects may be gone or archived before the job reaches them",
                        range: at.range,
                        hint: "check the rule's timing against the job, or disable it while the job runs: "
                            + advice.reviewLifecycle(bucket),
                        pointer: at.pointer, subject: "s3://\(bucket)"))
            }
        }
        return found
    }

    /// A setting that could not be read: a warning that the check was not made.
    func notChecked(
        _ what: String, _ error: any Error, _ at: PreflightInput.Place, permission: String
    ) -> Diagnostic {
        let engineError = error as? EngineError
        let denied =
            engineError.map {
                $0.code == EngineError.accessDenied || $0.code == "AccessDeniedException"
                    || $0.httpStatus == 403
            } ?? false
        return Diagnostic(
            .warning, "\(what) was not checked: \(error)", range: at.range,
            hint: denied
                ? "allow the caller \(permission) to check it" : "check the network, credentials and region",
            pointer: at.pointer, subject: what)
    }
}
