public import BopsJobs

/// KMS's evaluation of a request to use a key, as "Key policies in AWS KMS" documents it: unlike a
/// bucket policy, the key policy is the only way in.
/// - an explicit deny in the key policy or the identity policies denies;
/// - a key policy statement naming the principal directly (its role ARN, session, `*`) allows it
///   (across accounts the identity policies must allow too);
/// - a statement naming the principal's account (`arn:aws:iam::ACCOUNT:root`, AWS's default key
///   policy) delegates to that account's IAM policies: the identity policies must allow;
/// - otherwise the request is denied, whatever the identity policies say.
///
/// Grants are not evaluated. `identity` is the decision of the principal's identity policies on
/// the same request (from ``PolicyEvaluator``, or IAM's simulation on aws); a statement of the key
/// policy is the deciding one (`key policy of K, statement 2 (AllowRole)`).
public enum KeyPolicyEvaluation {
    public struct Outcome: Sendable, Hashable {
        public var decision: PermissionDecision
        /// The statement that decided, when one did.
        public var matchedBy: String?
        /// For a deny: which policy denied, or did not allow (KMS's message says which).
        public var side: ResourcePolicyEvaluation.Side?

        public init(
            decision: PermissionDecision, matchedBy: String? = nil, side: ResourcePolicyEvaluation.Side? = nil
        ) {
            self.decision = decision
            self.matchedBy = matchedBy
            self.side = side
        }
    }

    /// `keyAccount` owns the key; `nil` for the principal's own account.
    public static func evaluate(
        _ request: AccessRequest, keyPolicy: NamedPolicy, keyAccount: String?,
        identity: PermissionDecision, identityMatchedBy: String? = nil
    ) -> Outcome {
        if identity == .explicitDeny {
            return Outcome(decision: .explicitDeny, matchedBy: identityMatchedBy, side: .identity)
        }
        let answer = ResourcePolicyEvaluation.evaluateResource(request, keyPolicy)
        if let (deny, _) = answer.deny {
            return Outcome(decision: .explicitDeny, matchedBy: deny, side: .resource)
        }
        let sameAccount = keyAccount == nil || keyAccount == request.principal?.account
        if let direct = answer.directAllow, sameAccount {
            return Outcome(decision: .allowed, matchedBy: direct)
        }
        guard let allow = answer.directAllow ?? answer.accountAllow else {
            return Outcome(decision: .implicitDeny, side: .resource)
        }
        guard identity == .allowed else { return Outcome(decision: .implicitDeny, side: .identity) }
        return Outcome(
            decision: .allowed, matchedBy: "\(allow) and \(identityMatchedBy ?? "identity policy")")
    }

    /// The same with the identity policies themselves.
    public static func evaluate(
        _ request: AccessRequest, keyPolicy: NamedPolicy, keyAccount: String?, identity: [NamedPolicy]
    ) -> Outcome {
        var bare = request
        bare.principal = nil
        let own = PolicyEvaluator.evaluate(bare, policies: identity)
        return evaluate(
            request, keyPolicy: keyPolicy, keyAccount: keyAccount, identity: own.decision,
            identityMatchedBy: own.matchedBy)
    }

    /// AWS's default key policy (CreateKey without a policy): the account's root, that is the
    /// account's IAM policies, may do everything with the key.
    public static func defaultPolicy(account: String) -> String {
        #"{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","#
            + #""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(account):root"},"Action":"kms:*","Resource":"*"}]}"#
    }

    /// KMS's `AccessDeniedException` message for a refused request (`User: ARN is not authorized to
    /// perform: kms:Decrypt on resource: KEY because no resource-based policy allows the kms:Decrypt
    /// action`).
    public static func deniedMessage(
        _ outcome: Outcome, principal: String, action: String, key: String
    ) -> String {
        let kind = outcome.side == .identity ? "identity-based" : "resource-based"
        let why =
            outcome.decision == .explicitDeny
            ? "with an explicit deny in a \(kind) policy"
            : "because no \(kind) policy allows the \(action) action"
        return "User: \(principal) is not authorized to perform: \(action) on resource: \(key) \(why)"
    }
}
