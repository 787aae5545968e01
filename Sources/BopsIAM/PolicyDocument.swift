/// An IAM policy document (identity policy, role trust policy or resource-based policy), as IAM's
/// policy grammar defines it.
///
/// Invariants of a parsed document (``PolicyParser``): at least one statement; each statement has an
/// effect and exactly one of `Action` / `NotAction`; an identity policy's statements have exactly one
/// of `Resource` / `NotResource` and no principal; a trust policy's statements have a `Principal` or
/// `NotPrincipal` and no resource; a resource-based policy's statements have both. Lists keep their
/// order as written; a single string is a one-element list.
public struct PolicyDocument: Sendable, Hashable {
    /// `2012-10-17` or `2008-10-17`; `nil` when the document names none (IAM then reads it as
    /// `2008-10-17`, without policy variables).
    public var version: String?
    public var id: String?
    public var statements: [PolicyStatement]

    public init(version: String? = "2012-10-17", id: String? = nil, statements: [PolicyStatement]) {
        self.version = version
        self.id = id
        self.statements = statements
    }
}

/// What a document is used as: the two kinds differ in which elements they must and must not have.
public enum PolicyKind: Sendable, Hashable {
    /// An identity-based policy (a role's inline policy): resources, no principal.
    case identity
    /// A role's trust policy (`AssumeRolePolicyDocument`): principals, no resource.
    case trust
    /// A resource-based policy (a bucket policy): principals and resources.
    case resource
    /// A KMS key policy: a resource-based policy whose statement ids may hold spaces (AWS's default
    /// key policy's `Enable IAM User Permissions`).
    case key
}

/// `Allow` or `Deny`.
public enum PolicyEffect: String, Sendable, Hashable, Codable {
    case allow = "Allow"
    case deny = "Deny"
}

/// `Action` (`matching`) or `NotAction` (`notMatching`); the same for resources and principals.
public enum PatternList: Sendable, Hashable {
    case matching([String])
    case notMatching([String])

    public var patterns: [String] {
        switch self {
        case .matching(let p), .notMatching(let p): p
        }
    }
}

/// A `Principal` element: `"*"` (anyone), or principals by type (`AWS`, `Service`, `Federated`,
/// `CanonicalUser`) with their identifiers.
public enum PrincipalSet: Sendable, Hashable {
    case anyone
    case named([String: [String]])
}

/// One statement of a policy.
public struct PolicyStatement: Sendable, Hashable {
    public var sid: String?
    public var effect: PolicyEffect
    public var action: PatternList
    /// `nil` in a trust policy.
    public var resource: PatternList?
    /// `Principal`; `nil` in an identity policy.
    public var principal: PrincipalSet?
    /// `NotPrincipal`; `nil` unless written.
    public var notPrincipal: PrincipalSet?
    /// Every condition must hold (AND); the values of one condition are alternatives (OR).
    public var conditions: [PolicyCondition]

    public init(
        sid: String? = nil, effect: PolicyEffect, action: PatternList, resource: PatternList? = nil,
        principal: PrincipalSet? = nil, notPrincipal: PrincipalSet? = nil, conditions: [PolicyCondition] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.action = action
        self.resource = resource
        self.principal = principal
        self.notPrincipal = notPrincipal
        self.conditions = conditions
    }
}

/// One condition: an operator (`StringEquals`, `ArnLike`, ...) over a context key (`aws:SourceAccount`)
/// and its values.
public struct PolicyCondition: Sendable, Hashable {
    public var condition: ConditionOperator
    public var key: String
    public var values: [String]

    public init(_ condition: ConditionOperator, key: String, values: [String]) {
        self.condition = condition
        self.key = key
        self.values = values
    }
}
