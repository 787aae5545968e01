import BopsDiagnostics
import BopsNode
import BopsPrimitives

/// Typed reads from a node tree that never trap. A value of the wrong shape (possible only when
/// the schema and this decoder disagree) becomes a diagnostic at the value, and the read returns nil.
struct NodeDecoder {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    static func pointer(_ base: String, _ token: String) -> String {
        var escaped = ""
        for c in token {
            switch c {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(c)
            }
        }
        return base + "/" + escaped
    }

    mutating func mismatch(_ node: Node?, _ pointer: String, expected: String) {
        let summary =
            node.map { "expected \(expected) at \(pointer), found \($0.typeName)" }
            ?? "missing required value at \(pointer)"
        diagnostics.append(
            Diagnostic(
                .error, summary, range: node?.range(in: file),
                hint: "The schema accepted this value but bops cannot use it; report this as a bug in bops.",
                pointer: pointer))
    }

    func value(_ parent: Node?, _ key: String) -> Node? { parent?[key] }

    mutating func object(_ parent: Node?, _ key: String, _ base: String) -> Node? {
        guard let node = parent?[key] else { return nil }
        if node.mapping != nil { return node }
        mismatch(node, Self.pointer(base, key), expected: "an object")
        return nil
    }

    mutating func string(_ parent: Node?, _ key: String, _ base: String) -> String? {
        guard let node = parent?[key] else { return nil }
        if let s = node.string { return s }
        mismatch(node, Self.pointer(base, key), expected: "a string")
        return nil
    }

    mutating func required(_ parent: Node?, _ key: String, _ base: String) -> String? {
        guard parent?[key] != nil else {
            mismatch(nil, Self.pointer(base, key), expected: "a string")
            return nil
        }
        return string(parent, key, base)
    }

    mutating func bool(_ parent: Node?, _ key: String, _ base: String) -> Bool? {
        guard let node = parent?[key] else { return nil }
        if let b = node.bool { return b }
        mismatch(node, Self.pointer(base, key), expected: "a boolean")
        return nil
    }

    mutating func int(_ parent: Node?, _ key: String, _ base: String) -> Int? {
        guard let node = parent?[key] else { return nil }
        if let i = node.int { return i }
        mismatch(node, Self.pointer(base, key), expected: "an integer")
        return nil
    }

    mutating func timestamp(_ parent: Node?, _ key: String, _ base: String) -> Timestamp? {
        guard let node = parent?[key] else { return nil }
        if let s = node.string, let t = Timestamp(rfc3339: s) { return t }
        mismatch(node, Self.pointer(base, key), expected: "an RFC 3339 date-time")
        return nil
    }

    mutating func enumeration<E: RawRepresentable<String>>(
        _ type: E.Type, _ parent: Node?, _ key: String, _ base: String
    ) -> E? {
        guard let node = parent?[key] else { return nil }
        if let s = node.string, let e = E(rawValue: s) { return e }
        mismatch(node, Self.pointer(base, key), expected: "one of the allowed values")
        return nil
    }

    /// A value the spec spells with its own word (``SpecWord``); an unknown word is a diagnostic.
    mutating func word<E: SpecWord>(_ type: E.Type, _ parent: Node?, _ key: String, _ base: String) -> E? {
        guard let node = parent?[key] else { return nil }
        if let s = node.string, let e = E(specWord: s) { return e }
        mismatch(node, Self.pointer(base, key), expected: "one of the allowed values")
        return nil
    }

    mutating func enumerations<E: RawRepresentable<String>>(
        _ type: E.Type, _ parent: Node?, _ key: String, _ base: String
    ) -> [E] {
        strings(parent, key, base).enumerated().compactMap { i, s in
            if let e = E(rawValue: s) { return e }
            mismatch(
                parent?[key]?.sequence?[i], Self.pointer(Self.pointer(base, key), String(i)),
                expected: "one of the allowed values")
            return nil
        }
    }

    mutating func strings(_ parent: Node?, _ key: String, _ base: String) -> [String] {
        guard let node = parent?[key] else { return [] }
        guard let items = node.sequence else {
            mismatch(node, Self.pointer(base, key), expected: "an array")
            return []
        }
        let here = Self.pointer(base, key)
        return items.enumerated().compactMap { i, item in
            if let s = item.string { return s }
            mismatch(item, Self.pointer(here, String(i)), expected: "a string")
            return nil
        }
    }

    mutating func stringMap(_ parent: Node?, _ key: String, _ base: String) -> [String: String] {
        guard let node = parent?[key] else { return [:] }
        guard let pairs = node.mapping else {
            mismatch(node, Self.pointer(base, key), expected: "an object")
            return [:]
        }
        let here = Self.pointer(base, key)
        var out: [String: String] = [:]
        for pair in pairs {
            guard let k = pair.key.scalar?.text else {
                mismatch(pair.key, here, expected: "a string key")
                continue
            }
            guard let v = pair.value.string else {
                mismatch(pair.value, Self.pointer(here, k), expected: "a string")
                continue
            }
            out[k] = v
        }
        return out
    }
}
