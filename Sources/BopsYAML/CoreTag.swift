import BopsNode

/// Tags of the YAML core schema, as libyaml reports them (fully expanded).
enum CoreTag {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str"
    static let null = prefix + "null"
    static let bool = prefix + "bool"
    static let int = prefix + "int"
    static let float = prefix + "float"
    static let seq = prefix + "seq"
    static let map = prefix + "map"
    static let merge = prefix + "merge"
    /// Tags this reader understands; others are read as strings with a warning.
    static let known: Set<String> = [str, null, bool, int, float, seq, map, merge, "!"]
    /// The non-specific tag `!`: the node keeps its kind and a scalar is a string.
    static let nonSpecific = "!"

    /// `!!int` for `tag:yaml.org,2002:int`; other tags unchanged. For messages.
    static func display(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// Resolves a scalar carrying an explicit tag. Returns the value and, when the text does not
    /// fit the tag, a complaint (the value then falls back to the text as a string).
    static func resolve(
        tag: String, bytes: UnsafeBufferPointer<UInt8>, text: String
    ) -> (value: ScalarValue, problem: String?) {
        switch tag {
        case str, nonSpecific:
            return (.string(text), nil)
        case null:
            if ScalarResolver.isNull(bytes) { return (.null, nil) }
        case bool:
            if let b = ScalarResolver.bool(bytes) { return (.bool(b), nil) }
        case int:
            if let i = ScalarResolver.integer(bytes, text: text) { return (i, nil) }
        case float:
            if let d = ScalarResolver.float(bytes, text: text) { return (.float(d), nil) }
            switch ScalarResolver.integer(bytes, text: text) {
            case .int(let i)?: return (.float(Double(i)), nil)
            case .float(let d)?: return (.float(d), nil)
            default: break
            }
        default:
            return (.string(text), nil)
        }
        return (.string(text), "\(display(tag)) value \"\(text)\" is not \(article(tag)) \(noun(tag))")
    }

    private static func noun(_ tag: String) -> String {
        switch tag {
        case int: return "integer"
        case float: return "number"
        case bool: return "boolean (true or false)"
        default: return "null"
        }
    }

    private static func article(_ tag: String) -> String { tag == int ? "an" : "a" }
}
