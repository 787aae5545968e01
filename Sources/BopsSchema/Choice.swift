import BopsDiagnostics
import BopsNode

/// `anyOf` and `oneOf`: on failure, report the branch the user meant instead of every branch.
///
/// The branch is chosen by, in order: a `const` discriminator key of the instance; the keys that
/// name the branches (their own required keys) present in the instance; the branch types that fit
/// the instance; the overlap of property names; and finally the branch with the fewest violations.
extension Validation {
    mutating func checkAnyOf(_ node: Node, _ alt: Alternatives) -> Bool {
        for branch in alt.branches where test(node, branch) { return true }
        guard collecting else { return false }
        reportNoMatch(node, alt, keyword: "anyOf")
        return false
    }

    mutating func checkOneOf(_ node: Node, _ alt: Alternatives) -> Bool {
        var matches = 0
        for branch in alt.branches where test(node, branch) {
            matches += 1
            if matches > 1 && !collecting { return false }
        }
        if matches == 1 { return true }
        guard collecting else { return false }
        if matches == 0 {
            reportNoMatch(node, alt, keyword: "oneOf")
        } else {
            let passing = alt.branches.indices.filter { test(node, alt.branches[$0]) }
            reportSeveral(node, alt, passing)
        }
        return false
    }

    private mutating func reportSeveral(_ node: Node, _ alt: Alternatives, _ passing: [Int]) {
        if let pairs = node.mapping {
            let keys = Set(pairs.compactMap(\.key.string))
            let found = passing.map { alt.labels[$0].filter(keys.contains) }
            if found.allSatisfy({ !$0.isEmpty }) {
                let all = alt.labels.indices.map(alt.label).joined(separator: ", ")
                let names = found.map { $0.joined(separator: " + ") }
                _ = fail(
                    node, "oneOf", "expected exactly one of \(all), found \(names.joinedAsAll)",
                    hint: "keep only one of \(names.joinedAsAll)")
                return
            }
        }
        let numbers = passing.map { String($0 + 1) }
        _ = fail(
            node, "oneOf", "the value fits alternatives \(numbers.joinedAsAll), but exactly one may fit",
            hint: "make the value fit only one alternative")
    }

    private mutating func reportNoMatch(_ node: Node, _ alt: Alternatives, keyword: String) {
        if let pairs = node.mapping {
            if let key = alt.discriminator, let member = pairs.first(where: { $0.key.string == key }) {
                if let b = alt.discriminatorValues.firstIndex(where: {
                    $0.map { jsonEqual($0, member.value) } ?? false
                }) {
                    report(node, branch: alt.branches[b], keyword: keyword)
                } else {
                    let values = alt.discriminatorValues.compactMap { $0 }
                    path.append(.key(key))
                    _ = fail(
                        member.value, keyword, Self.enumMessage(member.value),
                        hint: Self.enumHint(member.value, values))
                    path.removeLast()
                }
                return
            }
            if alt.labels.allSatisfy({ !$0.isEmpty }) {
                reportByLabels(node, pairs, alt, keyword: keyword)
                return
            }
        }
        var fitting = alt.branches.indices.filter { alt.types[$0]?.matches(node) ?? true }
        if fitting.isEmpty {
            let union = alt.types.reduce(TypeSet()) { $0.union($1 ?? []) }
            _ = fail(
                node, keyword, Self.typeMessage(union.names, node), hint: Self.typeHint(union.names, node))
            return
        }
        if fitting.count > 1, let pairs = node.mapping {
            let keys = Set(pairs.compactMap(\.key.string))
            let scores = fitting.map { alt.propertyNames[$0].intersection(keys).count }
            if let best = scores.max(), best > 0, scores.filter({ $0 == best }).count == 1,
                let i = scores.firstIndex(of: best)
            {
                fitting = [fitting[i]]
            }
        }
        report(node, branch: alt.branches[fewestViolations(node, alt, fitting)], keyword: keyword)
    }

    private mutating func reportByLabels(
        _ node: Node, _ pairs: [Node.Pair], _ alt: Alternatives, keyword: String
    ) {
        let keys = Set(pairs.compactMap(\.key.string))
        let scores = alt.labels.map { $0.filter(keys.contains).count }
        let best = scores.max() ?? 0
        let all = alt.labels.indices.map(alt.label)
        if best == 0 {
            let labelKeys = alt.labels.flatMap { $0 }
            let known = alt.propertyNames.reduce(Set<String>()) { $0.union($1) }
            let close = keys.filter { !known.contains($0) }.sorted().lazy
                .compactMap { Suggestion.closest(to: $0, among: labelKeys) }.first
            _ = fail(
                node, keyword, "expected one of: \(all.joined(separator: ", "))",
                hint: close.map { "did you mean '\($0)'?" }
                    ?? "add exactly one of \(all.joinedAsAlternatives)")
            return
        }
        let top = scores.indices.filter { scores[$0] == best }
        if top.count == 1 {
            report(node, branch: alt.branches[top[0]], keyword: keyword)
        } else if keyword == "oneOf" {
            let names = top.map { alt.labels[$0].filter(keys.contains).joined(separator: " + ") }
            _ = fail(
                node, keyword,
                "expected exactly one of \(all.joined(separator: ", ")), found \(names.joinedAsAll)",
                hint: "keep only one of \(names.joinedAsAll)")
        } else {
            report(node, branch: alt.branches[fewestViolations(node, alt, top)], keyword: keyword)
        }
    }

    /// The candidate branch index whose violations are fewest (the first on ties).
    private mutating func fewestViolations(_ node: Node, _ alt: Alternatives, _ candidates: [Int]) -> Int {
        guard candidates.count > 1 else { return candidates[0] }
        var best = candidates[0]
        var bestCount = Int.max
        for c in candidates {
            let before = violations.count
            _ = check(node, alt.branches[c])
            let count = violations.count - before
            violations.removeSubrange(before...)
            if count < bestCount {
                best = c
                bestCount = count
            }
        }
        return best
    }

    /// Records the violations of one branch; never records nothing.
    private mutating func report(_ node: Node, branch: Int, keyword: String) {
        let before = violations.count
        _ = check(node, branch)
        if violations.count == before {
            _ = fail(node, keyword, "the value does not fit any of the alternatives")
        }
    }
}

extension TypeSet {
    /// The type names in a fixed order, for messages.
    var names: [String] {
        let all: [(TypeSet, String)] = [
            (.object, "object"), (.array, "array"), (.string, "string"), (.integer, "integer"),
            (.number, "number"), (.boolean, "boolean"), (.null, "null"),
        ]
        return all.filter { contains($0.0) && !($0.0 == .integer && contains(.number)) }.map(\.1)
    }
}
