import BopsDiagnostics
import BopsNode

/// One validation run. In collecting mode every failure is recorded with its message; otherwise the
/// run stops at the first failure and builds nothing. Pointers are built only when recording.
struct Validation {
    enum Step {
        case key(String)
        case index(Int)
    }

    static let maxDepth = 1000

    let rules: [Rule]
    var collecting: Bool
    var violations: [SchemaViolation] = []
    var path: [Step] = []
    var depth = 0

    init(rules: [Rule], collecting: Bool) {
        self.rules = rules
        self.collecting = collecting
    }

    var pointer: String {
        var s = ""
        for step in path {
            switch step {
            case .key(let k): s += "/" + JSONPointer.escape(k)
            case .index(let i): s += "/" + String(i)
            }
        }
        return s
    }

    /// Records a violation when collecting; returns whether validation should go on.
    mutating func fail(
        _ node: Node, _ keyword: String, _ message: @autoclosure () -> String,
        hint: @autoclosure () -> String? = nil
    ) -> Bool {
        guard collecting else { return false }
        violations.append(
            SchemaViolation(
                pointer: pointer, keyword: keyword, message: message(), hint: hint(), start: node.start,
                end: node.end))
        return true
    }

    /// Validates without recording: the answer only.
    mutating func test(_ node: Node, _ r: Int) -> Bool {
        let saved = collecting
        collecting = false
        defer { collecting = saved }
        return check(node, r)
    }

    mutating func check(_ node: Node, _ r: Int) -> Bool {
        let rule = rules[r]
        if let b = rule.k.boolean {
            if b { return true }
            _ = fail(node, "false", "no value is allowed here", hint: "remove it")
            return false
        }
        if let target = rule.k.ref {
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth {
                _ = fail(node, "$ref", "the schema recurses deeper than \(Self.maxDepth) levels here")
                return false
            }
            return check(node, target)
        }
        var ok = true
        if let types = rule.k.types, !types.matches(node) {
            ok = false
            guard
                fail(
                    node, "type", Self.typeMessage(rule.k.typeNames, node),
                    hint: Self.typeHint(rule.k.typeNames, node))
            else {
                return false
            }
        }
        if let values = rule.k.enumValues, !values.contains(where: { jsonEqual(node, $0) }) {
            ok = false
            guard fail(node, "enum", Self.enumMessage(node), hint: Self.enumHint(node, values)) else {
                return false
            }
        }
        if let c = rule.k.constValue, !jsonEqual(node, c) {
            ok = false
            guard fail(node, "const", "expected \(renderValue(c)), found \(renderValue(node))") else {
                return false
            }
        }
        switch node.content {
        case .scalar(let s):
            switch s.value {
            case .string(let text):
                if !checkString(node, text, rule) { ok = false; guard collecting else { return false } }
            case .int, .float:
                if !checkNumber(node, rule) { ok = false; guard collecting else { return false } }
            default: break
            }
        case .sequence(let items):
            if !checkArray(node, items, rule) { ok = false; guard collecting else { return false } }
        case .mapping(let pairs):
            if !checkObject(node, pairs, rule) { ok = false; guard collecting else { return false } }
        }
        if !checkCombinators(node, rule) { ok = false }
        return ok
    }

    mutating func checkCombinators(_ node: Node, _ rule: Rule) -> Bool {
        var ok = true
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            _ = fail(node, "allOf", "the schema recurses deeper than \(Self.maxDepth) levels here")
            return false
        }
        for branch in rule.k.allOf where !check(node, branch) {
            ok = false
            guard collecting else { return false }
        }
        if let alt = rule.k.anyOf, !checkAnyOf(node, alt) {
            ok = false
            guard collecting else { return false }
        }
        if let alt = rule.k.oneOf, !checkOneOf(node, alt) {
            ok = false
            guard collecting else { return false }
        }
        if let n = rule.k.not, test(node, n) {
            ok = false
            guard fail(node, "not", "this value is not allowed here") else { return false }
        }
        if let i = rule.k.ifRule {
            let branch = test(node, i) ? rule.k.thenRule : rule.k.elseRule
            if let branch, !check(node, branch) {
                ok = false
                guard collecting else { return false }
            }
        }
        return ok
    }

    static func typeMessage(_ names: [String], _ node: Node) -> String {
        "expected \(names.joinedAsAlternatives), found \(node.typeName)"
    }

    static func typeHint(_ names: [String], _ node: Node) -> String? {
        guard names.count == 1 else { return nil }
        switch names[0] {
        case "object": return "write a mapping here (key: value lines)"
        case "array": return "write a list here (lines starting with '- ')"
        case "string":
            if case .scalar = node.content { return "put the value in quotes to make it a string" }
            return "write a single text value here"
        case "integer": return "write a whole number"
        case "number": return "write a number"
        case "boolean": return "write true or false"
        default: return nil
        }
    }

    static func enumMessage(_ node: Node) -> String {
        "\(renderValue(node)) is not one of the allowed values"
    }

    static func enumHint(_ node: Node, _ values: [Node]) -> String {
        let names = values.map(listValue)
        let shown =
            names.count > 20
            ? names.prefix(20).joined(separator: ", ") + ", ..." : names.joined(separator: ", ")
        var hint = "allowed values: \(shown)"
        if let s = node.string ?? node.scalar?.text,
            let close = Suggestion.closest(to: s, among: values.compactMap(\.string))
        {
            hint = "did you mean '\(close)'? " + hint
        }
        return hint
    }
}

extension Array where Element == String {
    /// `a`, `a or b`, `a, b or c`.
    var joinedAsAlternatives: String {
        switch count {
        case 0: return ""
        case 1: return self[0]
        default: return dropLast().joined(separator: ", ") + " or " + self[count - 1]
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    var joinedAsAll: String {
        switch count {
        case 0: return ""
        case 1: return self[0]
        default: return dropLast().joined(separator: ", ") + " and " + self[count - 1]
        }
    }
}
