import BopsPrimitives
import FoundationEssentials

/// Whether one condition holds for a request context, by IAM's rules ("IAM JSON policy elements:
/// Condition operators" and "Single-valued vs. multivalued context keys"):
/// - the condition's values are alternatives: one matching value is enough;
/// - without a set qualifier, a positive operator holds when some request value matches some policy
///   value, and a negated one (`StringNotEquals`, `ArnNotLike`, `NumericNotEquals`, ...) is its
///   negation: it holds when no request value matches any policy value;
/// - a key absent from the request (or with no values) fails a positive operator and satisfies a
///   negated one and every `...IfExists`;
/// - `ForAnyValue:` holds when some request value satisfies the operator (never for an absent key),
///   `ForAllValues:` when every one does (always for an absent key); with a negated operator "satisfies"
///   means "matches no policy value";
/// - `Null: true` holds when the key is absent, `Null: false` when it is present; under a set qualifier
///   `Null` tests each request value, so `ForAllValues:Null` holds for an absent key and
///   `ForAnyValue:Null` does not;
/// - `IpAddress` takes ranges in CIDR notation (IPv4 and IPv6), `BinaryEquals` compares the base64
///   text;
/// - policy variables in the values (`${aws:username}`) take the request's value first;
/// - keys compare ignoring case; `StringEquals`/`StringLike` values compare with case.
enum ConditionEvaluator {
    static func holds(_ condition: PolicyCondition, context: [String: [String]]) -> Bool {
        let op = condition.condition
        let wanted = condition.values.map { PolicyEvaluator.substitute($0, context) }
        let values = context[condition.key.lowercased()] ?? []
        if op.base == .null { return null(op.qualifier, present: !values.isEmpty, wanted) }
        switch op.qualifier {
        case .forAllValues?:
            return values.allSatisfy { satisfies(op.base, $0, wanted) }
        case .forAnyValue?:
            if values.isEmpty { return op.ifExists }
            return values.contains { satisfies(op.base, $0, wanted) }
        case nil:
            if values.isEmpty { return op.ifExists || op.base.isNegated }
            let matched = values.contains { matches(op.base.positive, $0, wanted) }
            return op.base.isNegated ? !matched : matched
        }
    }

    /// `Null` over a key: `true` wants it absent, `false` present. Each request value is present, so a
    /// set qualifier tests presence once per value.
    static func null(_ qualifier: ConditionOperator.SetQualifier?, present: Bool, _ wanted: [String]) -> Bool
    {
        let wantAbsent = wanted.contains { $0.lowercased() == "true" }
        let wantPresent = wanted.contains { $0.lowercased() == "false" }
        switch qualifier {
        case .forAllValues?: return !present || wantPresent
        case .forAnyValue?: return present && wantPresent
        case nil: return present ? wantPresent : wantAbsent
        }
    }

    /// One request value against the policy values: a positive operator matches one of them, a
    /// negated one matches none.
    static func satisfies(_ base: ConditionOperator.Base, _ value: String, _ wanted: [String]) -> Bool {
        let matched = matches(base.positive, value, wanted)
        return base.isNegated ? !matched : matched
    }

    /// Whether one request value matches one of the policy values under a positive operator.
    static func matches(_ base: ConditionOperator.Base, _ value: String, _ wanted: [String]) -> Bool {
        switch base {
        case .stringEquals: return wanted.contains(value)
        case .stringEqualsIgnoreCase: return wanted.contains { $0.lowercased() == value.lowercased() }
        case .stringLike: return wanted.contains { Wildcard.matches($0, value) }
        case .arnEquals, .arnLike: return wanted.contains { Wildcard.arnMatches($0, value) }
        case .bool:
            guard let v = boolean(value) else { return false }
            return wanted.contains { boolean($0) == v }
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            guard let v = number(value) else { return false }
            return compare(base, v, wanted.compactMap(number))
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let v = date(value) else { return false }
            return compare(base, v, wanted.compactMap(date))
        case .ipAddress: return wanted.contains { IPAddressMatch.contains($0, value) }
        case .binaryEquals: return wanted.contains(value)
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .arnNotEquals, .arnNotLike,
            .numericNotEquals, .dateNotEquals, .notIpAddress, .null:
            return false
        }
    }

    static func compare(_ base: ConditionOperator.Base, _ v: Double, _ wanted: [Double]) -> Bool {
        switch base {
        case .numericLessThan, .dateLessThan: wanted.contains { v < $0 }
        case .numericLessThanEquals, .dateLessThanEquals: wanted.contains { v <= $0 }
        case .numericGreaterThan, .dateGreaterThan: wanted.contains { v > $0 }
        case .numericGreaterThanEquals, .dateGreaterThanEquals: wanted.contains { v >= $0 }
        default: wanted.contains(v)
        }
    }

    /// `true` or `false`, ignoring case; anything else is no boolean and matches nothing.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// A decimal number (`42`, `-1.5`, `2e3`); hexadecimal, `inf` and `nan` are no numbers to IAM.
    static func number(_ text: String) -> Double? {
        guard text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) else {
            return nil
        }
        return Double(text)
    }

    /// A date as seconds since 1970: ISO 8601 (a date, or a date and time with or without fractions
    /// and an offset) or whole epoch seconds.
    static func date(_ text: String) -> Double? {
        if !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) { return Double(text) }
        if let time = Timestamp(rfc3339: text) { return time.date.timeIntervalSince1970 }
        // A full date alone (`2026-01-01`) is its midnight UTC.
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
            (1...31).contains(d)
        else { return nil }
        return Timestamp(year: y, month: m, day: d).date.timeIntervalSince1970
    }
}
