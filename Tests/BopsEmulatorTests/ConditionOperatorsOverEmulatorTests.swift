import BopsTestSupport
import Foundation
import Testing

/// Every row of ``ConditionOperatorTable`` through the emulator's IAM with boto3: a role policy that
/// allows `s3:GetObject` under the row's condition, and SimulatePrincipalPolicy with the row's context
/// entry, whose decision must be `allowed` exactly when the condition holds.
@Suite(.tags(.process)) struct ConditionOperatorsOverEmulatorTests {
    static let script = #"""
        import json, os
        import boto3

        iam = boto3.client("iam", endpoint_url=os.environ["BOPS_EMULATOR_URL"], region_name="us-east-1")
        arn = iam.create_role(RoleName="conditions", AssumeRolePolicyDocument=os.environ["TRUST"])["Role"]["Arn"]
        wrong = []
        rows = json.loads(os.environ["ROWS"])
        for row in rows:
            policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                      "Resource": "*", "Condition": {row["op"]: {"test:key": row["policy"]}}}]}
            iam.put_role_policy(RoleName="conditions", PolicyName="row", PolicyDocument=json.dumps(policy))
            entries = []
            if row["request"] is not None:
                values = row["request"]
                entries = [{"ContextKeyName": "test:key", "ContextKeyValues": values,
                            "ContextKeyType": "stringList" if len(values) > 1 else "string"}]
            result = iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=["s3:GetObject"],
                                                   ResourceArns=["arn:aws:s3:::b/o"], ContextEntries=entries)
            allowed = result["EvaluationResults"][0]["EvalDecision"] == "allowed"
            if allowed != row["holds"]:
                wrong.append(row)
        print("checked %d rows" % len(rows))
        if wrong:
            raise SystemExit("wrong decisions: " + json.dumps(wrong))
        print("OK: conditions")
        """#

    /// The rows with a key present with values, or absent (an empty list of values is not sent).
    static let rows = ConditionOperatorTable.tables.values.joined().filter { $0.request?.isEmpty != true }

    static func json() throws -> String {
        let objects = rows.map {
            ["op": $0.op, "request": $0.request as Any, "policy": $0.policy, "holds": $0.holds]
                as [String: Any]
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: objects), as: UTF8.self)
    }

    @Test(.enabled(if: Python.hasBoto3, "boto3 is not installed: pip install boto3"), .timeLimit(.minutes(2)))
    func simulatePrincipalPolicyAnswersEveryRow() async throws {
        try await withEmulator { _, running in
            let result = try await Python.script(
                Self.script, against: running, ["TRUST": IAMEmulatorTests.trust, "ROWS": try Self.json()])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("checked \(Self.rows.count) rows"), "\(result.output)")
            #expect(result.output.contains("OK: conditions"), "\(result.output)")
        }
    }
}
