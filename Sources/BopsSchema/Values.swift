import BopsNode

/// A JSON number as the instance or schema wrote it; compared mathematically (`1 == 1.0`).
enum Number: Sendable, Hashable {
    case int(Int)
    case double(Double)

    init?(_ node: Node) {
        guard case .scalar(let s) = node.content else { return nil }
        switch s.value {
        case .int(let i): self = .int(i)
        case .float(let d): self = .double(d)
        default: return nil
        }
    }

    var double: Double {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        }
    }

    /// -1, 0 or 1 as `self` is below, equal to or above `other`.
    func compare(_ other: Number) -> Int {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.int(let a), .double(let b)): return -Number.compare(b, a)
        case (.double(let a), .int(let b)): return Number.compare(a, b)
        case (.double(let a), .double(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    /// Exact comparison of a double with an integer (no rounding of the integer to a double).
    private static func compare(_ a: Double, _ b: Int) -> Int {
        if a.isNaN { return 1 }
        if a >= 9_223_372_036_854_775_808.0 { return 1 }
        if a < -9_223_372_036_854_775_808.0 { return -1 }
        let t = a.rounded(.down)
        let ti = Int(t)
        if ti != b { return ti < b ? -1 : 1 }
        return a == t ? 0 : 1
    }

    /// Whether the value is mathematically an integer (`1.0` is).
    var isIntegral: Bool {
        switch self {
        case .int: true
        case .double(let d): d.isFinite && d.rounded(.towardZero) == d
        }
    }

    func isMultiple(of divisor: Number) -> Bool {
        if case .int(let a) = self, case .int(let b) = divisor, b != 0 {
            return a % b == 0
        }
        let q = double / divisor.double
        guard q.isFinite else {
            // The quotient overflows: fall back to the exact floating-point remainder.
            let r = double.truncatingRemainder(dividingBy: divisor.double)
            return r.isFinite && r == 0
        }
        let r = q.rounded()
        return abs(q - r) <= 1e-9 * max(1, abs(q))
    }

    var text: String {
        switch self {
        case .int(let i): String(i)
        case .double(let d):
            d.isFinite && d.rounded(.towardZero) == d && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
        }
    }
}

/// JSON equality: numbers by value, strings by code points, objects regardless of key order.
func jsonEqual(_ a: Node, _ b: Node) -> Bool {
    switch (a.content, b.content) {
    case (.scalar(let x), .scalar(let y)):
        switch (x.value, y.value) {
        case (.null, .null): return true
        case (.bool(let p), .bool(let q)): return p == q
        case (.string(let p), .string(let q)): return p.utf8.elementsEqual(q.utf8)
        default:
            guard let p = Number(a), let q = Number(b) else { return false }
            return p.compare(q) == 0
        }
    case (.sequence(let x), .sequence(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { jsonEqual($0, $1) }
    case (.mapping(let x), .mapping(let y)):
        guard x.count == y.count else { return false }
        for p in x {
            guard let k = p.key.string,
                let other = y.first(where: { $0.key.string.map { $0.utf8.elementsEqual(k.utf8) } ?? false })
            else { return false }
            if !jsonEqual(p.value, other.value) { return false }
        }
        return true
    default:
        return false
    }
}

/// A short JSON rendering of a value for messages: strings in single quotes, long values cut.
func renderValue(_ node: Node, limit: Int = 60) -> String {
    let text: String
    switch node.content {
    case .scalar(let s):
        switch s.value {
        case .null: text = "null"
        case .bool(let b): text = b ? "true" : "false"
        case .int(let i): text = String(i)
        case .float: text = Number(node)?.text ?? s.text
        case .string(let v): text = "'\(v)'"
        }
    case .sequence(let items):
        text = "[" + items.map { renderValue($0, limit: limit) }.joined(separator: ", ") + "]"
    case .mapping(let pairs):
        text =
            "{"
            + pairs.map { "\($0.key.string ?? "?"): \(renderValue($0.value, limit: limit))" }
            .joined(separator: ", ") + "}"
    }
    if text.count > limit { return String(text.prefix(limit - 3)) + "..." }
    return text
}

/// A value as listed in a hint: strings bare (`STANDARD`), everything else as in `renderValue`.
func listValue(_ node: Node) -> String {
    if let s = node.string { return s }
    return renderValue(node)
}

/// The word for a JSON type in messages, and a phrase for YAML authors in hints.
enum TypeWords {
    static func yamlPhrase(_ type: String) -> String? {
        switch type {
        case "object": "a mapping of keys to values (key: value)"
        case "array": "a list (lines starting with '- ')"
        case "string": "text; quote it if it looks like a number, date or boolean"
        case "integer": "a whole number"
        case "number": "a number"
        case "boolean": "true or false"
        case "null": "null (or nothing)"
        default: nil
        }
    }
}
