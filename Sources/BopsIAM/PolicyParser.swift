public import BopsDiagnostics
import BopsNode

/// A parsed policy with where each of its action names was written, for the action catalog check.
public struct ParsedPolicy: Sendable, Hashable {
    public var document: PolicyDocument
    /// Every `Action` / `NotAction` entry with its source range, in document order.
    public var actions: [LocatedText]

    public init(document: PolicyDocument, actions: [LocatedText] = []) {
        self.document = document
        self.actions = actions
    }
}

/// A string of a document and where it was written.
public struct LocatedText: Sendable, Hashable {
    public var text: String
    public var range: SourceRange

    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// Reads IAM policy documents (JSON) into ``PolicyDocument``s.
///
/// Every finding is an error at the file, line and column of the element it is about, worded as IAM
/// words its `MalformedPolicyDocument` message where IAM has one, with a hint. The parser collects all
/// findings of a document and throws them together; it never accepts a document IAM would refuse for
/// its grammar (unknown elements, a missing `Effect`, `Action` and `NotAction` together, a principal in
/// an identity policy, a resource in a trust policy, a `Sid` that is not alphanumeric or repeats).
public enum PolicyParser {
    /// The largest document read, in bytes (IAM's largest, a managed policy, is 6,144 characters
    /// without whitespace; whitespace is allowed on top).
    public static let maxBytes = 131_072

    public static func parse(
        _ text: String, file: String, kind: PolicyKind
    ) throws(Diagnostics) -> ParsedPolicy {
        try parse(Array(text.utf8), file: file, kind: kind)
    }

    public static func parse(
        _ bytes: [UInt8], file: String, kind: PolicyKind
    ) throws(Diagnostics)
        -> ParsedPolicy
    {
        guard bytes.count <= maxBytes else {
            throw Diagnostics([
                .error(
                    "the policy document is \(bytes.count) bytes, more than the \(maxBytes) read",
                    at: SourceRange(
                        file: file, start: Mark(line: 1, column: 1), end: Mark(line: 1, column: 2)),
                    hint: "IAM limits inline role policies to 10,240 characters in all")
            ])
        }
        let root = try JSONReader.parse(bytes, file: file)
        var reader = DocumentReader(file: file, kind: kind)
        let document = reader.read(root)
        if !reader.findings.isEmpty || document == nil { throw Diagnostics(reader.findings) }
        return ParsedPolicy(document: document!, actions: reader.actions)
    }
}

/// One pass over a document's node tree, collecting findings.
struct DocumentReader {
    let file: String
    let kind: PolicyKind
    var findings: [Diagnostic] = []
    var actions: [LocatedText] = []

    static let topKeys = ["Version", "Id", "Statement"]
    static let statementKeys = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource",
        "Condition",
    ]
    static let principalTypes = ["AWS", "Service", "Federated", "CanonicalUser"]

    init(file: String, kind: PolicyKind) {
        self.file = file
        self.kind = kind
    }

    mutating func fail(_ node: Node, _ summary: String, hint: String? = nil) {
        findings.append(.error(summary, at: node.range(in: file), hint: hint))
    }

    mutating func unknownKey(_ key: Node, among known: [String], place: String) {
        let name = key.string ?? ""
        let near = Suggestion.closest(to: name, among: known)
        fail(
            key, "unknown element '\(name)' in \(place)",
            hint: near.map { "did you mean '\($0)'?" } ?? "\(place) holds \(known.joined(separator: ", "))")
    }

    mutating func read(_ root: Node) -> PolicyDocument? {
        guard let pairs = root.mapping else {
            fail(
                root, "a policy document is a JSON object, not \(root.typeName)",
                hint: #"{"Version": "2012-10-17", "Statement": [...]}"#)
            return nil
        }
        var version: String?
        var id: String?
        var statements: [PolicyStatement] = []
        var sawStatement = false
        for pair in pairs {
            switch pair.key.string {
            case "Version":
                guard let v = pair.value.string, v == "2012-10-17" || v == "2008-10-17" else {
                    fail(
                        pair.value, "the policy document's Version must be \"2012-10-17\" or \"2008-10-17\"",
                        hint: #"write "Version": "2012-10-17" (the current version of the policy language)"#)
                    continue
                }
                version = v
            case "Id":
                id = string(pair.value, what: "Id")
            case "Statement":
                sawStatement = true
                statements = readStatements(pair.value)
            default:
                unknownKey(pair.key, among: Self.topKeys, place: "a policy document")
            }
        }
        if !sawStatement {
            fail(
                root, "the policy document has no Statement",
                hint: #"add "Statement": [{"Effect": "Allow", ...}]"#)
        }
        return PolicyDocument(version: version, id: id, statements: statements)
    }

    mutating func string(_ node: Node, what: String) -> String? {
        guard let s = node.string else {
            fail(node, "\(what) must be a string, not \(node.typeName)")
            return nil
        }
        return s
    }

    mutating func readStatements(_ node: Node) -> [PolicyStatement] {
        let items: [Node]
        if node.mapping != nil {
            items = [node]
        } else if let list = node.sequence {
            items = list
            if list.isEmpty {
                fail(
                    node, "the policy document's Statement list is empty",
                    hint: "a policy needs one statement at least")
            }
        } else {
            fail(node, "Statement must be an object or a list of objects, not \(node.typeName)")
            return []
        }
        var sids: [String: Node] = [:]
        var out: [PolicyStatement] = []
        for item in items {
            if let statement = readStatement(item) {
                if let sid = statement.sid, !sid.isEmpty {
                    if sids[sid] != nil {
                        fail(
                            item["Sid"] ?? item,
                            "Statement IDs (SID) in a single policy must be unique: '\(sid)' repeats",
                            hint: "rename one of the statements")
                    }
                    sids[sid] = item
                }
                out.append(statement)
            }
        }
        return out
    }

    mutating func readStatement(_ node: Node) -> PolicyStatement? {
        guard let pairs = node.mapping else {
            fail(node, "a statement must be an object, not \(node.typeName)")
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
            guard let key = pair.key.string, Self.statementKeys.contains(key) else {
                unknownKey(pair.key, among: Self.statementKeys, place: "a statement")
                continue
            }
            seen[key] = pair.key
            let value = pair.value
            switch key {
            case "Sid":
                guard let s = string(value, what: "Sid") else { continue }
                if !s.unicodeScalars.allSatisfy({
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                }) {
                    fail(
                        value, "Statement IDs (SID) must be alpha-numeric: '\(s)'",
                        hint: "use letters and digits only (AllowCopyRead)")
                }
                sid = s
            case "Effect":
                guard let s = string(value, what: "Effect") else { continue }
                guard let e = PolicyEffect(rawValue: s) else {
                    let near = Suggestion.closest(to: s, among: ["Allow", "Deny"])
                    fail(
                        value, "Effect must be \"Allow\" or \"Deny\", not \"\(s)\"",
                        hint: near.map { "did you mean \"\($0)\"? (the words are case-sensitive)" })
                    continue
                }
                effect = e
            case "Action", "NotAction":
                let list = readActions(value, key: key)
                action = key == "Action" ? .matching(list) : .notMatching(list)
            case "Resource", "NotResource":
                let list = readResources(value, key: key)
                resource = key == "Resource" ? .matching(list) : .notMatching(list)
            case "Principal":
                principal = readPrincipal(value, key: key)
            case "NotPrincipal":
                notPrincipal = readPrincipal(value, key: key)
            default:
                conditions = readConditions(value)
            }
        }
        var complete = true
        if effect == nil && seen["Effect"] == nil {
            fail(node, "the statement has no Effect", hint: #"add "Effect": "Allow" or "Effect": "Deny""#)
            complete = false
        }
        if let a = seen["Action"], seen["NotAction"] != nil {
            fail(a, "a statement has Action or NotAction, not both", hint: "keep one of them")
        } else if seen["Action"] == nil && seen["NotAction"] == nil {
            fail(node, "the statement has no Action", hint: #"add "Action": ["s3:GetObject", ...]"#)
            complete = false
        }
        if let r = seen["Resource"], seen["NotResource"] != nil {
            fail(r, "a statement has Resource or NotResource, not both", hint: "keep one of them")
        }
        if let p = seen["Principal"], seen["NotPrincipal"] != nil {
            fail(p, "a statement has Principal or NotPrincipal, not both", hint: "keep one of them")
        }
        switch kind {
        case .identity:
            if let p = seen["Principal"] ?? seen["NotPrincipal"] {
                fail(
                    p, "Policy document should not specify a principal",
                    hint:
                        "an identity policy applies to the role it is attached to; principals belong in the trust policy"
                )
            }
            if seen["Resource"] == nil && seen["NotResource"] == nil {
                fail(
                    node, "Policy statement must contain resources",
                    hint: #"add "Resource": "arn:aws:s3:::bucket/*" (or "*")"#)
            }
        case .trust:
            if let r = seen["Resource"] ?? seen["NotResource"] {
                fail(
                    r, "Has prohibited field Resource",
                    hint: "a trust policy names who may assume the role, not resources")
            }
            if seen["Principal"] == nil && seen["NotPrincipal"] == nil {
                fail(
                    node, "the trust policy statement has no Principal",
                    hint: #"add "Principal": {"Service": "batchoperations.s3.amazonaws.com"}"#)
            }
        case .resource:
            if seen["Principal"] == nil && seen["NotPrincipal"] == nil {
                fail(
                    node, "Missing required field Principal",
                    hint: #"add "Principal": {"AWS": "arn:aws:iam::111122223333:role/NAME"} (or "*")"#)
            }
            if seen["Resource"] == nil && seen["NotResource"] == nil {
                fail(
                    node, "Policy statement must contain resources",
                    hint: #"add "Resource": "arn:aws:s3:::bucket/*""#)
            }
        }
        guard complete, let effect, let action else { return nil }
        return PolicyStatement(
            sid: sid, effect: effect, action: action, resource: resource, principal: principal,
            notPrincipal: notPrincipal, conditions: conditions)
    }

    /// A string or a non-empty list of strings.
    mutating func stringList(_ node: Node, key: String) -> [(String, Node)] {
        if let s = node.string { return [(s, node)] }
        guard let items = node.sequence else {
            fail(node, "\(key) must be a string or a list of strings, not \(node.typeName)")
            return []
        }
        if items.isEmpty { fail(node, "\(key) must not be an empty list") }
        var out: [(String, Node)] = []
        for item in items {
            guard let s = item.string else {
                fail(item, "each \(key) entry must be a string, not \(item.typeName)")
                continue
            }
            out.append((s, item))
        }
        return out
    }

    mutating func readActions(_ node: Node, key: String) -> [String] {
        stringList(node, key: key).compactMap { text, item in
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
                    fail(
                        item,
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.: '\(text)'",
                        hint: "write the action as service:Name (s3:GetObject) or a pattern (s3:Get*)")
                    return nil
                }
            }
            actions.append(LocatedText(text: text, range: item.range(in: file)))
            return text
        }
    }

    mutating func readResources(_ node: Node, key: String) -> [String] {
        stringList(node, key: key).compactMap { text, item in
            guard text == "*" || text.hasPrefix("arn:") else {
                fail(
                    item, "Resource \(text) must be in ARN format or \"*\"",
                    hint: text.hasPrefix("s3://") || !text.contains(":")
                        ? "an S3 resource is arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/KEY-PATTERN" : nil)
                return nil
            }
            let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            if text != "*" && fields.count < 6 {
                fail(
                    item, "Resource \(text) must be in ARN format or \"*\": an ARN has six parts",
                    hint: "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (arn:aws:s3:::bucket/*)")
                return nil
            }
            return text
        }
    }

    mutating func readPrincipal(_ node: Node, key: String) -> PrincipalSet? {
        if let s = node.string {
            guard s == "*" else {
                fail(
                    node, "\(key) is \"*\" or an object of principal types",
                    hint: #"{"Service": "batchoperations.s3.amazonaws.com"}"#)
                return nil
            }
            return .anyone
        }
        guard let pairs = node.mapping else {
            fail(node, "\(key) must be \"*\" or an object, not \(node.typeName)")
            return nil
        }
        var out: [String: [String]] = [:]
        for pair in pairs {
            guard let type = pair.key.string, Self.principalTypes.contains(type) else {
                let name = pair.key.string ?? ""
                let near = Suggestion.closest(to: name, among: Self.principalTypes)
                fail(
                    pair.key, "Invalid principal in policy: unknown principal type '\(name)'",
                    hint: near.map { "did you mean '\($0)'?" }
                        ?? "principal types are AWS, Service, Federated, CanonicalUser")
                continue
            }
            out[type, default: []] += stringList(pair.value, key: "\(key).\(type)").map(\.0)
        }
        return .named(out)
    }

    mutating func readConditions(_ node: Node) -> [PolicyCondition] {
        guard let blocks = node.mapping else {
            fail(
                node, "Condition must be an object of operators, not \(node.typeName)",
                hint: #"{"StringEquals": {"aws:SourceAccount": "111122223333"}}"#)
            return []
        }
        var out: [PolicyCondition] = []
        for block in blocks {
            let name = block.key.string ?? ""
            guard let op = ConditionOperator(parsing: name) else {
                let bare = name.split(separator: ":").last.map(String.init) ?? name
                let near = Suggestion.closest(to: bare, among: ConditionOperator.names)
                fail(
                    block.key, "Invalid Condition type : \(name)",
                    hint: near.map { "did you mean '\($0)'?" }
                        ?? "operators are StringEquals, StringLike, ArnLike, Bool, ...")
                continue
            }
            guard let keys = block.value.mapping else {
                fail(block.value, "\(name) must be an object of condition keys, not \(block.value.typeName)")
                continue
            }
            for entry in keys {
                guard let key = entry.key.string, !key.isEmpty else { continue }
                var values: [String] = []
                let items = entry.value.sequence ?? [entry.value]
                for item in items {
                    guard let scalar = item.scalar, scalar.value != .null else {
                        fail(item, "a condition value is a string, number or boolean, not \(item.typeName)")
                        continue
                    }
                    values.append(scalar.text)
                }
                out.append(PolicyCondition(op, key: key, values: values))
            }
        }
        return out
    }
}
