import BopsDiagnostics
import BopsIAM
import BopsJobs
import Testing

/// Identity policies evaluated together with a bucket policy, after the IAM User Guide's "Policy
/// evaluation logic" (requests within one account), "Cross-account policy evaluation logic" and the S3
/// User Guide's walkthroughs ("Bucket owner granting its users bucket permissions", "Bucket owner
/// granting cross-account bucket permissions").
struct ResourcePolicyTests {
    static let accountA = "111122223333"
    static let accountB = "444455556666"
    static let dave = "arn:aws:iam::111122223333:user/Dave"
    static let batch = "arn:aws:iam::111122223333:role/batch"
    static let other = "arn:aws:iam::111122223333:role/other"
    static let partner = "arn:aws:iam::444455556666:role/partner"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var principal: String
        var identity: [String]
        var bucketPolicy: String?
        /// The bucket's owner.
        var owner: String
        var action = "s3:GetObject"
        var resource = "arn:aws:s3:::examplebucket/doc.txt"
        var context: [String: [String]] = [:]
        var decision: PermissionDecision
        var side: ResourcePolicyEvaluation.Side?
        var testDescription: String { name }
    }

    static let allowRead =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::examplebucket","arn:aws:s3:::examplebucket/*"]}]}"#
    static let denyRead =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"#

    static func bucketPolicy(effect: String = "Allow", principal: String, condition: String = "") -> String {
        let extra = condition.isEmpty ? "" : #","Condition":"# + condition
        return #"""
            {"Version":"2012-10-17","Statement":[{"Sid":"S1","Effect":"\#(effect)","Principal":\#(principal),
              "Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::examplebucket","arn:aws:s3:::examplebucket/*"]\#(extra)}]}
            """#
    }

    static let cases: [Case] = [
        // S3 walkthrough 1: the bucket policy grants Dave (same account) directly; Dave has no policy.
        Case(
            name: "same account: a bucket policy naming the user grants alone", principal: dave, identity: [],
            bucketPolicy: bucketPolicy(principal: #"{"AWS":"\#(dave)"}"#), owner: accountA, decision: .allowed
        ),
        Case(
            name: "same account: an identity policy grants alone", principal: batch, identity: [allowRead],
            bucketPolicy: nil, owner: accountA, decision: .allowed),
        Case(
            name: "same account: a bucket policy naming the role's session grants alone", principal: batch,
            identity: [],
            bucketPolicy: bucketPolicy(
                principal: #"{"AWS":"arn:aws:sts::111122223333:assumed-role/batch/s3-batch-operations"}"#),
            owner: accountA, decision: .allowed),
        Case(
            name: "same account: naming the account delegates to identity policies", principal: batch,
            identity: [], bucketPolicy: bucketPolicy(principal: #"{"AWS":"arn:aws:iam::111122223333:root"}"#),
            owner: accountA, decision: .implicitDeny),
        Case(
            name: "same account: neither allows", principal: batch, identity: [],
            bucketPolicy: bucketPolicy(principal: #"{"AWS":"\#(other)"}"#), owner: accountA,
            decision: .implicitDeny),
        Case(
            name: "same account: an explicit deny in the bucket policy wins over the identity allow",
            principal: batch, identity: [allowRead],
            bucketPolicy: bucketPolicy(effect: "Deny", principal: #"{"AWS":"\#(batch)"}"#), owner: accountA,
            decision: .explicitDeny, side: .resource),
        Case(
            name: "same account: a deny naming the account covers its roles", principal: batch,
            identity: [allowRead],
            bucketPolicy: bucketPolicy(effect: "Deny", principal: #"{"AWS":"111122223333"}"#),
            owner: accountA, decision: .explicitDeny, side: .resource),
        Case(
            name: "same account: an explicit deny in the identity policy wins over the bucket allow",
            principal: batch, identity: [denyRead], bucketPolicy: bucketPolicy(principal: #""*""#),
            owner: accountA, decision: .explicitDeny, side: .identity),
        Case(
            name: "a deny of plain HTTP applies when the request is not TLS", principal: batch,
            identity: [allowRead],
            bucketPolicy: bucketPolicy(
                effect: "Deny", principal: #""*""#, condition: #"{"Bool":{"aws:SecureTransport":"false"}}"#),
            owner: accountA, context: ["aws:SecureTransport": ["false"]], decision: .explicitDeny,
            side: .resource),
        Case(
            name: "a deny of plain HTTP does not apply over TLS", principal: batch, identity: [allowRead],
            bucketPolicy: bucketPolicy(
                effect: "Deny", principal: #""*""#, condition: #"{"Bool":{"aws:SecureTransport":"false"}}"#),
            owner: accountA, context: ["aws:SecureTransport": ["true"]], decision: .allowed),
        Case(
            name: "NotPrincipal with Deny denies every other role", principal: other, identity: [allowRead],
            bucketPolicy: bucketPolicy(effect: "Deny", principal: #"{"AWS":"\#(batch)"}"#)
                .replacingOccurrences(of: #""Principal""#, with: #""NotPrincipal""#),
            owner: accountA, decision: .explicitDeny, side: .resource),
        Case(
            name: "NotPrincipal with Deny spares the role it names", principal: batch, identity: [allowRead],
            bucketPolicy: bucketPolicy(effect: "Deny", principal: #"{"AWS":"\#(batch)"}"#)
                .replacingOccurrences(of: #""Principal""#, with: #""NotPrincipal""#),
            owner: accountA, decision: .allowed),
        Case(
            name: "a deny for another principal does not apply", principal: batch, identity: [allowRead],
            bucketPolicy: bucketPolicy(effect: "Deny", principal: #"{"AWS":"\#(other)"}"#), owner: accountA,
            decision: .allowed),
        Case(
            name: "a deny for a service principal does not apply to a role", principal: batch,
            identity: [allowRead],
            bucketPolicy: bucketPolicy(effect: "Deny", principal: #"{"Service":"logging.s3.amazonaws.com"}"#),
            owner: accountA, decision: .allowed),
        Case(
            name: "a deny on another action does not apply", principal: batch, identity: [allowRead],
            bucketPolicy: bucketPolicy(effect: "Deny", principal: #""*""#), owner: accountA,
            action: "s3:PutObject", decision: .implicitDeny),
        // S3 walkthrough 2: account A's bucket policy grants account B; B's role needs its own allow.
        Case(
            name: "cross-account: the bucket policy names the account and the identity policy allows",
            principal: partner, identity: [allowRead],
            bucketPolicy: bucketPolicy(principal: #"{"AWS":"arn:aws:iam::444455556666:root"}"#),
            owner: accountA, decision: .allowed),
        Case(
            name: "cross-account: the bucket policy allows but the identity policy does not",
            principal: partner,
            identity: [], bucketPolicy: bucketPolicy(principal: #"{"AWS":"\#(partner)"}"#), owner: accountA,
            decision: .implicitDeny, side: .identity),
        Case(
            name: "cross-account: the identity policy allows but there is no bucket policy",
            principal: partner,
            identity: [allowRead], bucketPolicy: nil, owner: accountA, decision: .implicitDeny,
            side: .resource),
        Case(
            name: "cross-account: the bucket policy names someone else", principal: partner,
            identity: [allowRead], bucketPolicy: bucketPolicy(principal: #"{"AWS":"\#(batch)"}"#),
            owner: accountA, decision: .implicitDeny, side: .resource),
        Case(
            name: "cross-account: an explicit deny in the bucket policy", principal: partner,
            identity: [allowRead], bucketPolicy: bucketPolicy(effect: "Deny", principal: #""*""#),
            owner: accountA, decision: .explicitDeny, side: .resource),
        Case(
            name: "cross-account: a bucket policy for anyone with the account's condition",
            principal: partner,
            identity: [allowRead],
            bucketPolicy: bucketPolicy(
                principal: #""*""#, condition: #"{"StringEquals":{"aws:PrincipalAccount":"444455556666"}}"#),
            owner: accountA, context: ["aws:PrincipalAccount": [accountB]], decision: .allowed),
    ]

    @Test(arguments: cases)
    func evaluates(_ c: Case) throws {
        let identity = try c.identity.map(identity)
        let bucket = try c.bucketPolicy.map {
            NamedPolicy(
                name: "bucket policy of examplebucket",
                document: try PolicyParser.parse($0, file: "bucket.json", kind: .resource).document)
        }
        let outcome = ResourcePolicyEvaluation.evaluate(
            AccessRequest(
                action: c.action, resource: c.resource, principal: .role(c.principal), context: c.context),
            identity: identity, resource: bucket, resourceAccount: c.owner)
        #expect(outcome.decision == c.decision)
        #expect(outcome.side == c.side)
        if c.decision == .explicitDeny { #expect(outcome.matchedBy != nil) }
    }

    @Test func resourcePolicyNeedsPrincipalAndResource() {
        let json = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*"}]}"#
        #expect {
            try PolicyParser.parse(json, file: "bucket.json", kind: .resource)
        } throws: { error in
            let d = (error as? Diagnostics)?.items ?? []
            return d.map(\.summary) == [
                "Missing required field Principal", "Policy statement must contain resources",
            ]
                && d.allSatisfy { $0.range?.file == "bucket.json" && $0.range?.start.line == 1 }
        }
    }
}
