extension Node {
    /// The node at a JSON pointer (RFC 6901) such as `/spec/manifest/csv` or `/spec/tags/0`; `""` is
    /// this node. Mapping steps match keys by their scalar text; sequence steps are decimal indices.
    /// Returns `nil` when a step does not exist. Used to map an instance pointer back to a mark.
    public func lookup(pointer: String) -> Node? {
        let found = walk(pointer)
        return found.complete ? found.node : nil
    }

    /// The deepest node on the way to `pointer` (this node when even the first step is missing),
    /// so that an error about a missing key can point at the mapping that lacks it.
    public func nearest(pointer: String) -> Node {
        walk(pointer).node
    }

    /// `~` becomes `~0` and `/` becomes `~1`, as RFC 6901 requires inside one reference token.
    public static func escapePointerToken(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return token
        }
        var out = ""
        for c in token {
            switch c {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(c)
            }
        }
        return out
    }

    /// The node at a JSON pointer and the key node of its last step (nil for the root and for list
    /// items), so that "this key is not allowed here" can point at the key; nil when a step is missing.
    public func locate(pointer: String) -> (key: Node?, value: Node)? {
        let found = walk(pointer)
        return found.complete ? (found.key, found.node) : nil
    }

    private func walk(_ pointer: String) -> (node: Node, key: Node?, complete: Bool) {
        guard !pointer.isEmpty else { return (self, nil, true) }
        guard pointer.hasPrefix("/") else { return (self, nil, false) }
        var node = self
        var key: Node?
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = Self.unescapePointerToken(raw)
            switch node.content {
            case .mapping(let pairs):
                guard let pair = pairs.first(where: { $0.key.scalar?.text == token }) else {
                    return (node, key, false)
                }
                key = pair.key
                node = pair.value
            case .sequence(let items):
                guard let i = Int(token), i >= 0, i < items.count, token == String(i) else {
                    return (node, key, false)
                }
                key = nil
                node = items[i]
            case .scalar:
                return (node, key, false)
            }
        }
        return (node, key, true)
    }

    static func unescapePointerToken(_ token: Substring) -> String {
        guard token.contains("~") else { return String(token) }
        var out = ""
        var tilde = false
        for c in token {
            if tilde {
                out.append(c == "1" ? "/" : c == "0" ? "~" : c)
                tilde = false
            } else if c == "~" {
                tilde = true
            } else {
                out.append(c)
            }
        }
        if tilde { out.append("~") }
        return out
    }
}
