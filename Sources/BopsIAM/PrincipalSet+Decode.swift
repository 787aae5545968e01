import BopsDiagnostics
import BopsNode

extension PrincipalSet {
    static let types = ["AWS", "Service", "Federated", "CanonicalUser"]

    /// `Principal` or `NotPrincipal`: `"*"` or an object of principal types.
    static func decode(_ node: Node, key: String, _ d: inout NodeDecoder) -> PrincipalSet? {
        if let s = node.string {
            guard s == "*" else {
                d.error(
                    "\(key) is \"*\" or an object of principal types", at: node,
                    hint: #"{"Service": "batchoperations.s3.amazonaws.com"}"#)
                return nil
            }
            return .anyone
        }
        guard let pairs = node.mapping else {
            d.error("\(key) must be \"*\" or an object, not \(node.typeName)", at: node)
            return nil
        }
        var out: [String: [String]] = [:]
        for pair in pairs {
            guard let type = pair.key.string, types.contains(type) else {
                let name = pair.key.string ?? ""
                let near = Suggestion.closest(to: name, among: types)
                d.error(
                    "Invalid principal in policy: unknown principal type '\(name)'", at: pair.key,
                    hint: near.map { "did you mean '\($0)'?" }
                        ?? "principal types are AWS, Service, Federated, CanonicalUser")
                continue
            }
            out[type, default: []] += PolicyStatement.stringList(pair.value, key: "\(key).\(type)", &d).map(
                \.0)
        }
        return .named(out)
    }
}
