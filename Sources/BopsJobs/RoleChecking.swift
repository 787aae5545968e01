/// One permission a job's IAM role needs: an IAM action on a resource ARN
/// (`s3:GetObject` on `arn:aws:s3:::logs/*`).
public struct NeededPermission: Sendable, Hashable, Codable {
    /// The action with its service prefix, as IAM spells it (`s3:PutObject`, `kms:Decrypt`).
    public var action: String
    /// The resource ARN, possibly with `*` (`arn:aws:s3:::archive/*`).
    public var resource: String

    public init(action: String, resource: String) {
        self.action = action
        self.resource = resource
    }
}

/// What IAM's policy evaluation decides for one request (SimulatePrincipalPolicy's `EvalDecision`).
public enum PermissionDecision: String, Sendable, Hashable, Codable {
    case allowed
    case explicitDeny = "explicit_deny"
    case implicitDeny = "implicit_deny"
}

/// The decision for one needed permission, with the statement that decided it when one did.
public struct PermissionResult: Sendable, Hashable, Codable {
    public var permission: NeededPermission
    public var decision: PermissionDecision
    /// The policy and statement that matched (`"inline policy copy-access, statement 2"`), when known.
    public var matchedBy: String?

    public init(permission: NeededPermission, decision: PermissionDecision, matchedBy: String? = nil) {
        self.permission = permission
        self.decision = decision
        self.matchedBy = matchedBy
    }
}

/// What an engine found out about a job's role.
public struct RoleCheck: Sendable, Hashable {
    /// The engine knows no such role. On the local engine an undeclared role allows everything.
    public var roleFound: Bool
    /// Whether the trust policy lets `batchoperations.s3.amazonaws.com` assume the role; `nil` when
    /// it could not be read.
    public var trustsBatchOperations: Bool?
    /// One result per needed permission, in the order asked; empty when the check was skipped.
    public var results: [PermissionResult]
    /// Why the check could not be made (the caller may not call `iam:GetRole` or
    /// `iam:SimulatePrincipalPolicy`); `nil` when it was made. A skipped check is never a pass.
    public var skipped: String?

    public init(
        roleFound: Bool, trustsBatchOperations: Bool?, results: [PermissionResult], skipped: String? = nil
    ) {
        self.roleFound = roleFound
        self.trustsBatchOperations = trustsBatchOperations
        self.results = results
        self.skipped = skipped
    }
}

/// An engine that can say whether a role may do what a job needs, before the job runs. The aws
/// engine asks IAM (GetRole, SimulatePrincipalPolicy); the local engine evaluates the roles declared
/// with `bops local role put`.
public protocol RoleChecking: Sendable {
    /// Checks the role `roleArn` for `needs`. Throws only for a failure to ask (network); a missing
    /// permission of the caller to make the check is ``RoleCheck/skipped``.
    func checkRole(_ roleArn: String, needs: [NeededPermission]) async throws -> RoleCheck
}
