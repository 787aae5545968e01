import BopsDiagnostics
import BopsNode

/// The keywords that apply to one JSON type: strings, numbers, arrays and objects.
extension Validation {
    mutating func checkString(_ node: Node, _ text: String, _ rule: Rule) -> Bool {
        var ok = true
        if rule.k.maxLength != nil || rule.k.minLength != nil {
            let length = text.unicodeScalars.count
            if let max = rule.k.maxLength, length > max {
                ok = false
                guard
                    fail(node, "maxLength", "text is too long: \(length) characters, at most \(max) allowed")
                else { return false }
            }
            if let min = rule.k.minLength, length < min {
                ok = false
                guard
                    fail(
                        node, "minLength",
                        length == 0
                            ? "text is empty, at least \(min) character\(min == 1 ? "" : "s") required"
                            : "text is too short: \(length) characters, at least \(min) required")
                else { return false }
            }
        }
        if let p = rule.k.pattern, !p.matches(text) {
            ok = false
            guard
                fail(
                    node, "pattern", "\(renderValue(node)) does not match the pattern \(p.source)",
                    hint: rule.k.description)
            else { return false }
        }
        if let f = rule.k.format, !f.accepts(text) {
            ok = false
            guard
                fail(
                    node, "format", "\(renderValue(node)) is not a valid \(f.rawValue)",
                    hint: "write \(f.example)")
            else { return false }
        }
        return ok
    }

    mutating func checkNumber(_ node: Node, _ rule: Rule) -> Bool {
        guard let n = Number(node) else { return true }
        var ok = true
        if let m = rule.k.multipleOf, !n.isMultiple(of: m) {
            ok = false
            guard fail(node, "multipleOf", "\(n.text) is not a multiple of \(m.text)") else { return false }
        }
        if let limit = rule.k.maximum, n.compare(limit) > 0 {
            ok = false
            guard fail(node, "maximum", "\(n.text) is greater than the maximum \(limit.text)") else {
                return false
            }
        }
        if let limit = rule.k.exclusiveMaximum, n.compare(limit) >= 0 {
            ok = false
            guard fail(node, "exclusiveMaximum", "\(n.text) is not less than \(limit.text)") else {
                return false
            }
        }
        if let limit = rule.k.minimum, n.compare(limit) < 0 {
            ok = false
            guard fail(node, "minimum", "\(n.text) is less than the minimum \(limit.text)") else {
                return false
            }
        }
        if let limit = rule.k.exclusiveMinimum, n.compare(limit) <= 0 {
            ok = false
            guard fail(node, "exclusiveMinimum", "\(n.text) is not greater than \(limit.text)") else {
                return false
            }
        }
        return ok
    }

    mutating func checkArray(_ node: Node, _ items: [Node], _ rule: Rule) -> Bool {
        var ok = true
        if let max = rule.k.maxItems, items.count > max {
            ok = false
            guard fail(node, "maxItems", "the list has \(items.count) items, at most \(max) allowed") else {
                return false
            }
        }
        if let min = rule.k.minItems, items.count < min {
            ok = false
            guard fail(node, "minItems", "the list has \(items.count) items, at least \(min) required") else {
                return false
            }
        }
        switch rule.k.items {
        case .all(let r)?:
            for (i, item) in items.enumerated() {
                path.append(.index(i))
                let good = check(item, r)
                path.removeLast()
                if !good {
                    ok = false
                    guard collecting else { return false }
                }
            }
        case .tuple(let rules)?:
            for (i, item) in items.enumerated() {
                let r: Int
                if i < rules.count {
                    r = rules[i]
                } else if let extra = rule.k.additionalItems {
                    r = extra
                } else {
                    break
                }
                path.append(.index(i))
                let good: Bool
                if i >= rules.count, self.rules[r].k.boolean == false {
                    _ = fail(item, "additionalItems", "the list allows at most \(rules.count) items")
                    good = false
                } else {
                    good = check(item, r)
                }
                path.removeLast()
                if !good {
                    ok = false
                    guard collecting else { return false }
                }
            }
        case nil: break
        }
        if rule.k.uniqueItems, items.count > 1 {
            outer: for j in 1..<items.count {
                for i in 0..<j where jsonEqual(items[i], items[j]) {
                    ok = false
                    path.append(.index(j))
                    let go = fail(
                        items[j], "uniqueItems", "item \(j) repeats item \(i)", hint: "remove the duplicate")
                    path.removeLast()
                    guard go else { return false }
                    continue outer
                }
            }
        }
        if let c = rule.k.contains {
            var found = false
            for item in items where test(item, c) {
                found = true
                break
            }
            if !found {
                ok = false
                guard fail(node, "contains", "no item of the list matches what the schema requires") else {
                    return false
                }
            }
        }
        return ok
    }

    mutating func checkObject(_ node: Node, _ pairs: [Node.Pair], _ rule: Rule) -> Bool {
        var ok = true
        if let max = rule.k.maxProperties, pairs.count > max {
            ok = false
            guard fail(node, "maxProperties", "the mapping has \(pairs.count) keys, at most \(max) allowed")
            else {
                return false
            }
        }
        if let min = rule.k.minProperties, pairs.count < min {
            ok = false
            guard fail(node, "minProperties", "the mapping has \(pairs.count) keys, at least \(min) required")
            else {
                return false
            }
        }
        for name in rule.k.required where !pairs.contains(where: { $0.key.string == name }) {
            ok = false
            guard
                fail(
                    node, "required", "missing required key '\(name)'",
                    hint: Self.missingHint(name, pairs, rule.k)
                )
            else {
                return false
            }
        }
        if rule.k.walksKeys {
            for pair in pairs {
                let key = pair.key.string ?? pair.key.scalar?.text ?? ""
                path.append(.key(key))
                let good = checkMember(pair, key, rule)
                path.removeLast()
                if !good {
                    ok = false
                    guard collecting else { return false }
                }
            }
        }
        for (name, dependency) in rule.k.dependencies where pairs.contains(where: { $0.key.string == name }) {
            switch dependency {
            case .keys(let needed):
                for other in needed where !pairs.contains(where: { $0.key.string == other }) {
                    ok = false
                    guard
                        fail(
                            node, "dependencies", "missing key '\(other)', required when '\(name)' is present"
                        )
                    else { return false }
                }
            case .schema(let r):
                if !check(node, r) {
                    ok = false
                    guard collecting else { return false }
                }
            }
        }
        return ok
    }

    /// `properties`, `patternProperties`, `additionalProperties` and `propertyNames` for one member.
    mutating func checkMember(_ pair: Node.Pair, _ key: String, _ rule: Rule) -> Bool {
        var ok = true
        if let r = rule.k.propertyNames, !check(pair.key, r) {
            ok = false
            guard collecting else { return false }
        }
        var matched = false
        if let r = rule.k.properties[key] {
            matched = true
            if !check(pair.value, r) {
                ok = false
                guard collecting else { return false }
            }
        }
        for p in rule.k.patternProperties where p.pattern.matches(key) {
            matched = true
            if !check(pair.value, p.rule) {
                ok = false
                guard collecting else { return false }
            }
        }
        if !matched, let r = rule.k.additionalProperties {
            if rules[r].k.boolean == false {
                _ = fail(
                    pair.key, "additionalProperties", "unknown key '\(key)'",
                    hint: Self.unknownKeyHint(key, rule.k))
                return false
            }
            if !check(pair.value, r) { return false }
        }
        return ok
    }

    static func unknownKeyHint(_ key: String, _ k: Keywords) -> String {
        if let close = Suggestion.closest(to: key, among: k.propertyOrder) {
            return "did you mean '\(close)'?"
        }
        var parts: [String] = []
        if !k.propertyOrder.isEmpty {
            parts.append("allowed keys: " + k.propertyOrder.joined(separator: ", "))
        }
        let patterns = k.patternProperties.map(\.pattern.source)
        if !patterns.isEmpty {
            parts.append("keys matching " + patterns.joinedAsAlternatives)
        }
        return parts.isEmpty ? "no keys are allowed here" : parts.joined(separator: "; ")
    }

    /// For a missing key, points at a present key that looks like a misspelling of it.
    static func missingHint(_ name: String, _ pairs: [Node.Pair], _ k: Keywords) -> String? {
        let strays = pairs.compactMap(\.key.string).filter { k.properties[$0] == nil }
        guard let close = Suggestion.closest(to: name, among: strays) else { return nil }
        return "found '\(close)'; did you mean '\(name)'?"
    }
}
