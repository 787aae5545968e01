public import BopsJobs
import FoundationEssentials

/// One request to evaluate: who asks (for a trust policy), the action, the resource and the
/// request context (`aws:SourceAccount` → `["111122223333"]`; keys are case-insensitive).
public struct AccessRequest: Sendable, Hashable {
    public var action: String
    public var resource: String
    public var principal: RequestPrincipal?
    public var context: [String: [String]]

    public init(
        action: String, resource: String, principal: RequestPrincipal? = nil,
        context: [String: [String]] = [:]
    ) {
        self.action = action
        self.resource = resource
        self.principal = principal
        self.context = context
    }
}

/// The principal of a request, matched against `Principal` elements: its type (`Service`, `AWS`)
/// and identifier (`batchoperations.s3.amazonaws.com`, an account or role ARN).
public struct RequestPrincipal: Sendable, Hashable {
    public var type: String
    public var identifier: String
    /// The session ARN a role acts as (`arn:aws:sts::111122223333:assumed-role/NAME/SESSION`), which a
    /// `Principal` may name instead of the role.
    public var session: String?

    public init(type: String, identifier: String, session: String? = nil) {
        self.type = type
        self.identifier = identifier
        self.session = session
    }

    /// A role by its ARN (`arn:aws:iam::111122223333:role/NAME`), acting as session `session`.
    public static func role(_ arn: String, session: String = "s3-batch-operations") -> RequestPrincipal {
        let name = arn.split(separator: "/").last.map(String.init) ?? ""
        let account = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first ?? ""
        return RequestPrincipal(
            type: "AWS", identifier: arn, session: "arn:aws:sts::\(account):assumed-role/\(name)/\(session)")
    }

    /// The account of an `AWS` principal's ARN; `nil` for a service or an identifier that is no ARN.
    public var account: String? {
        guard type == "AWS", identifier.hasPrefix("arn:") else { return nil }
        let parts = identifier.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 6 && !parts[4].isEmpty ? String(parts[4]) : nil
    }

    public static let batchOperations = RequestPrincipal(
        type: "Service", identifier: BatchOperationsTrust.service)
}

/// A policy with the name results cite (`inline policy copy-access`, `trust policy`).
public struct NamedPolicy: Sendable, Hashable {
    public var name: String
    public var document: PolicyDocument

    public init(name: String, document: PolicyDocument) {
        self.name = name
        self.document = document
    }
}

/// IAM's evaluation logic for one principal's identity policies (or one trust policy), as AWS
/// documents it in "Policy evaluation logic": an explicit `Deny` in any statement that matches wins;
/// otherwise an `Allow` that matches allows; otherwise the request is implicitly denied.
///
/// A statement matches when its action (`Action` lists one pattern matching, `NotAction` none), its
/// resource (likewise; a trust policy has none), its principal (when the request has one) and every
/// condition match (``ConditionEvaluator`` has each operator's rules).
public enum PolicyEvaluator {
    public struct Outcome: Sendable, Hashable {
        public var decision: PermissionDecision
        /// The deciding statement (`inline policy copy, statement 2 (AllowWrite)`), nil for an
        /// implicit deny.
        public var matchedBy: String?
    }

    public static func evaluate(_ request: AccessRequest, policies: [NamedPolicy]) -> Outcome {
        var allow: String?
        let context = Dictionary(request.context.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        for policy in policies {
            for (index, statement) in policy.document.statements.enumerated()
            where matches(statement, request, context: context) {
                let name =
                    "\(policy.name), statement \(index + 1)"
                    + (statement.sid.map { $0.isEmpty ? "" : " (\($0))" } ?? "")
                if statement.effect == .deny { return Outcome(decision: .explicitDeny, matchedBy: name) }
                if allow == nil { allow = name }
            }
        }
        if let allow { return Outcome(decision: .allowed, matchedBy: allow) }
        return Outcome(decision: .implicitDeny, matchedBy: nil)
    }

    static func matches(_ s: PolicyStatement, _ r: AccessRequest, context: [String: [String]]) -> Bool {
        switch s.action {
        case .matching(let p):
            guard p.contains(where: { actionMatches($0, r.action) }) else { return false }
        case .notMatching(let p):
            guard !p.contains(where: { actionMatches($0, r.action) }) else { return false }
        }
        switch s.resource {
        case .matching(let p)?:
            guard p.contains(where: { Wildcard.matches(substitute($0, context), r.resource) }) else {
                return false
            }
        case .notMatching(let p)?:
            guard !p.contains(where: { Wildcard.matches(substitute($0, context), r.resource) }) else {
                return false
            }
        case nil: break
        }
        if let principal = r.principal {
            if let set = s.principal, !principalMatches(set, principal) { return false }
            if let set = s.notPrincipal, principalMatches(set, principal) { return false }
            if s.principal == nil && s.notPrincipal == nil { return false }
        }
        return s.conditions.allSatisfy { ConditionEvaluator.holds($0, context: context) }
    }

    static func actionMatches(_ pattern: String, _ action: String) -> Bool {
        pattern == "*" || Wildcard.matches(pattern, action, ignoringCase: true)
    }

    static func principalMatches(_ set: PrincipalSet, _ p: RequestPrincipal) -> Bool {
        PrincipalMatch.of(set, p) != .none
    }

    /// Policy variables in a resource (`${aws:username}`) take the context's single value; `${*}`,
    /// `${?}` and `${$}` stand for the literal character. A variable without a value matches nothing.
    static func substitute(_ pattern: String, _ context: [String: [String]]) -> String {
        guard pattern.contains("${") else { return pattern }
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstRange(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = String(rest[open.upperBound..<close])
            switch name {
            case "*", "?", "$": out += name
            default:
                guard let values = context[name.lowercased()], values.count == 1 else { return "\u{0}" }
                out += values[0]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
