public import BopsDiagnostics
public import FoundationEssentials

/// An IAM role kept by the local engine: what `GetRole` and `GetRolePolicy` answer.
///
/// Invariants: `name` matches IAM's `[\w+=,.@-]{1,64}` and is unique ignoring case; `arn` is
/// `arn:aws:iam::<account>:role<path><name>`; `trustPolicy` and every inline policy are the documents
/// as given, each of which parsed (trust policy as a trust policy, inline ones as identity policies).
public struct LocalRole: Sendable, Hashable, Codable {
    public var name: String
    public var arn: String
    /// `AROA` and 17 letters or digits, fixed when the role is created.
    public var roleId: String
    /// `/` or `/a/b/`.
    public var path: String
    public var createDate: Date
    /// The trust policy (`AssumeRolePolicyDocument`), the document text as given.
    public var trustPolicy: String
    /// Inline policies: name → document text.
    public var inlinePolicies: [String: String]
    public var description: String?
    public var accountId: String

    public init(
        name: String, accountId: String, roleId: String, path: String = "/", createDate: Date,
        trustPolicy: String, inlinePolicies: [String: String] = [:], description: String? = nil
    ) {
        self.name = name
        self.accountId = accountId
        self.arn = "arn:aws:iam::\(accountId):role\(path)\(name)"
        self.roleId = roleId
        self.path = path
        self.createDate = createDate
        self.trustPolicy = trustPolicy
        self.inlinePolicies = inlinePolicies
        self.description = description
    }
}

/// A refusal of a role operation, with IAM's error code and a message worded like IAM's.
/// `diagnostics` locate a malformed document's findings (file, line, column) when there are any.
public struct RoleError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case noSuchEntity = "NoSuchEntity"
        case entityAlreadyExists = "EntityAlreadyExists"
        case malformedPolicyDocument = "MalformedPolicyDocument"
        case limitExceeded = "LimitExceeded"
        case validationError = "ValidationError"
        case invalidInput = "InvalidInput"
    }

    public var code: Code
    public var message: String
    public var diagnostics: [Diagnostic]

    public init(_ code: Code, _ message: String, diagnostics: [Diagnostic] = []) {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
    }

    /// The HTTP status IAM answers the code with.
    public var httpStatus: Int {
        switch code {
        case .noSuchEntity: 404
        case .entityAlreadyExists, .limitExceeded: 409
        case .malformedPolicyDocument, .validationError, .invalidInput: 400
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }

    static func noSuchRole(_ name: String) -> RoleError {
        RoleError(.noSuchEntity, "The role with name \(name) cannot be found.")
    }
}
