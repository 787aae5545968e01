import BopsTestSupport
import Testing

@testable import BopsIAM

/// Every condition operator against its table (``ConditionOperatorTable``): a single-valued key, a
/// multivalued key and a missing key, with and without `IfExists` and the set qualifiers.
struct ConditionOperatorTests {
    typealias Row = ConditionOperatorTable.Row

    static func holds(_ row: Row) throws -> Bool {
        let op = try #require(ConditionOperator(parsing: row.op), "\(row.op) parses")
        let context = row.request.map { ["k": $0] } ?? [:]
        return ConditionEvaluator.holds(PolicyCondition(op, key: "K", values: row.policy), context: context)
    }

    @Test(arguments: ConditionOperator.Base.allCases)
    func operatorTable(_ base: ConditionOperator.Base) throws {
        let rows = try #require(ConditionOperatorTable.tables[base.rawValue], "a table for \(base.rawValue)")
        let plain = rows.filter { ConditionOperator(parsing: $0.op) == ConditionOperator(base) }
        #expect(plain.contains { $0.request?.count == 1 }, "a single-valued row")
        #expect(plain.contains { ($0.request?.count ?? 0) > 1 }, "a multivalued row")
        #expect(rows.contains { $0.request == nil }, "a missing-key row")
        for row in rows {
            #expect(try Self.holds(row) == row.holds, "\(row)")
        }
    }

    @Test(arguments: [
        "NullIfExists", "ForAllValues:NullIfExists", "ForSomeValues:StringEquals", "stringequals",
    ])
    func refusedOperators(_ name: String) {
        #expect(ConditionOperator(parsing: name) == nil)
    }

    @Test func setQualifiersWithNullParse() throws {
        let json = #"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObjectTagging","Resource":"*",
              "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["tier"]},"ForAnyValue:Null":{"aws:TagKeys":"false"}}}]}
            """#
        let doc = try PolicyParser.parse(json, file: "p.json", kind: .identity).document
        #expect(
            doc.statements[0].conditions.map(\.condition.description) == [
                "ForAllValues:StringEquals", "ForAnyValue:Null",
            ])
    }
}
