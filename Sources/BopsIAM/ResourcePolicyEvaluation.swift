public import BopsJobs

/// How a statement's `Principal` names a request's principal: not at all, through the principal's
/// account (`"111122223333"`, `arn:aws:iam::111122223333:root`: the account delegates to its own
/// identity policies), or directly (`*`, the role's ARN, the role's session ARN, a service name).
enum PrincipalMatch: Sendable, Hashable {
    case none
    case account
    case direct

    static func of(_ set: PrincipalSet, _ p: RequestPrincipal) -> PrincipalMatch {
        switch set {
        case .anyone: return .direct
        case .named(let byType):
            guard let ids = byType[p.type] else { return .none }
            if ids.contains(where: { $0 == "*" || $0 == p.identifier || $0 == p.session }) { return .direct }
            guard p.type == "AWS", let account = p.account else { return .none }
            return ids.contains { $0 == account || $0 == "arn:aws:iam::\(account):root" } ? .account : .none
        }
    }
}

/// IAM's evaluation of a request against the principal's identity policies together with the
/// resource's policy (a bucket policy, a key policy), as "Policy evaluation logic" and "Cross-account
/// policy evaluation logic" document it:
/// - an explicit deny in either denies;
/// - in one account, an allow in either grants: the identity policies, or a resource policy
///   statement naming the principal directly (its ARN, its session, `*`); a statement naming only the
///   account delegates to the identity policies and grants nothing on its own;
/// - across accounts, both must allow: the identity policies and a resource policy statement naming
///   the principal or its account.
public enum ResourcePolicyEvaluation {
    /// Which policy decided: the principal's identity policies or the resource's policy.
    public enum Side: String, Sendable, Hashable {
        case identity
        case resource
    }

    public struct Outcome: Sendable, Hashable {
        public var decision: PermissionDecision
        /// The statement that decided (`bucket policy of logs, statement 1 (DenyOthers)`), nil for an
        /// implicit deny.
        public var matchedBy: String?
        /// For a deny: the side whose policy denied, or, for an implicit deny across accounts, the side
        /// that did not allow.
        public var side: Side?
        /// The resource policy's statement that denied, for an explicit deny there.
        public var statement: PolicyStatement?
    }

    /// `request.principal` is the caller (`RequestPrincipal.role(ARN)`); `resourceAccount` owns the
    /// resource (the bucket's owner), `nil` for the principal's own account.
    public static func evaluate(
        _ request: AccessRequest, identity: [NamedPolicy], resource: NamedPolicy?, resourceAccount: String?
    ) -> Outcome {
        var bare = request
        bare.principal = nil
        let own = PolicyEvaluator.evaluate(bare, policies: identity)
        if own.decision == .explicitDeny {
            return Outcome(decision: .explicitDeny, matchedBy: own.matchedBy, side: .identity)
        }
        let theirs = resource.map { evaluateResource(request, $0) } ?? ResourceAnswer()
        if let (deny, statement) = theirs.deny {
            return Outcome(decision: .explicitDeny, matchedBy: deny, side: .resource, statement: statement)
        }
        let sameAccount = resourceAccount == nil || resourceAccount == request.principal?.account
        if sameAccount {
            if own.decision == .allowed { return Outcome(decision: .allowed, matchedBy: own.matchedBy) }
            if let direct = theirs.directAllow { return Outcome(decision: .allowed, matchedBy: direct) }
            return Outcome(decision: .implicitDeny, matchedBy: nil, side: nil)
        }
        guard own.decision == .allowed else { return Outcome(decision: .implicitDeny, side: .identity) }
        guard let allow = theirs.directAllow ?? theirs.accountAllow else {
            return Outcome(decision: .implicitDeny, side: .resource)
        }
        return Outcome(decision: .allowed, matchedBy: "\(own.matchedBy ?? "identity policy") and \(allow)")
    }

    struct ResourceAnswer {
        var deny: (String, PolicyStatement)?
        var directAllow: String?
        var accountAllow: String?
    }

    /// The resource policy's statements that match the request, by effect and how they name the
    /// principal. A request without a principal matches only statements for anyone.
    static func evaluateResource(_ request: AccessRequest, _ policy: NamedPolicy) -> ResourceAnswer {
        var bare = request
        bare.principal = nil
        let context = Dictionary(request.context.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        let principal = request.principal ?? RequestPrincipal(type: "AWS", identifier: "")
        var answer = ResourceAnswer()
        for (index, statement) in policy.document.statements.enumerated()
        where PolicyEvaluator.matches(statement, bare, context: context) {
            let how: PrincipalMatch
            if let set = statement.principal {
                how = PrincipalMatch.of(set, principal)
            } else if let set = statement.notPrincipal {
                how = PrincipalMatch.of(set, principal) == .none ? .direct : .none
            } else {
                how = .none
            }
            guard how != .none else { continue }
            let name =
                "\(policy.name), statement \(index + 1)"
                + (statement.sid.map { $0.isEmpty ? "" : " (\($0))" } ?? "")
            switch (statement.effect, how) {
            case (.deny, _): return ResourceAnswer(deny: (name, statement))
            case (.allow, .direct): answer.directAllow = answer.directAllow ?? name
            case (.allow, _): answer.accountAllow = answer.accountAllow ?? name
            }
        }
        return answer
    }
}
