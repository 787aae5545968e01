import BopsEncoding
import BopsJobs
import BopsSigV4
import FoundationEssentials

/// `EvalDecision` on the wire: `allowed`, `explicitDeny`, `implicitDeny`.
extension PermissionDecision: XMLScalar {
    init?(xmlText text: String) {
        switch text.trimmingWhitespace() {
        case "allowed": self = .allowed
        case "explicitDeny": self = .explicitDeny
        case "implicitDeny": self = .implicitDeny
        default: return nil
        }
    }

    func xmlText(_ style: TimestampStyle) -> String {
        switch self {
        case .allowed: "allowed"
        case .explicitDeny: "explicitDeny"
        case .implicitDeny: "implicitDeny"
        }
    }

    static var xmlExpected: String { "one of allowed, explicitDeny, implicitDeny" }
}

extension XMLMember {
    /// A policy document: IAM answers it URL-encoded (RFC 3986); read back to the JSON text. A
    /// text that is not a valid escape sequence is kept as it is (as botocore's `unquote` does).
    static func policyDocument(_ name: String, _ path: WritableKeyPath<Root, String?>) -> Self {
        Self(
            read: { root, reader in
                root[keyPath: path] = reader.string(name).map { URIEncoding.decodeIfValid($0) ?? $0 }
            },
            write: { root, element, _ in
                element.append(name, root[keyPath: path].map { URIEncoding.encode($0) })
            })
    }
}

/// `Role`: `Path`, `RoleName`, `RoleId`, `Arn`, `CreateDate` required.
extension IAMRole: XMLStructure {
    static var blank: Self { Self(roleName: "", roleId: "", arn: "", createDate: .distantPast) }
    static var members: [XMLMember<Self>] {
        [
            .value("Path", \.path),
            .value("RoleName", \.roleName),
            .value("RoleId", \.roleId),
            .value("Arn", \.arn),
            .value("CreateDate", \.createDate),
            .policyDocument("AssumeRolePolicyDocument", \.assumeRolePolicyDocument),
            .value("Description", \.description),
            .value("MaxSessionDuration", \.maxSessionDuration),
            .list("Tags", \.tags),
        ]
    }
}

extension IAMTag: XMLStructure {
    static var blank: Self { Self(key: "", value: "") }
    static var members: [XMLMember<Self>] { [.value("Key", \.key), .value("Value", \.value)] }
}

extension IAMPosition: XMLStructure {
    static var blank: Self { Self(line: nil, column: nil) }
    static var members: [XMLMember<Self>] { [.value("Line", \.line), .value("Column", \.column)] }
}

extension IAMMatchedStatement: XMLStructure {
    static var blank: Self { Self(sourcePolicyId: nil) }
    static var members: [XMLMember<Self>] {
        [
            .value("SourcePolicyId", \.sourcePolicyId),
            .value("SourcePolicyType", \.sourcePolicyType),
            .shape("StartPosition", \.startPosition),
            .shape("EndPosition", \.endPosition),
        ]
    }
}

/// `EvaluationResult`: `EvalActionName` and `EvalDecision` required.
extension IAMEvaluationResult: XMLStructure {
    static var blank: Self { Self(actionName: "", resourceName: nil, decision: .implicitDeny) }
    static var members: [XMLMember<Self>] {
        [
            .value("EvalActionName", \.actionName),
            .value("EvalResourceName", \.resourceName),
            .value("EvalDecision", \.decision),
            .list("MatchedStatements", \.matchedStatements),
            .values("MissingContextValues", \.missingContextValues),
        ]
    }
}
