import BopsDiagnostics
import BopsNode

extension PolicyCondition {
    /// `Condition`: an object of operators, each an object of condition keys.
    static func decode(_ node: Node, _ d: inout NodeDecoder) -> [PolicyCondition] {
        guard let blocks = node.mapping else {
            d.error(
                "Condition must be an object of operators, not \(node.typeName)", at: node,
                hint: #"{"StringEquals": {"aws:SourceAccount": "111122223333"}}"#)
            return []
        }
        var out: [PolicyCondition] = []
        for block in blocks {
            let name = block.key.string ?? ""
            guard let op = ConditionOperator(parsing: name) else {
                let bare = name.split(separator: ":").last.map(String.init) ?? name
                let near = Suggestion.closest(to: bare, among: ConditionOperator.names)
                d.error(
                    "Invalid Condition type : \(name)", at: block.key,
                    hint: near.map { "did you mean '\($0)'?" }
                        ?? "operators are StringEquals, StringLike, ArnLike, Bool, ...")
                continue
            }
            guard let keys = block.value.mapping else {
                d.error(
                    "\(name) must be an object of condition keys, not \(block.value.typeName)",
                    at: block.value)
                continue
            }
            for entry in keys {
                guard let key = entry.key.string, !key.isEmpty else { continue }
                var values: [String] = []
                let items = entry.value.sequence ?? [entry.value]
                for item in items {
                    guard let scalar = item.scalar, scalar.value != .null else {
                        d.error(
                            "a condition value is a string, number or boolean, not \(item.typeName)", at: item
                        )
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
