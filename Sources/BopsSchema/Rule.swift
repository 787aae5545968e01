import BopsNode

/// JSON types as a bit set, for the `type` keyword.
struct TypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let object = TypeSet(rawValue: 4)
    static let array = TypeSet(rawValue: 8)
    static let number = TypeSet(rawValue: 16)
    static let string = TypeSet(rawValue: 32)
    static let integer = TypeSet(rawValue: 64)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "object": self = .object
        case "array": self = .array
        case "number": self = .number
        case "string": self = .string
        case "integer": self = .integer
        default: return nil
        }
    }

    /// Whether `node` is of one of these types (`1.0` is an integer, every integer a number).
    func matches(_ node: Node) -> Bool {
        switch node.content {
        case .mapping: return contains(.object)
        case .sequence: return contains(.array)
        case .scalar(let s):
            switch s.value {
            case .null: return contains(.null)
            case .bool: return contains(.boolean)
            case .string: return contains(.string)
            case .int: return contains(.number) || contains(.integer)
            case .float(let d):
                return contains(.number) || (contains(.integer) && d.isFinite && d.rounded(.towardZero) == d)
            }
        }
    }
}

enum ItemsRule: Sendable {
    case all(Int)
    case tuple([Int])
}

enum Dependency: Sendable {
    case keys([String])
    case schema(Int)
}

struct PatternRule: Sendable {
    var pattern: Pattern
    var rule: Int
}

/// What `oneOf`/`anyOf` know about their branches, to report the branch the user meant.
struct Alternatives: Sendable {
    var branches: [Int]
    /// Per branch, the keys that name it: required keys not required by every branch, else its
    /// property names no other branch has.
    var labels: [[String]] = []
    /// Per branch, the declared property names (seen through `$ref`).
    var propertyNames: [Set<String>] = []
    /// Per branch, the declared types (seen through `$ref`); nil when unconstrained.
    var types: [TypeSet?] = []
    /// A key whose `const` value tells the branches apart, with each branch's value.
    var discriminator: String?
    var discriminatorValues: [Node?] = []

    init(branches: [Int]) { self.branches = branches }

    func label(_ b: Int) -> String {
        labels[b].isEmpty ? "alternative \(b + 1)" : labels[b].joined(separator: " + ")
    }
}

/// One compiled schema: the keywords that apply, with subschemas as indices into the rule table.
struct Keywords: Sendable {
    /// A boolean schema (`true` accepts everything, `false` nothing).
    var boolean: Bool?
    /// The target of `$ref`; when set, every sibling keyword is ignored (draft-07).
    var ref: Int?
    var types: TypeSet?
    var typeNames: [String] = []
    var enumValues: [Node]?
    var constValue: Node?
    var multipleOf: Number?
    var maximum: Number?
    var exclusiveMaximum: Number?
    var minimum: Number?
    var exclusiveMinimum: Number?
    var maxLength: Int?
    var minLength: Int?
    var pattern: Pattern?
    var format: Format?
    var items: ItemsRule?
    var additionalItems: Int?
    var maxItems: Int?
    var minItems: Int?
    var uniqueItems = false
    var contains: Int?
    var maxProperties: Int?
    var minProperties: Int?
    var required: [String] = []
    var properties: [String: Int] = [:]
    /// Property names in the order the schema declares them, for hints.
    var propertyOrder: [String] = []
    var patternProperties: [PatternRule] = []
    var additionalProperties: Int?
    var dependencies: [(String, Dependency)] = []
    var propertyNames: Int?
    var ifRule: Int?
    var thenRule: Int?
    var elseRule: Int?
    var allOf: [Int] = []
    var anyOf: Alternatives?
    var oneOf: Alternatives?
    var not: Int?
    /// The schema's `description`, used as a hint for pattern and format failures.
    var description: String?

    /// Whether the object keywords need to look at each key.
    var walksKeys: Bool {
        !properties.isEmpty || !patternProperties.isEmpty || additionalProperties != nil
            || propertyNames != nil
    }
}

/// An immutable compiled schema, shared by reference during validation.
final class Rule: Sendable {
    let k: Keywords

    init(_ k: Keywords) { self.k = k }
}
