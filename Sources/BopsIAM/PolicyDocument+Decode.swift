import BopsDiagnostics
import BopsNode

extension NodeDecoder.Wording {
    /// A policy's words, as IAM says them: "Sid must be a string, not integer".
    static let policy = NodeDecoder.Wording { m in
        .error(
            "\(m.key) must be \(m.expected.description), not \(m.node?.typeName ?? "missing")",
            at: m.node?.range(in: m.file))
    }
}

extension NodeDecoder {
    /// Whether `key` is one of the elements `place` holds; an error at it when not.
    mutating func checkElement(_ key: Node, among known: [String], place: String) -> Bool {
        checkKey(
            key, allowed: known, summary: { "unknown element '\($0)' in \(place)" },
            listing: "\(place) holds \(known.joined(separator: ", "))")
    }
}

extension PolicyDocument {
    static let keys = ["Version", "Id", "Statement"]

    /// The document at `root`, every finding in `d`; the `Action` entries read go to `actions`.
    static func decode(
        _ root: Node, kind: PolicyKind, _ d: inout NodeDecoder, _ actions: inout [LocatedText]
    ) -> PolicyDocument? {
        guard let pairs = root.mapping else {
            d.error(
                "a policy document is a JSON object, not \(root.typeName)", at: root,
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
                    d.error(
                        "the policy document's Version must be \"2012-10-17\" or \"2008-10-17\"",
                        at: pair.value,
                        hint: #"write "Version": "2012-10-17" (the current version of the policy language)"#)
                    continue
                }
                version = v
            case "Id":
                id = d.string(pair.value, at: "/Id")
            case "Statement":
                sawStatement = true
                statements = decodeStatements(pair.value, kind: kind, &d, &actions)
            default:
                _ = d.checkElement(pair.key, among: keys, place: "a policy document")
            }
        }
        if !sawStatement {
            d.error(
                "the policy document has no Statement", at: root,
                hint: #"add "Statement": [{"Effect": "Allow", ...}]"#)
        }
        return PolicyDocument(version: version, id: id, statements: statements)
    }

    /// `Statement`: one object or a non-empty list of them, with unique `Sid`s.
    static func decodeStatements(
        _ node: Node, kind: PolicyKind, _ d: inout NodeDecoder, _ actions: inout [LocatedText]
    ) -> [PolicyStatement] {
        let items: [(Node, String)]
        if node.mapping != nil {
            items = [(node, "/Statement")]
        } else if let list = node.sequence {
            items = list.enumerated().map { ($1, "/Statement/\($0)") }
            if list.isEmpty {
                d.error(
                    "the policy document's Statement list is empty", at: node,
                    hint: "a policy needs one statement at least")
            }
        } else {
            d.error("Statement must be an object or a list of objects, not \(node.typeName)", at: node)
            return []
        }
        var sids: Set<String> = []
        var out: [PolicyStatement] = []
        for (item, pointer) in items {
            guard let statement = PolicyStatement.decode(item, at: pointer, kind: kind, &d, &actions) else {
                continue
            }
            if let sid = statement.sid, !sid.isEmpty {
                if !sids.insert(sid).inserted {
                    d.error(
                        "Statement IDs (SID) in a single policy must be unique: '\(sid)' repeats",
                        at: item["Sid"] ?? item, hint: "rename one of the statements")
                }
            }
            out.append(statement)
        }
        return out
    }
}
