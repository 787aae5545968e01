/// IAM's condition operators, each with a table of conditions and whether they hold, covering a
/// single-valued key, a multivalued key and a missing key (with `IfExists` and the set qualifiers),
/// by the rules of the IAM User Guide's "Condition operators" and "Single-valued vs. multivalued
/// context keys". BopsIAM's evaluator and the emulator's SimulatePrincipalPolicy both answer it.
public enum ConditionOperatorTable {
    /// One condition on the key `k`: the operator as written, the request's values (`nil`: the key is
    /// absent), the policy's values and whether the condition holds.
    public struct Row: Sendable, CustomStringConvertible {
        public var op: String
        public var request: [String]?
        public var policy: [String]
        public var holds: Bool
        public var description: String {
            "\(op) \(request.map { "\($0)" } ?? "absent") vs \(policy) → \(holds)"
        }

        public init(_ op: String, _ request: [String]?, _ policy: [String], _ holds: Bool) {
            self.op = op
            self.request = request
            self.policy = policy
            self.holds = holds
        }
    }

    public static let t = "2020-01-01T00:00:00Z"
    public static let role = "arn:aws:iam::111122223333:role/batch"
    public static let user = "arn:aws:iam::111122223333:user/dave"
    public static let roles = "arn:aws:iam::*:role/*"

    public static let tables: [String: [Row]] = [
        "StringEquals": [
            Row("StringEquals", ["a"], ["a", "b"], true), Row("StringEquals", ["A"], ["a"], false),
            Row("StringEquals", ["c", "a"], ["a"], true), Row("StringEquals", ["c", "d"], ["a"], false),
            Row("StringEquals", nil, ["a"], false), Row("StringEqualsIfExists", nil, ["a"], true),
            Row("StringEqualsIfExists", ["b"], ["a"], false),
            Row("ForAllValues:StringEquals", ["a", "b"], ["a", "b", "c"], true),
            Row("ForAllValues:StringEquals", ["a", "d"], ["a", "b"], false),
            Row("ForAllValues:StringEquals", nil, ["a"], true),
            Row("ForAllValues:StringEquals", [], ["a"], true),
            Row("ForAnyValue:StringEquals", ["d", "a"], ["a"], true),
            Row("ForAnyValue:StringEquals", ["d"], ["a"], false),
            Row("ForAnyValue:StringEquals", nil, ["a"], false),
            Row("ForAnyValue:StringEqualsIfExists", nil, ["a"], true),
        ],
        "StringNotEquals": [
            Row("StringNotEquals", ["c"], ["a", "b"], true),
            Row("StringNotEquals", ["a"], ["a", "b"], false),
            Row("StringNotEquals", ["a", "c"], ["a"], false),
            Row("StringNotEquals", ["c", "d"], ["a"], true),
            Row("StringNotEquals", nil, ["a"], true), Row("StringNotEqualsIfExists", nil, ["a"], true),
            Row("ForAllValues:StringNotEquals", ["c", "d"], ["a"], true),
            Row("ForAllValues:StringNotEquals", ["c", "a"], ["a"], false),
            Row("ForAllValues:StringNotEquals", nil, ["a"], true),
            Row("ForAnyValue:StringNotEquals", ["Dept", "DataClass"], ["DataClass", "Owner"], true),
            Row("ForAnyValue:StringNotEquals", ["DataClass", "Owner"], ["DataClass", "Owner"], false),
            Row("ForAnyValue:StringNotEquals", nil, ["DataClass"], false),
        ],
        "StringEqualsIgnoreCase": [
            Row("StringEqualsIgnoreCase", ["A"], ["a"], true),
            Row("StringEqualsIgnoreCase", ["b"], ["a"], false),
            Row("StringEqualsIgnoreCase", ["x", "A"], ["a"], true),
            Row("StringEqualsIgnoreCase", nil, ["a"], false),
            Row("ForAllValues:StringEqualsIgnoreCase", ["A", "B"], ["a", "b"], true),
            Row("ForAnyValue:StringEqualsIgnoreCase", nil, ["a"], false),
        ],
        "StringNotEqualsIgnoreCase": [
            Row("StringNotEqualsIgnoreCase", ["A"], ["a"], false),
            Row("StringNotEqualsIgnoreCase", ["b"], ["a"], true),
            Row("StringNotEqualsIgnoreCase", ["b", "A"], ["a"], false),
            Row("StringNotEqualsIgnoreCase", nil, ["a"], true),
            Row(
                "ForAnyValue:StringNotEqualsIgnoreCase", ["dAtAcLaSs", "Owner"], ["DataClass", "Owner"], false
            ),
            Row(
                "ForAnyValue:StringNotEqualsIgnoreCase", ["Dept", "dAtAcLaSs"], ["DataClass", "Owner"], true),
            Row("ForAllValues:StringNotEqualsIgnoreCase", nil, ["a"], true),
        ],
        "StringLike": [
            Row("StringLike", ["home/alice/x"], ["home/*"], true),
            Row("StringLike", ["other"], ["home/*"], false),
            Row("StringLike", ["x", "home/a"], ["home/*"], true), Row("StringLike", nil, ["*"], false),
            Row("StringLikeIfExists", nil, ["home/*"], true),
            Row("ForAllValues:StringLike", ["CreatedBy", "CreatedAt"], ["Created*"], true),
            Row("ForAllValues:StringLike", ["CreatedBy", "Owner"], ["Created*"], false),
            Row("ForAnyValue:StringLike", ["Owner", "CreatedBy"], ["Created*"], true),
            Row("ForAnyValue:StringLike", nil, ["*"], false),
        ],
        "StringNotLike": [
            Row("StringNotLike", ["other"], ["home/*"], true),
            Row("StringNotLike", ["home/a"], ["home/*"], false),
            Row("StringNotLike", ["other", "home/a"], ["home/*"], false),
            Row("StringNotLike", ["x", "y"], ["home/*"], true), Row("StringNotLike", nil, ["home/*"], true),
            Row("ForAllValues:StringNotLike", ["a", "b"], ["c*"], true),
            Row("ForAllValues:StringNotLike", ["a", "cat"], ["c*"], false),
            Row("ForAllValues:StringNotLike", nil, ["c*"], true),
            Row("ForAnyValue:StringNotLike", ["a", "cat"], ["c*"], true),
            Row("ForAnyValue:StringNotLike", nil, ["c*"], false),
        ],
        "ArnEquals": [
            Row("ArnEquals", [role], [role], true), Row("ArnEquals", [user], [role], false),
            Row("ArnEquals", [user, role], [role], true), Row("ArnEquals", nil, [role], false),
            Row("ForAllValues:ArnEquals", [role, user], [role], false),
            Row("ForAnyValue:ArnEquals", [user, role], [role], true),
        ],
        "ArnLike": [
            Row("ArnLike", [role], [roles], true), Row("ArnLike", [user], [roles], false),
            Row("ArnLike", ["arn:aws:iam::111122223333:role/a:b"], ["arn:aws:iam::*:role/*"], true),
            Row("ArnLike", ["arn:aws:s3:::bucket"], ["arn:*:s3:::*"], true),
            Row("ArnLike", [user, role], [roles], true), Row("ArnLike", nil, [roles], false),
            Row("ArnLikeIfExists", nil, [roles], true),
            Row("ForAllValues:ArnLike", [role, user], [roles], false),
            Row("ForAllValues:ArnLike", nil, [roles], true),
            Row("ForAnyValue:ArnLike", [user, role], [roles], true),
        ],
        "ArnNotEquals": [
            Row("ArnNotEquals", [user], [role], true), Row("ArnNotEquals", [role], [role], false),
            Row("ArnNotEquals", [user, role], [role], false), Row("ArnNotEquals", nil, [role], true),
            Row("ForAnyValue:ArnNotEquals", [user, role], [role], true),
        ],
        "ArnNotLike": [
            Row("ArnNotLike", [user], [roles], true), Row("ArnNotLike", [role], [roles], false),
            Row("ArnNotLike", [role, user], [roles], false), Row("ArnNotLike", nil, [roles], true),
            Row("ForAllValues:ArnNotLike", [user], [roles], true),
            Row("ForAllValues:ArnNotLike", [user, role], [roles], false),
            Row("ForAnyValue:ArnNotLike", nil, [roles], false),
        ],
        "Bool": [
            Row("Bool", ["true"], ["true"], true), Row("Bool", ["false"], ["true"], false),
            Row("Bool", ["TRUE"], ["true"], true), Row("Bool", ["yes"], ["true"], false),
            Row("Bool", ["false", "true"], ["true"], true), Row("Bool", nil, ["false"], false),
            Row("BoolIfExists", nil, ["false"], true), Row("BoolIfExists", ["true"], ["false"], false),
        ],
        "Null": [
            Row("Null", nil, ["true"], true), Row("Null", ["x"], ["true"], false),
            Row("Null", ["x"], ["false"], true), Row("Null", nil, ["false"], false),
            Row("Null", [], ["true"], true), Row("Null", ["a", "b"], ["false"], true),
            Row("Null", ["a", "b"], ["true"], false),
            Row("ForAllValues:Null", nil, ["true"], true), Row("ForAllValues:Null", ["a"], ["true"], false),
            Row("ForAllValues:Null", ["a", "b"], ["false"], true),
            Row("ForAnyValue:Null", nil, ["false"], false),
            Row("ForAnyValue:Null", ["a", "b"], ["false"], true),
            Row("ForAnyValue:Null", ["a"], ["true"], false),
        ],
        "NumericEquals": [
            Row("NumericEquals", ["10"], ["10"], true), Row("NumericEquals", ["10.0"], ["10"], true),
            Row("NumericEquals", ["1e1"], ["10"], true), Row("NumericEquals", ["11"], ["10"], false),
            Row("NumericEquals", ["0xA"], ["10"], false), Row("NumericEquals", ["ten"], ["10"], false),
            Row("NumericEquals", ["5", "10"], ["10"], true), Row("NumericEquals", nil, ["10"], false),
            Row("NumericEqualsIfExists", nil, ["10"], true),
        ],
        "NumericNotEquals": [
            Row("NumericNotEquals", ["11"], ["10"], true), Row("NumericNotEquals", ["10"], ["10"], false),
            Row("NumericNotEquals", ["10.0"], ["10"], false),
            Row("NumericNotEquals", ["11", "10"], ["10"], false), Row("NumericNotEquals", nil, ["10"], true),
            Row("ForAnyValue:NumericNotEquals", ["15", "10"], ["10", "100"], true),
            Row("ForAnyValue:NumericNotEquals", ["10", "100"], ["10", "100"], false),
            Row("ForAllValues:NumericNotEquals", nil, ["10"], true),
        ],
        "NumericLessThan": [
            Row("NumericLessThan", ["5"], ["10"], true), Row("NumericLessThan", ["10"], ["10"], false),
            Row("NumericLessThan", ["-1.5"], ["0"], true), Row("NumericLessThan", ["nan"], ["10"], false),
            Row("NumericLessThan", ["20", "5"], ["10"], true), Row("NumericLessThan", nil, ["10"], false),
        ],
        "NumericLessThanEquals": [
            Row("NumericLessThanEquals", ["10"], ["10"], true),
            Row("NumericLessThanEquals", ["11"], ["10"], false),
            Row("NumericLessThanEquals", ["11", "9"], ["10"], true),
            Row("NumericLessThanEquals", nil, ["10"], false),
        ],
        "NumericGreaterThan": [
            Row("NumericGreaterThan", ["11"], ["10"], true), Row("NumericGreaterThan", ["10"], ["10"], false),
            Row("NumericGreaterThan", ["inf"], ["10"], false),
            Row("NumericGreaterThan", ["1", "11"], ["10"], true),
            Row("NumericGreaterThan", nil, ["10"], false),
        ],
        "NumericGreaterThanEquals": [
            Row("NumericGreaterThanEquals", ["10"], ["10"], true),
            Row("NumericGreaterThanEquals", ["9"], ["10"], false),
            Row("NumericGreaterThanEquals", ["9", "10"], ["10"], true),
            Row("NumericGreaterThanEquals", nil, ["10"], false),
            Row("NumericGreaterThanEqualsIfExists", nil, ["10"], true),
        ],
        "DateEquals": [
            Row("DateEquals", [t], [t], true), Row("DateEquals", ["2020-01-01T01:00:00+01:00"], [t], true),
            Row("DateEquals", ["2020-01-01T00:00:00.000Z"], [t], true),
            Row("DateEquals", ["1577836800"], [t], true),
            Row("DateEquals", ["2020-01-01"], [t], true),
            Row("DateEquals", ["2020-01-02T00:00:00Z"], [t], false),
            Row("DateEquals", ["0x5E0BE100"], [t], false),
            Row("DateEquals", ["2021-01-01T00:00:00Z", t], [t], true), Row("DateEquals", nil, [t], false),
        ],
        "DateNotEquals": [
            Row("DateNotEquals", ["2020-01-02T00:00:00Z"], [t], true), Row("DateNotEquals", [t], [t], false),
            Row("DateNotEquals", ["2020-01-02T00:00:00Z", t], [t], false),
            Row("DateNotEquals", nil, [t], true),
        ],
        "DateLessThan": [
            Row("DateLessThan", ["2019-12-31T23:59:59Z"], [t], true), Row("DateLessThan", [t], [t], false),
            Row("DateLessThan", ["not a date"], [t], false),
            Row("DateLessThan", ["2030-01-01T00:00:00Z", "2019-01-01T00:00:00Z"], [t], true),
            Row("DateLessThan", nil, [t], false), Row("DateLessThanIfExists", nil, [t], true),
        ],
        "DateLessThanEquals": [
            Row("DateLessThanEquals", [t], [t], true),
            Row("DateLessThanEquals", ["2020-01-01T00:00:01Z"], [t], false),
            Row("DateLessThanEquals", ["2030-01-01T00:00:00Z", t], [t], true),
            Row("DateLessThanEquals", nil, [t], false),
        ],
        "DateGreaterThan": [
            Row("DateGreaterThan", ["2020-01-01T00:00:01Z"], [t], true),
            Row("DateGreaterThan", [t], [t], false),
            Row("DateGreaterThan", ["2019-01-01T00:00:00Z", "2021-01-01T00:00:00Z"], [t], true),
            Row("DateGreaterThan", nil, [t], false),
        ],
        "DateGreaterThanEquals": [
            Row("DateGreaterThanEquals", [t], [t], true),
            Row("DateGreaterThanEquals", ["2019-12-31T23:59:59Z"], [t], false),
            Row("DateGreaterThanEquals", ["2019-12-31T23:59:59Z", t], [t], true),
            Row("DateGreaterThanEquals", nil, [t], false),
        ],
        "IpAddress": [
            Row("IpAddress", ["203.0.113.5"], ["203.0.113.0/24"], true),
            Row("IpAddress", ["198.51.100.1"], ["203.0.113.0/24"], false),
            Row("IpAddress", ["203.0.113.5"], ["203.0.113.5"], true),
            Row("IpAddress", ["2001:db8::1"], ["2001:db8::/32"], true),
            Row("IpAddress", ["2001:db9::1"], ["2001:db8::/32"], false),
            Row("IpAddress", ["203.0.113.5"], ["2001:db8::/32"], false),
            Row("IpAddress", ["not an address"], ["0.0.0.0/0"], false),
            Row("IpAddress", ["10.0.0.1", "203.0.113.5"], ["203.0.113.0/24"], true),
            Row("IpAddress", nil, ["0.0.0.0/0"], false),
        ],
        "NotIpAddress": [
            Row("NotIpAddress", ["198.51.100.1"], ["203.0.113.0/24"], true),
            Row("NotIpAddress", ["203.0.113.5"], ["203.0.113.0/24"], false),
            Row("NotIpAddress", ["198.51.100.1", "203.0.113.5"], ["203.0.113.0/24"], false),
            Row("NotIpAddress", nil, ["203.0.113.0/24"], true),
        ],
        "BinaryEquals": [
            Row("BinaryEquals", ["QmluYXJ5VmFsdWU="], ["QmluYXJ5VmFsdWU="], true),
            Row("BinaryEquals", ["eA=="], ["QmluYXJ5VmFsdWU="], false),
            Row("BinaryEquals", ["eA==", "QmluYXJ5VmFsdWU="], ["QmluYXJ5VmFsdWU="], true),
            Row("BinaryEquals", nil, ["eA=="], false), Row("BinaryEqualsIfExists", nil, ["eA=="], true),
        ],
    ]
}
