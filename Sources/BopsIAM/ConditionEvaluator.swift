import Foundation

/// Whether one condition holds for a request context, by IAM's rules:
/// - the condition's values are alternatives: one matching value is enough (for a negated operator
///   such as `StringNotEquals`, no value may match);
/// - a key absent from the request fails the condition, except for a negated operator and for
///   `...IfExists`, which then hold; `Null: true` holds exactly when the key is absent;
/// - `ForAnyValue:` holds when some request value matches, `ForAllValues:` when every one does
///   (also when the key is absent);
/// - policy variables in the values (`${aws:username}`) take the request's value first;
/// - keys compare ignoring case; `StringEquals`/`StringLike` values compare with case.
enum ConditionEvaluator {
    static func holds(_ condition: PolicyCondition, context: [String: [String]]) -> Bool {
        let op = condition.condition
        var condition = condition
        condition.values = condition.values.map { PolicyEvaluator.substitute($0, context) }
        let present = context[condition.key.lowercased()]
        if op.base == .null {
            let wantAbsent = condition.values.contains { $0.lowercased() == "true" }
            let wantPresent = condition.values.contains { $0.lowercased() == "false" }
            return present == nil ? wantAbsent : wantPresent
        }
        guard let values = present, !values.isEmpty else {
            if op.qualifier == .forAllValues { return true }
            if op.qualifier == .forAnyValue { return false }
            return op.ifExists || op.base.isNegated
        }
        switch op.qualifier {
        case .forAllValues?: return values.allSatisfy { single(op.base, $0, condition.values) }
        case .forAnyValue?: return values.contains { single(op.base, $0, condition.values) }
        case nil: return values.contains { single(op.base, $0, condition.values) }
        }
    }

    /// One request value against the condition's values.
    static func single(_ base: ConditionOperator.Base, _ value: String, _ wanted: [String]) -> Bool {
        switch base {
        case .stringEquals: return wanted.contains(value)
        case .stringNotEquals: return !wanted.contains(value)
        case .stringEqualsIgnoreCase: return wanted.contains { $0.lowercased() == value.lowercased() }
        case .stringNotEqualsIgnoreCase: return !wanted.contains { $0.lowercased() == value.lowercased() }
        case .stringLike: return wanted.contains { Wildcard.matches($0, value) }
        case .stringNotLike: return !wanted.contains { Wildcard.matches($0, value) }
        case .arnEquals, .arnLike: return wanted.contains { Wildcard.arnMatches($0, value) }
        case .arnNotEquals, .arnNotLike: return !wanted.contains { Wildcard.arnMatches($0, value) }
        case .bool: return wanted.contains { $0.lowercased() == value.lowercased() }
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            guard let v = Double(value) else { return false }
            let numbers = wanted.compactMap(Double.init)
            return compare(base, v, numbers)
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
            .dateGreaterThanEquals:
            guard let v = date(value) else { return false }
            return compare(base, v, wanted.compactMap(date))
        case .null, .ipAddress, .notIpAddress, .binaryEquals: return false
        }
    }

    static func compare(_ base: ConditionOperator.Base, _ v: Double, _ wanted: [Double]) -> Bool {
        switch base {
        case .numericEquals, .dateEquals: wanted.contains(v)
        case .numericNotEquals, .dateNotEquals: !wanted.contains(v)
        case .numericLessThan, .dateLessThan: wanted.contains { v < $0 }
        case .numericLessThanEquals, .dateLessThanEquals: wanted.contains { v <= $0 }
        case .numericGreaterThan, .dateGreaterThan: wanted.contains { v > $0 }
        default: wanted.contains { v >= $0 }
        }
    }

    /// A date as seconds since 1970: ISO 8601 (with or without fractions) or epoch seconds.
    static func date(_ text: String) -> Double? {
        if let seconds = Double(text) { return seconds }
        let f = ISO8601DateFormatter()
        if let d = f.date(from: text) { return d.timeIntervalSince1970 }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d.timeIntervalSince1970 }
        f.formatOptions = [.withFullDate]
        return f.date(from: text)?.timeIntervalSince1970
    }
}
