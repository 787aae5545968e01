public import BopsJobs
public import FoundationEssentials

/// A role as IAM describes it (GetRole's and CreateRole's `Role`, model `iam/2010-05-08`).
///
/// Invariant: ``assumeRolePolicyDocument`` is the trust policy's JSON text as it was put; on the
/// wire IAM answers it URL-encoded, and the codec encodes and decodes it.
public struct IAMRole: Sendable, Hashable {
    public var path: String
    public var roleName: String
    public var roleId: String
    public var arn: String
    public var createDate: Date
    public var assumeRolePolicyDocument: String?
    public var description: String?
    public var maxSessionDuration: Int?
    public var tags: [IAMTag]?

    public init(
        path: String = "/", roleName: String, roleId: String, arn: String, createDate: Date,
        assumeRolePolicyDocument: String? = nil, description: String? = nil, maxSessionDuration: Int? = nil,
        tags: [IAMTag]? = nil
    ) {
        self.path = path
        self.roleName = roleName
        self.roleId = roleId
        self.arn = arn
        self.createDate = createDate
        self.assumeRolePolicyDocument = assumeRolePolicyDocument
        self.description = description
        self.maxSessionDuration = maxSessionDuration
        self.tags = tags
    }
}

/// One tag of an IAM resource.
public struct IAMTag: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// CreateRole's input. `roleName` and `assumeRolePolicyDocument` are required by the model.
public struct IAMCreateRoleInput: Sendable, Hashable {
    public var path: String?
    public var roleName: String
    public var assumeRolePolicyDocument: String
    public var description: String?
    public var maxSessionDuration: Int?
    public var permissionsBoundary: String?
    public var tags: [IAMTag]?

    public init(
        roleName: String, assumeRolePolicyDocument: String, path: String? = nil, description: String? = nil,
        maxSessionDuration: Int? = nil, permissionsBoundary: String? = nil, tags: [IAMTag]? = nil
    ) {
        self.path = path
        self.roleName = roleName
        self.assumeRolePolicyDocument = assumeRolePolicyDocument
        self.description = description
        self.maxSessionDuration = maxSessionDuration
        self.permissionsBoundary = permissionsBoundary
        self.tags = tags
    }
}

/// An inline policy of a role (GetRolePolicy's answer); `policyDocument` is the JSON text.
public struct IAMRolePolicy: Sendable, Hashable {
    public var roleName: String
    public var policyName: String
    public var policyDocument: String

    public init(roleName: String, policyName: String, policyDocument: String) {
        self.roleName = roleName
        self.policyName = policyName
        self.policyDocument = policyDocument
    }
}

/// One page of ListRolePolicies: `marker` is set exactly when `isTruncated`.
public struct IAMPolicyNamesPage: Sendable, Hashable {
    public var policyNames: [String]
    public var isTruncated: Bool
    public var marker: String?

    public init(policyNames: [String], isTruncated: Bool = false, marker: String? = nil) {
        self.policyNames = policyNames
        self.isTruncated = isTruncated
        self.marker = marker
    }
}

/// The type of a context key's values in a simulation (`ContextKeyTypeEnum`).
public enum IAMContextKeyType: String, Sendable, Hashable, CaseIterable {
    case string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList,
        date, dateList
}

/// A context key and its values for SimulatePrincipalPolicy (`aws:SecureTransport` = `true`).
public struct IAMContextEntry: Sendable, Hashable {
    public var key: String?
    public var values: [String]?
    public var type: IAMContextKeyType?

    public init(key: String?, values: [String]?, type: IAMContextKeyType?) {
        self.key = key
        self.values = values
        self.type = type
    }
}

/// SimulatePrincipalPolicy's input, as far as bops uses it: the principal whose policies are
/// simulated, the actions and resources (every action against every resource), the context, and
/// paging. `policySourceArn` and `actionNames` are required by the model.
public struct IAMSimulationInput: Sendable, Hashable {
    public var policySourceArn: String
    public var actionNames: [String]
    public var resourceArns: [String]?
    public var contextEntries: [IAMContextEntry]?
    public var maxItems: Int?
    public var marker: String?

    public init(
        policySourceArn: String, actionNames: [String], resourceArns: [String]? = nil,
        contextEntries: [IAMContextEntry]? = nil, maxItems: Int? = nil, marker: String? = nil
    ) {
        self.policySourceArn = policySourceArn
        self.actionNames = actionNames
        self.resourceArns = resourceArns
        self.contextEntries = contextEntries
        self.maxItems = maxItems
        self.marker = marker
    }
}

/// A line and column in a policy document (1-based), as IAM reports a matched statement.
public struct IAMPosition: Sendable, Hashable {
    public var line: Int?
    public var column: Int?

    public init(line: Int?, column: Int?) {
        self.line = line
        self.column = column
    }
}

/// A statement that decided an evaluation: the policy it is in (`SourcePolicyId`, the inline
/// policy's name for a role policy) and where it stands in that document.
public struct IAMMatchedStatement: Sendable, Hashable {
    public var sourcePolicyId: String?
    /// `role`, `user`, `group`, `aws-managed`, `user-managed`, `resource`, `none`.
    public var sourcePolicyType: String?
    public var startPosition: IAMPosition?
    public var endPosition: IAMPosition?

    public init(
        sourcePolicyId: String?, sourcePolicyType: String? = nil, startPosition: IAMPosition? = nil,
        endPosition: IAMPosition? = nil
    ) {
        self.sourcePolicyId = sourcePolicyId
        self.sourcePolicyType = sourcePolicyType
        self.startPosition = startPosition
        self.endPosition = endPosition
    }
}

/// The decision for one action on one resource (`EvaluationResult`). The decision is BopsJobs'
/// ``PermissionDecision``; on the wire it is `allowed`, `explicitDeny` or `implicitDeny`.
public struct IAMEvaluationResult: Sendable, Hashable {
    public var actionName: String
    public var resourceName: String?
    public var decision: PermissionDecision
    public var matchedStatements: [IAMMatchedStatement]?
    public var missingContextValues: [String]?

    public init(
        actionName: String, resourceName: String?, decision: PermissionDecision,
        matchedStatements: [IAMMatchedStatement]? = nil, missingContextValues: [String]? = nil
    ) {
        self.actionName = actionName
        self.resourceName = resourceName
        self.decision = decision
        self.matchedStatements = matchedStatements
        self.missingContextValues = missingContextValues
    }
}

/// One page of SimulatePrincipalPolicy: `marker` is set exactly when `isTruncated`.
public struct IAMSimulationPage: Sendable, Hashable {
    public var results: [IAMEvaluationResult]
    public var isTruncated: Bool
    public var marker: String?

    public init(results: [IAMEvaluationResult], isTruncated: Bool = false, marker: String? = nil) {
        self.results = results
        self.isTruncated = isTruncated
        self.marker = marker
    }
}
