extension NodeDecoder {
    /// `node` when it is a mapping; else a mismatch at `pointer`.
    public mutating func object(_ node: Node, at pointer: String) -> Node? {
        read(node, at: pointer, expected: .object) { $0.mapping != nil ? $0 : nil }
    }

    /// `node`'s string; else a mismatch at `pointer`.
    public mutating func string(_ node: Node, at pointer: String) -> String? {
        read(node, at: pointer, expected: .string, \.string)
    }

    /// The mapping under `key` (nil when absent).
    public mutating func object(_ parent: Node?, _ key: String, _ base: String) -> Node? {
        read(parent, key, base, expected: .object) { $0.mapping != nil ? $0 : nil }
    }

    public mutating func string(_ parent: Node?, _ key: String, _ base: String) -> String? {
        read(parent, key, base, expected: .string, \.string)
    }

    /// The string under `key`; a missing one is a mismatch too.
    public mutating func required(_ parent: Node?, _ key: String, _ base: String) -> String? {
        guard parent?[key] != nil else {
            mismatch(nil, Self.pointer(base, key), expected: .string)
            return nil
        }
        return string(parent, key, base)
    }

    public mutating func bool(_ parent: Node?, _ key: String, _ base: String) -> Bool? {
        read(parent, key, base, expected: .boolean, \.bool)
    }

    public mutating func int(_ parent: Node?, _ key: String, _ base: String) -> Int? {
        read(parent, key, base, expected: .integer, \.int)
    }

    /// A string value that must be one of `E`'s raw values.
    public mutating func enumeration<E: RawRepresentable<String>>(
        _ type: E.Type, _ parent: Node?, _ key: String, _ base: String
    ) -> E? {
        read(parent, key, base, expected: .allowedValue) { $0.string.flatMap(E.init(rawValue:)) }
    }

    /// A list of strings, each one of `E`'s raw values; refused items are left out.
    public mutating func enumerations<E: RawRepresentable<String>>(
        _ type: E.Type, _ parent: Node?, _ key: String, _ base: String
    ) -> [E] {
        strings(parent, key, base).enumerated().compactMap { i, s in
            if let e = E(rawValue: s) { return e }
            mismatch(
                parent?[key]?.sequence?[i], Self.pointer(Self.pointer(base, key), String(i)),
                expected: .allowedValue)
            return nil
        }
    }

    /// A list of strings; refused items are left out.
    public mutating func strings(_ parent: Node?, _ key: String, _ base: String) -> [String] {
        guard let items = read(parent, key, base, expected: .array, \.sequence) else { return [] }
        let here = Self.pointer(base, key)
        return items.enumerated().compactMap { i, item in
            string(item, at: Self.pointer(here, String(i)))
        }
    }

    /// A mapping of strings to strings; refused entries are left out.
    public mutating func stringMap(_ parent: Node?, _ key: String, _ base: String) -> [String: String] {
        guard let pairs = read(parent, key, base, expected: .object, \.mapping) else { return [:] }
        let here = Self.pointer(base, key)
        var out: [String: String] = [:]
        for pair in pairs {
            guard let k = pair.key.scalar?.text else {
                mismatch(pair.key, here, expected: .stringKey)
                continue
            }
            guard let v = string(pair.value, at: Self.pointer(here, k)) else { continue }
            out[k] = v
        }
        return out
    }
}
