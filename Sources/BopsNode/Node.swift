public import BopsDiagnostics

/// A YAML node with its source span. Marks are 1-based; `end` is the mark just past the node.
///
/// Scalars are resolved once, when parsed, by the YAML 1.2 core schema: `true`/`false`, integers,
/// floats, `null`/`~`/empty; `yes`, `no`, `on`, `off` stay strings; a quoted or block scalar is always
/// a string; an explicit `!!str` tag forces a string.
public struct Node: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public struct Pair: Hashable, Sendable {
        public var key: Node
        public var value: Node

        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    public var start: Mark
    public var end: Mark
    /// The explicit tag written in the source (`!!str`, `tag:yaml.org,2002:int`), if any.
    public var tag: String?

    public init(_ content: Content, start: Mark, end: Mark, tag: String? = nil) {
        self.content = content
        self.start = start
        self.end = end
        self.tag = tag
    }
}

public enum ScalarStyle: String, Hashable, Sendable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// The resolved value of a scalar. Integers that overflow `Int` resolve to `.float`.
public enum ScalarValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}

public struct Scalar: Hashable, Sendable {
    /// The scalar's text after YAML unescaping and folding, before resolution.
    public var text: String
    public var style: ScalarStyle
    public var value: ScalarValue

    public init(text: String, style: ScalarStyle, value: ScalarValue) {
        self.text = text
        self.style = style
        self.value = value
    }
}

extension Node {
    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var string: String? {
        if case .scalar(let s) = content, case .string(let v) = s.value { return v }
        return nil
    }

    public var int: Int? {
        if case .scalar(let s) = content, case .int(let v) = s.value { return v }
        return nil
    }

    public var bool: Bool? {
        if case .scalar(let s) = content, case .bool(let v) = s.value { return v }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value under a string key of a mapping; `nil` for other nodes or a missing key.
    public subscript(key: String) -> Node? {
        mapping?.first { $0.key.string == key }?.value
    }

    /// The source range of this node in `file`.
    public func range(in file: String) -> SourceRange {
        SourceRange(file: file, start: start, end: end)
    }

    /// A name for the node's JSON type, as JSON Schema and error messages say it.
    public var typeName: String {
        switch content {
        case .sequence: return "array"
        case .mapping: return "object"
        case .scalar(let s):
            switch s.value {
            case .null: return "null"
            case .bool: return "boolean"
            case .int: return "integer"
            case .float: return "number"
            case .string: return "string"
            }
        }
    }
}

/// A parsed YAML document of a file (a file holds one or more, separated by `---`).
public struct Document: Hashable, Sendable {
    public var file: String
    /// 0-based index of the document inside its file.
    public var index: Int
    public var root: Node

    public init(file: String, index: Int, root: Node) {
        self.file = file
        self.index = index
        self.root = root
    }
}
