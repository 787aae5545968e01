import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import FoundationEssentials

/// IAM's query API over the local engine's role store: CreateRole, GetRole, DeleteRole,
/// PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies and SimulatePrincipalPolicy
/// (the role's inline policies, evaluated by BopsIAM), so boto3 and the AWS CLI manage and test
/// roles offline. Every answer, error or not, has IAM's body (`<ErrorResponse><Error><Type/>..`).
///
/// Roles belong to ``account``. CreateRole members the store does not keep (tags, a permissions
/// boundary, a session duration other than IAM's default) are refused rather than dropped.
struct IAMAPI: Sendable {
    let engine: LocalEngine
    /// The account of every role (IAM answers for the caller's account; the emulator has one).
    let account: String

    static let defaultAccount = "123456789012"
    /// IAM's `MaxSessionDuration` when none is set.
    static let defaultSessionDuration = 3600
    /// IAM's page size when `MaxItems` is absent.
    static let defaultPageSize = 100

    init(engine: LocalEngine, account: String = IAMAPI.defaultAccount) {
        self.engine = engine
        self.account = account
    }

    /// Whether the responder should hand `request` to this API.
    static func accepts(method: String, target: String, headers: [(name: String, value: String)]) -> Bool {
        let path = String(target.prefix { $0 != "?" })
        return IAMRequests.isIAMRequest(
            HTTPRequestParts(
                method: method, path: path, headers: headers.map { HTTPField($0.name, $0.value) }))
    }

    /// The answer to one request (errors included), with `x-amzn-RequestId` as IAM sends it.
    func handle(_ request: IncomingRequest, requestId: String) -> Answer {
        var answer: Answer
        do {
            answer = .xml(try serve(try IAMRequests.read(request.parts), requestId: requestId), status: 200)
        } catch let error as IAMRequestError {
            answer = Self.error(error.status, error.code, error.message, requestId)
        } catch let error as RoleError {
            answer = Self.error(error.httpStatus, error.code.rawValue, error.message, requestId)
        } catch let error as APIError {
            answer = Self.error(error.status, error.code, error.message, requestId)
        } catch {
            answer = Self.error(
                500, "ServiceFailure", "We encountered an internal error: \(error)", requestId)
        }
        answer.headers.append(("x-amzn-RequestId", requestId))
        return answer
    }

    static func error(_ status: Int, _ code: String, _ message: String, _ requestId: String) -> Answer {
        .xml(
            IAMResponses.errorBody(status: status, code: code, message: message, requestId: requestId),
            status: status)
    }

    func serve(_ request: IAMRequest, requestId: String) throws -> [UInt8] {
        switch request {
        case .getRole(let name):
            return IAMResponses.getRoleBody(wire(try existing(name)), requestId: requestId)
        case .createRole(let input):
            try refuseUnkept(input)
            let role = try engine.createRole(
                name: input.roleName, trustPolicy: input.assumeRolePolicyDocument, path: input.path ?? "/",
                description: input.description, accountId: account)
            return IAMResponses.createRoleBody(wire(role), requestId: requestId)
        case .deleteRole(let name):
            try engine.deleteRole(named: name)
            return IAMResponses.emptyBody("DeleteRole", requestId: requestId)
        case .putRolePolicy(let roleName, let policyName, let document):
            try engine.putRolePolicy(roleName: roleName, policyName: policyName, document: document)
            return IAMResponses.emptyBody("PutRolePolicy", requestId: requestId)
        case .getRolePolicy(let roleName, let policyName):
            let role = try existing(roleName)
            guard let document = try engine.rolePolicy(roleName: roleName, policyName: policyName) else {
                throw RoleError(.noSuchEntity, "The role policy with name \(policyName) cannot be found.")
            }
            let policy = IAMRolePolicy(roleName: role.name, policyName: policyName, policyDocument: document)
            return IAMResponses.getRolePolicyBody(policy, requestId: requestId)
        case .deleteRolePolicy(let roleName, let policyName):
            try engine.deleteRolePolicy(roleName: roleName, policyName: policyName)
            return IAMResponses.emptyBody("DeleteRolePolicy", requestId: requestId)
        case .listRolePolicies(let roleName, let marker, let maxItems):
            let names = try existing(roleName).inlinePolicies.keys.sorted()
            let (page, next) = try Self.page(names, marker: marker, maxItems: maxItems)
            return IAMResponses.listRolePoliciesBody(
                IAMPolicyNamesPage(policyNames: page, isTruncated: next != nil, marker: next),
                requestId: requestId)
        case .simulatePrincipalPolicy(let input):
            return IAMResponses.simulatePrincipalPolicyBody(try simulate(input), requestId: requestId)
        }
    }

    func existing(_ name: String) throws -> LocalRole {
        guard let role = try engine.role(named: name) else {
            throw RoleError(.noSuchEntity, "The role with name \(name) cannot be found.")
        }
        return role
    }

    func refuseUnkept(_ input: IAMCreateRoleInput) throws(APIError) {
        var unkept: [String] = []
        if input.tags?.isEmpty == false { unkept.append("Tags") }
        if input.permissionsBoundary != nil { unkept.append("PermissionsBoundary") }
        if let duration = input.maxSessionDuration, duration != Self.defaultSessionDuration {
            unkept.append("MaxSessionDuration")
        }
        guard unkept.isEmpty else {
            throw APIError(
                400, "InvalidInput",
                "The emulator keeps a role's trust policy, path, description and inline policies only; "
                    + "remove \(unkept.joined(separator: ", ")) from the request")
        }
    }

    /// The role as IAM answers it: `CreateDate` in whole seconds, IAM's default session duration.
    func wire(_ role: LocalRole) -> IAMRole {
        IAMRole(
            path: role.path, roleName: role.name, roleId: role.roleId, arn: role.arn,
            createDate: Date(timeIntervalSince1970: role.createDate.timeIntervalSince1970.rounded(.down)),
            assumeRolePolicyDocument: role.trustPolicy, description: role.description,
            maxSessionDuration: Self.defaultSessionDuration)
    }

    /// The role's inline policies evaluated for every action against every resource (`*` when
    /// none are given), action by action as IAM orders them, then paged.
    ///
    /// A role ARN that names no declared role is simulated as the emulator's jobs run it: allowed
    /// for everything (as on the local engine, an undeclared role allows all), so a plan-time check
    /// and the job agree. GetRole still answers `NoSuchEntity` for it; a PolicySourceArn that is not
    /// a role ARN at all is `NoSuchEntity`, but for the emulator's caller (``STSAPI``), which may do
    /// everything as the emulator lets every signed caller create jobs and pass any role.
    func simulate(_ input: IAMSimulationInput) throws -> IAMSimulationPage {
        guard let role = try engine.lookUp(input.policySourceArn) else {
            let caller = input.policySourceArn.hasSuffix(":user/emulator")
            guard input.policySourceArn.contains(":role/") || caller else {
                throw RoleError(
                    .noSuchEntity, "No entity found with the PolicySourceArn \(input.policySourceArn).")
            }
            let resources = (input.resourceArns ?? []).isEmpty ? ["*"] : input.resourceArns ?? []
            let allowed = input.actionNames.flatMap { action in
                resources.map {
                    IAMEvaluationResult(
                        actionName: action, resourceName: $0, decision: .allowed, matchedStatements: [],
                        missingContextValues: [])
                }
            }
            let (page, next) = try Self.page(allowed, marker: input.marker, maxItems: input.maxItems)
            return IAMSimulationPage(results: page, isTruncated: next != nil, marker: next)
        }
        var context: [String: [String]] = [:]
        for entry in input.contextEntries ?? [] {
            guard let key = entry.key else { continue }
            context[key, default: []] += entry.values ?? []
        }
        let resources = input.resourceArns ?? []
        let results = try engine.simulate(
            role: role.arn, actions: input.actionNames, resources: resources, context: context)
        let names = role.inlinePolicies.keys.sorted { $0.count > $1.count }
        let evaluated = results.map { result in
            IAMEvaluationResult(
                actionName: result.permission.action, resourceName: result.permission.resource,
                decision: result.decision,
                matchedStatements: Self.statements(result.matchedBy, policyNames: names),
                missingContextValues: [])
        }
        let (page, next) = try Self.page(evaluated, marker: input.marker, maxItems: input.maxItems)
        return IAMSimulationPage(results: page, isTruncated: next != nil, marker: next)
    }

    /// The inline policy a `matchedBy` text (`inline policy NAME, statement N (Sid)`) names, as
    /// IAM's `MatchedStatements` (policy id the policy's name, type `role`).
    static func statements(_ matchedBy: String?, policyNames: [String]) -> [IAMMatchedStatement] {
        guard let matchedBy else { return [] }
        let prefix = "inline policy "
        guard matchedBy.hasPrefix(prefix),
            let name = policyNames.first(where: {
                matchedBy.hasPrefix(prefix + $0 + ", ") || matchedBy == prefix + $0
            })
        else { return [IAMMatchedStatement(sourcePolicyId: matchedBy, sourcePolicyType: "role")] }
        return [IAMMatchedStatement(sourcePolicyId: name, sourcePolicyType: "role")]
    }

    /// `items` from `marker` (an offset this API handed out), `maxItems` at most (100 by default),
    /// and the marker of the next page when there is one.
    static func page<T>(_ items: [T], marker: String?, maxItems: Int?) throws(APIError) -> ([T], String?) {
        var start = 0
        if let marker {
            guard let offset = Self.offset(marker), offset <= items.count else {
                throw APIError(400, "InvalidInput", "Invalid Marker: \(marker)")
            }
            start = offset
        }
        let end = min(items.count, start + (maxItems ?? defaultPageSize))
        return (Array(items[start..<end]), end < items.count ? Self.marker(end) : nil)
    }

    static func marker(_ offset: Int) -> String {
        Data("bops-iam-page:\(offset)".utf8).base64EncodedString()
    }

    static func offset(_ marker: String) -> Int? {
        guard let data = Data(base64Encoded: marker), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("bops-iam-page:")
        else { return nil }
        return Int(text.dropFirst("bops-iam-page:".count))
    }
}
