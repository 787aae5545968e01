import BopsAWSModel
import BopsIAM
public import BopsJobs
import FoundationEssentials

extension AWSEngine: RoleChecking {
    /// IAM with the engine's credentials, transport and retries.
    public var iam: IAMClient {
        IAMClient(sender: sender, endpoints: endpoints, region: region, credentials: credentials)
    }

    /// Asks IAM about `roleArn`: GetRole for the trust policy (does it let
    /// `batchoperations.s3.amazonaws.com` call `sts:AssumeRole`), then SimulatePrincipalPolicy for
    /// every needed permission (one call per resource, each call's pages followed to the end).
    ///
    /// A caller that may not call `iam:GetRole` or `iam:SimulatePrincipalPolicy` gets a check
    /// whose ``RoleCheck/skipped`` names the missing permission; what could be asked is still
    /// answered (a denied GetRole leaves `trustsBatchOperations` `nil`, a denied simulation leaves
    /// `results` empty). A GetRole `NoSuchEntity` is a role not found (``RoleCheck/roleFound``
    /// false); the simulation is still asked, and its results are kept when IAM simulates the ARN
    /// anyway (`bops emulator` simulates an undeclared role as allowing everything, as it runs it;
    /// IAM answers `NoSuchEntity` again, leaving no results). Other IAM errors are thrown.
    public func checkRole(_ roleArn: String, needs: [NeededPermission]) async throws -> RoleCheck {
        try await checkRole(roleArn, needs: needs, pageSize: nil)
    }

    /// ``checkRole(_:needs:)`` with SimulatePrincipalPolicy's `MaxItems` (IAM's default 100 when `nil`).
    func checkRole(_ roleArn: String, needs: [NeededPermission], pageSize: Int?) async throws -> RoleCheck {
        guard let roleName = RoleARN.name(roleArn) else {
            return RoleCheck(roleFound: false, trustsBatchOperations: nil, results: [])
        }
        let iam = self.iam
        var skipped: [String] = []
        var trusts: Bool?
        var found = true
        do {
            let role = try await iam.getRole(roleName: roleName)
            trusts = role.assumeRolePolicyDocument.flatMap {
                RoleARN.trustsBatchOperations($0, roleArn: roleArn)
            }
        } catch let error as EngineError where error.code == "NoSuchEntity" {
            found = false
        } catch let error as EngineError where Self.isAccessDenied(error) {
            skipped.append(Self.denied("iam:GetRole", roleArn, error, what: "its trust policy"))
        }
        var results: [PermissionResult] = []
        do {
            results = try await simulate(iam, roleArn, needs, pageSize: pageSize)
        } catch let error as EngineError where error.code == "NoSuchEntity" {
            return RoleCheck(roleFound: false, trustsBatchOperations: nil, results: [])
        } catch let error as EngineError where Self.isAccessDenied(error) {
            skipped.append(
                Self.denied("iam:SimulatePrincipalPolicy", roleArn, error, what: "its permissions"))
        }
        if !found { return RoleCheck(roleFound: false, trustsBatchOperations: nil, results: results) }
        return RoleCheck(
            roleFound: true, trustsBatchOperations: trusts, results: results,
            skipped: skipped.isEmpty ? nil : skipped.joined(separator: "; "))
    }

    static func isAccessDenied(_ error: EngineError) -> Bool {
        error.code == "AccessDenied" || error.code == "AccessDeniedException" || error.httpStatus == 403
    }

    static func denied(_ action: String, _ roleArn: String, _ error: EngineError, what: String) -> String {
        "the caller may not call \(action) on \(roleArn) (\(error.code): \(error.message)), so \(what) "
            + "were not checked; grant \(action) to check them"
    }

    /// One SimulatePrincipalPolicy per resource with its actions (IAM evaluates every action
    /// against every resource of a call, so one resource per call asks exactly what is needed),
    /// run concurrently; results come back in the order of `needs`.
    func simulate(
        _ iam: IAMClient, _ roleArn: String, _ needs: [NeededPermission], pageSize: Int?
    ) async throws -> [PermissionResult] {
        var order: [String] = []
        var actions: [String: [String]] = [:]
        for need in needs {
            if actions[need.resource] == nil { order.append(need.resource) }
            if actions[need.resource]?.contains(need.action) != true {
                actions[need.resource, default: []].append(need.action)
            }
        }
        let calls = order.flatMap { resource in
            stride(from: 0, to: actions[resource]!.count, by: Self.actionsPerCall).map { start in
                let slice = actions[resource]![
                    start..<min(start + Self.actionsPerCall, actions[resource]!.count)]
                return IAMSimulationInput(
                    policySourceArn: roleArn, actionNames: Array(slice), resourceArns: [resource],
                    maxItems: pageSize)
            }
        }
        var decided: [Pair: IAMEvaluationResult] = [:]
        try await withThrowingTaskGroup(of: (IAMSimulationInput, [IAMEvaluationResult]).self) { group in
            for call in calls { group.addTask { (call, try await iam.simulateAll(call)) } }
            for try await (call, answers) in group {
                let resource = call.resourceArns?.first ?? "*"
                for answer in answers {
                    decided[Pair(answer.actionName, answer.resourceName ?? resource)] = answer
                }
            }
        }
        return try needs.map { need in
            guard let answer = decided[Pair(need.action, need.resource)] else {
                throw EngineError(
                    code: "IncompleteSimulation",
                    message:
                        "SimulatePrincipalPolicy answered no decision for \(need.action) on \(need.resource)")
            }
            return PermissionResult(
                permission: need, decision: answer.decision,
                matchedBy: Self.matchedBy(answer.matchedStatements))
        }
    }

    /// Actions per SimulatePrincipalPolicy call.
    static let actionsPerCall = 50

    /// `role policy copy-access, line 3` for the first statement that decided, when IAM named one.
    static func matchedBy(_ statements: [IAMMatchedStatement]?) -> String? {
        guard let first = statements?.first, let id = first.sourcePolicyId else { return nil }
        var text = "\(first.sourcePolicyType.map { $0 + " " } ?? "")policy \(id)"
        if let line = first.startPosition?.line { text += ", line \(line)" }
        return text
    }

    /// An action and resource as IAM names them in answers (actions compare case-insensitively).
    struct Pair: Hashable {
        var action: String
        var resource: String

        init(_ action: String, _ resource: String) {
            self.action = action.lowercased()
            self.resource = resource
        }
    }
}

/// The name of the role an ARN names (`arn:aws:iam::123456789012:role/service-role/copy` ->
/// `copy`); `nil` when the text is not an IAM role ARN.
enum RoleARN {
    static func name(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/") else {
            return nil
        }
        let name = parts[5].split(separator: "/").last.map(String.init) ?? ""
        return name.isEmpty || name == "role" ? nil : name
    }

    /// Whether the trust policy `document` lets S3 Batch Operations assume `roleArn` (BopsIAM's
    /// evaluation, with the role's account as `aws:SourceAccount`); `nil` when bops cannot read a
    /// document IAM accepted.
    static func trustsBatchOperations(_ document: String, roleArn: String) -> Bool? {
        guard let parsed = try? PolicyParser.parse(document, file: "trust policy", kind: .trust) else {
            return nil
        }
        let account = roleArn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first
        let outcome = BatchOperationsTrust.evaluate(
            parsed.document, roleArn: roleArn, sourceAccount: account.map(String.init))
        return outcome.decision == .allowed
    }
}
