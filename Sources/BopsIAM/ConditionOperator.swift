/// A condition operator as written in a policy: a base operator, optionally with `IfExists` and a
/// set qualifier (`ForAnyValue:` / `ForAllValues:`).
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    public enum Base: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case bool = "Bool"
        case null = "Null"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case binaryEquals = "BinaryEquals"

        /// A negated operator matches when the key is absent from the request.
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .arnNotEquals, .arnNotLike,
                .numericNotEquals, .dateNotEquals, .notIpAddress:
                true
            default: false
            }
        }

        /// The operator a negated one negates (`StringNotLike` → `StringLike`); itself otherwise.
        public var positive: Base {
            switch self {
            case .stringNotEquals: .stringEquals
            case .stringNotEqualsIgnoreCase: .stringEqualsIgnoreCase
            case .stringNotLike: .stringLike
            case .arnNotEquals: .arnEquals
            case .arnNotLike: .arnLike
            case .numericNotEquals: .numericEquals
            case .dateNotEquals: .dateEquals
            case .notIpAddress: .ipAddress
            default: self
            }
        }
    }

    public enum SetQualifier: String, Sendable, Hashable {
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    public var base: Base
    public var ifExists: Bool
    public var qualifier: SetQualifier?

    public init(_ base: Base, ifExists: Bool = false, qualifier: SetQualifier? = nil) {
        self.base = base
        self.ifExists = ifExists
        self.qualifier = qualifier
    }

    /// Reads `ForAnyValue:StringLikeIfExists` and the like (case-sensitive, as IAM reads them);
    /// `nil` for an unknown operator. `Null` takes a qualifier (`ForAllValues:Null`) but no `IfExists`.
    public init?(parsing text: String) {
        var rest = Substring(text)
        var qualifier: SetQualifier?
        if let colon = rest.firstIndex(of: ":") {
            guard let q = SetQualifier(rawValue: String(rest[..<colon])) else { return nil }
            qualifier = q
            rest = rest[rest.index(after: colon)...]
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = Base(rawValue: String(rest)) else { return nil }
        if base == .null && ifExists { return nil }
        self.init(base, ifExists: ifExists, qualifier: qualifier)
    }

    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }

    /// Every operator name without qualifier, for "did you mean" hints.
    public static var names: [String] {
        Base.allCases.flatMap { base in
            base == .null ? [base.rawValue] : [base.rawValue, base.rawValue + "IfExists"]
        }
    }
}
