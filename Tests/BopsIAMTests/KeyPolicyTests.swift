import BopsIAM
import BopsJobs
import Testing

/// Key policies evaluated as KMS does ("Key policies in AWS KMS", "Allows access to the AWS account
/// and enables IAM policies"): the key policy must allow, directly or by delegating to the account's
/// IAM policies through the root principal; an IAM policy alone never does.
struct KeyPolicyTests {
    static let account = "111122223333"
    static let batch = "arn:aws:iam::111122223333:role/batch"
    static let partner = "arn:aws:iam::444455556666:role/partner"
    static let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var principal = KeyPolicyTests.batch
        var keyPolicy: String
        var identity: [String] = []
        var decision: PermissionDecision
        var side: ResourcePolicyEvaluation.Side?
        var testDescription: String { name }
    }

    static func statement(_ effect: String, _ principal: String, _ action: String = "kms:*") -> String {
        #"{"Sid":"\#(effect)","Effect":"\#(effect)","Principal":{"AWS":"\#(principal)"},"Action":"\#(action)","Resource":"*"}"#
    }

    static func document(_ statements: String...) -> String {
        #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
    }

    static let allowKMS = document(#"{"Effect":"Allow","Action":"kms:GenerateDataKey","Resource":"*"}"#)
    static let denyKMS = document(#"{"Effect":"Deny","Action":"kms:*","Resource":"*"}"#)
    static let defaultPolicy = KeyPolicyEvaluation.defaultPolicy(account: account)

    static let cases: [Case] = [
        Case(
            name: "the default key policy delegates: the identity policy allows", keyPolicy: defaultPolicy,
            identity: [allowKMS], decision: .allowed),
        Case(
            name: "the default key policy delegates: no identity policy, no access", keyPolicy: defaultPolicy,
            decision: .implicitDeny, side: .identity),
        Case(
            name: "a key policy naming the role allows without an identity policy",
            keyPolicy: document(statement("Allow", batch, "kms:GenerateDataKey")), decision: .allowed),
        Case(
            name: "an identity policy alone does not open a key whose policy names others",
            keyPolicy: document(statement("Allow", "arn:aws:iam::111122223333:role/admin")),
            identity: [allowKMS], decision: .implicitDeny, side: .resource),
        Case(
            name: "an explicit deny in the key policy wins over the root statement",
            keyPolicy: document(
                statement("Allow", "arn:aws:iam::111122223333:root"), statement("Deny", batch)),
            identity: [allowKMS], decision: .explicitDeny, side: .resource),
        Case(
            name: "an explicit deny in the identity policy wins over the key policy",
            keyPolicy: document(statement("Allow", batch)), identity: [denyKMS], decision: .explicitDeny,
            side: .identity),
        Case(
            name: "another account named in the key policy still needs its identity policy",
            principal: partner, keyPolicy: document(statement("Allow", partner)), decision: .implicitDeny,
            side: .identity),
        Case(
            name: "another account named and its identity policy allowing", principal: partner,
            keyPolicy: document(statement("Allow", "arn:aws:iam::444455556666:root")), identity: [allowKMS],
            decision: .allowed),
    ]

    @Test(arguments: cases)
    func decides(_ c: Case) throws {
        let policy = NamedPolicy(
            name: "key policy",
            document: try PolicyParser.parse(c.keyPolicy, file: "key", kind: .key).document)
        let identity = try c.identity.enumerated().map { i, text in
            NamedPolicy(
                name: "p\(i)", document: try PolicyParser.parse(text, file: "p", kind: .identity).document)
        }
        let outcome = KeyPolicyEvaluation.evaluate(
            AccessRequest(action: "kms:GenerateDataKey", resource: Self.key, principal: .role(c.principal)),
            keyPolicy: policy, keyAccount: Self.account, identity: identity)
        #expect(outcome.decision == c.decision)
        #expect(outcome.side == c.side)
    }

    @Test func aKeyPolicyMayNameStatementsWithSpacesABucketPolicyMayNot() {
        #expect(throws: Never.self) { try PolicyParser.parse(Self.defaultPolicy, file: "k", kind: .key) }
        #expect(throws: (any Error).self) {
            try PolicyParser.parse(Self.defaultPolicy, file: "b", kind: .resource)
        }
    }

    @Test func theDeniedMessageIsKMSs() {
        let outcome = KeyPolicyEvaluation.Outcome(decision: .implicitDeny, matchedBy: nil, side: .resource)
        #expect(
            KeyPolicyEvaluation.deniedMessage(
                outcome, principal: "arn:aws:sts::111122223333:assumed-role/batch/s", action: "kms:Decrypt",
                key: Self.key)
                == "User: arn:aws:sts::111122223333:assumed-role/batch/s is not authorized to perform: kms:Decrypt "
                + "on resource: \(Self.key) because no resource-based policy allows the kms:Decrypt action")
    }
}
