import BopsDiagnostics
import BopsNode

extension PolicyStatement {
    static let keys = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource",
        "Condition",
    ]

    /// The statement at `node`: its grammar and the elements the policy's kind requires or refuses.
    static func decode(
        _ node: Node, at pointer: String, kind: PolicyKind, _ d: inout NodeDecoder,
        _ actions: inout [LocatedText]
    ) -> PolicyStatement? {
        guard let pairs = node.mapping else {
            d.error("a statement must be an object, not \(node.typeName)", at: node)
            return nil
        }
        var sid: String?
        var effect: PolicyEffect?
        var action: PatternList?
        var resource: PatternList?
        var principal: PrincipalSet?
        var notPrincipal: PrincipalSet?
        var conditions: [PolicyCondition] = []
        var seen: [String: Node] = [:]
        for pair in pairs {
            guard d.checkElement(pair.key, among: keys, place: "a statement"), let key = pair.key.string
            else {
                continue
            }
            seen[key] = pair.key
            let value = pair.value
            switch key {
            case "Sid":
                guard let s = d.string(value, at: pointer + "/Sid") else { continue }
                if !s.unicodeScalars.allSatisfy({
                    $0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                            || (kind == .key && $0 == " "))
                }) {
                    d.error(
                        "Statement IDs (SID) must be alpha-numeric: '\(s)'", at: value,
                        hint: "use letters and digits only (AllowCopyRead)")
                }
                sid = s
            case "Effect":
                guard let s = d.string(value, at: pointer + "/Effect") else { continue }
                guard let e = PolicyEffect(rawValue: s) else {
                    let near = Suggestion.closest(to: s, among: ["Allow", "Deny"])
                    d.error(
                        "Effect must be \"Allow\" or \"Deny\", not \"\(s)\"", at: value,
                        hint: near.map { "did you mean \"\($0)\"? (the words are case-sensitive)" })
                    continue
                }
                effect = e
            case "Action", "NotAction":
                let list = decodeActions(value, key: key, &d, &actions)
                action = key == "Action" ? .matching(list) : .notMatching(list)
            case "Resource", "NotResource":
                let list = decodeResources(value, key: key, &d)
                resource = key == "Resource" ? .matching(list) : .notMatching(list)
            case "Principal":
                principal = PrincipalSet.decode(value, key: key, &d)
            case "NotPrincipal":
                notPrincipal = PrincipalSet.decode(value, key: key, &d)
            default:
                conditions = PolicyCondition.decode(value, &d)
            }
        }
        var complete = true
        if effect == nil && seen["Effect"] == nil {
            d.error(
                "the statement has no Effect", at: node, hint: #"add "Effect": "Allow" or "Effect": "Deny""#)
            complete = false
        }
        if let a = seen["Action"], seen["NotAction"] != nil {
            d.error("a statement has Action or NotAction, not both", at: a, hint: "keep one of them")
        } else if seen["Action"] == nil && seen["NotAction"] == nil {
            d.error("the statement has no Action", at: node, hint: #"add "Action": ["s3:GetObject", ...]"#)
            complete = false
        }
        if let r = seen["Resource"], seen["NotResource"] != nil {
            d.error("a statement has Resource or NotResource, not both", at: r, hint: "keep one of them")
        }
        if let p = seen["Principal"], seen["NotPrincipal"] != nil {
            d.error("a statement has Principal or NotPrincipal, not both", at: p, hint: "keep one of them")
        }
        switch kind {
        case .identity:
            if let p = seen["Principal"] ?? seen["NotPrincipal"] {
                d.error(
                    "Policy document should not specify a principal", at: p,
                    hint:
                        "an identity policy applies to the role it is attached to; principals belong in the trust policy"
                )
            }
            if seen["Resource"] == nil && seen["NotResource"] == nil {
                d.error(
                    "Policy statement must contain resources", at: node,
                    hint: #"add "Resource": "arn:aws:s3:::bucket/*" (or "*")"#)
            }
        case .trust:
            if let r = seen["Resource"] ?? seen["NotResource"] {
                d.error(
                    "Has prohibited field Resource", at: r,
                    hint: "a trust policy names who may assume the role, not resources")
            }
            if seen["Principal"] == nil && seen["NotPrincipal"] == nil {
                d.error(
                    "the trust policy statement has no Principal", at: node,
                    hint: #"add "Principal": {"Service": "batchoperations.s3.amazonaws.com"}"#)
            }
        case .resource, .key:
            if seen["Principal"] == nil && seen["NotPrincipal"] == nil {
                d.error(
                    "Missing required field Principal", at: node,
                    hint: #"add "Principal": {"AWS": "arn:aws:iam::111122223333:role/NAME"} (or "*")"#)
            }
            if seen["Resource"] == nil && seen["NotResource"] == nil {
                d.error(
                    "Policy statement must contain resources", at: node,
                    hint: #"add "Resource": "arn:aws:s3:::bucket/*""#)
            }
        }
        guard complete, let effect, let action else { return nil }
        return PolicyStatement(
            sid: sid, effect: effect, action: action, resource: resource, principal: principal,
            notPrincipal: notPrincipal, conditions: conditions)
    }

    /// A string or a non-empty list of strings.
    static func stringList(_ node: Node, key: String, _ d: inout NodeDecoder) -> [(String, Node)] {
        if let s = node.string { return [(s, node)] }
        guard let items = node.sequence else {
            d.error("\(key) must be a string or a list of strings, not \(node.typeName)", at: node)
            return []
        }
        if items.isEmpty { d.error("\(key) must not be an empty list", at: node) }
        var out: [(String, Node)] = []
        for item in items {
            guard let s = item.string else {
                d.error("each \(key) entry must be a string, not \(item.typeName)", at: item)
                continue
            }
            out.append((s, item))
        }
        return out
    }

    static func decodeActions(
        _ node: Node, key: String, _ d: inout NodeDecoder, _ actions: inout [LocatedText]
    ) -> [String] {
        stringList(node, key: key, &d).compactMap { text, item in
            if text != "*" {
                let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let vendorOK =
                    parts.count == 2 && !parts[0].isEmpty
                    && parts[0].unicodeScalars.allSatisfy {
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                    }
                let actionOK =
                    parts.count == 2 && !parts[1].isEmpty
                    && parts[1].unicodeScalars.allSatisfy {
                        $0.isASCII
                            && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "*"
                                || $0 == "?" || $0 == "-" || $0 == "_")
                    }
                guard vendorOK && actionOK else {
                    d.error(
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.: '\(text)'",
                        at: item,
                        hint: "write the action as service:Name (s3:GetObject) or a pattern (s3:Get*)")
                    return nil
                }
            }
            actions.append(LocatedText(text: text, range: item.range(in: d.file)))
            return text
        }
    }

    static func decodeResources(_ node: Node, key: String, _ d: inout NodeDecoder) -> [String] {
        stringList(node, key: key, &d).compactMap { text, item in
            guard text == "*" || text.hasPrefix("arn:") else {
                d.error(
                    "Resource \(text) must be in ARN format or \"*\"", at: item,
                    hint: text.hasPrefix("s3://") || !text.contains(":")
                        ? "an S3 resource is arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/KEY-PATTERN" : nil)
                return nil
            }
            let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            if text != "*" && fields.count < 6 {
                d.error(
                    "Resource \(text) must be in ARN format or \"*\": an ARN has six parts", at: item,
                    hint: "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (arn:aws:s3:::bucket/*)")
                return nil
            }
            return text
        }
    }
}
