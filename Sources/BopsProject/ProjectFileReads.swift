import BopsDiagnostics
import BopsNode

extension NodeDecoder.Wording {
    /// `bops.yaml`'s words, read before its schema is checked: "region must be a string, found
    /// integer".
    static let projectFile = NodeDecoder.Wording { m in
        let found = m.node?.typeName ?? "nothing"
        let range = m.node?.range(in: m.file)
        if m.expected == .object { return .error("\(m.key) must be a mapping, found \(found)", at: range) }
        return .error(
            "\(m.key) must be \(m.expected.description), found \(found)", at: range,
            hint: m.expected == .string ? "quote the value" : nil)
    }
}

/// The project file's reads over ``NodeDecoder``.
extension NodeDecoder {
    /// Whether `node` is a mapping; an error at it when not.
    mutating func isMapping(_ node: Node) -> Bool {
        if node.mapping != nil { return true }
        error("expected a mapping", at: node)
        return false
    }

    /// An error at every key of `node` not in `allowed`; `path` names the section (`""` at the top).
    mutating func checkKeys(of node: Node, _ allowed: [String], in path: String) {
        checkKeys(
            of: node, allowed: allowed,
            summary: { "unknown key '\($0)'\(path.isEmpty ? "" : " in \(path)")" },
            listing: "allowed keys: \(allowed.joined(separator: ", "))")
    }

    /// The string under `key` with its node, for an error about its value.
    mutating func located(_ parent: Node, _ key: String, _ base: String) -> (value: String, node: Node)? {
        guard let node = parent[key], let value = string(node, at: Self.pointer(base, key)) else {
            return nil
        }
        return (value, node)
    }
}
