import BopsIAM
import BopsJobs
import Testing

/// Parses an identity policy written in a test; fails the test when it does not parse.
func identity(_ json: String) throws -> NamedPolicy {
    NamedPolicy(
        name: "inline policy test",
        document: try PolicyParser.parse(json, file: "test.json", kind: .identity).document)
}

func decide(
    _ policies: [NamedPolicy], _ action: String, _ resource: String, context: [String: [String]] = [:]
) -> PermissionDecision {
    PolicyEvaluator.evaluate(
        AccessRequest(action: action, resource: resource, context: context), policies: policies
    )
    .decision
}

/// The evaluation rules of IAM's "Policy evaluation logic" (identity-based policies of one principal),
/// each row a request against documents from the IAM User Guide's examples.
struct EvaluationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var policies: [String]
        var action: String
        var resource: String
        var context: [String: [String]] = [:]
        var expected: PermissionDecision
        var testDescription: String { name }
    }

    static let allowAllS3 =
        #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#
    static let denyDelete = #"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::photos/*"}]}
        """#
    // "NotAction with Allow": everything except IAM.
    static let allButIAM =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#
    // "NotAction with Deny": deny all but IAM and STS when MFA is not present.
    static let denyWithoutMFA = #"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"DenyAllUsersNotUsingMFA","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*",
           "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}
        """#
    // "NotResource": deny everything outside the payroll folder.
    static let onlyPayroll = #"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:*","Resource":"*"},
          {"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::HRBucket/Payroll","arn:aws:s3:::HRBucket/Payroll/*"]}]}
        """#
    static let wildcards = #"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:Get*","S3:putobject"],"Resource":["arn:aws:s3:::logs/2024-??/*","arn:aws:s3:::Archive/*"]}]}
        """#
    static let conditions = #"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Account","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::reports/*",
           "Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}},
          {"Sid":"Home","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::home",
           "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}},
          {"Sid":"Jobs","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*",
           "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:*:111122223333:job/*"}}},
          {"Sid":"NoPlainHTTP","Effect":"Deny","Action":"s3:*","Resource":"*",
           "Condition":{"Bool":{"aws:SecureTransport":"false"}}},
          {"Sid":"NotOtherOrg","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*",
           "Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-good"}}},
          {"Sid":"AnyTag","Effect":"Allow","Action":"s3:PutObjectTagging","Resource":"*",
           "Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["tier"]}}},
          {"Sid":"OnlyTags","Effect":"Allow","Action":"s3:DeleteObjectTagging","Resource":"*",
           "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["tier","owner"]}}}]}
        """#

    static let cases: [Case] = [
        Case(
            name: "no statement matches: implicit deny", policies: [denyDelete], action: "s3:GetObject",
            resource: "arn:aws:s3:::photos/a.jpg", expected: .implicitDeny),
        Case(
            name: "no policy at all: implicit deny", policies: [], action: "s3:GetObject", resource: "*",
            expected: .implicitDeny),
        Case(
            name: "an allow allows", policies: [allowAllS3], action: "s3:GetObject",
            resource: "arn:aws:s3:::photos/a.jpg",
            expected: .allowed),
        Case(
            name: "explicit deny wins over allow", policies: [allowAllS3, denyDelete],
            action: "s3:DeleteObject",
            resource: "arn:aws:s3:::photos/a.jpg", expected: .explicitDeny),
        Case(
            name: "deny elsewhere leaves the allow", policies: [allowAllS3, denyDelete],
            action: "s3:DeleteObject",
            resource: "arn:aws:s3:::videos/a.mp4", expected: .allowed),
        Case(
            name: "NotAction allow covers other services", policies: [allButIAM], action: "s3:GetObject",
            resource: "arn:aws:s3:::b/k", expected: .allowed),
        Case(
            name: "NotAction allow leaves the excluded service denied", policies: [allButIAM],
            action: "iam:CreateUser",
            resource: "arn:aws:iam::111122223333:user/bob", expected: .implicitDeny),
        Case(
            name: "NotAction deny without MFA", policies: [allowAllS3, denyWithoutMFA],
            action: "s3:ListBucket",
            resource: "arn:aws:s3:::b", context: ["aws:MultiFactorAuthPresent": ["false"]],
            expected: .explicitDeny),
        Case(
            name: "BoolIfExists: absent key denies too", policies: [allowAllS3, denyWithoutMFA],
            action: "s3:ListBucket",
            resource: "arn:aws:s3:::b", expected: .explicitDeny),
        Case(
            name: "with MFA the deny does not apply", policies: [allowAllS3, denyWithoutMFA],
            action: "s3:ListBucket",
            resource: "arn:aws:s3:::b", context: ["aws:MultiFactorAuthPresent": ["true"]], expected: .allowed),
        Case(
            name: "NotAction deny spares the excluded actions", policies: [allButIAM, denyWithoutMFA],
            action: "sts:GetCallerIdentity",
            resource: "*", expected: .allowed),
        Case(
            name: "NotResource: the excluded resource stays allowed", policies: [onlyPayroll],
            action: "s3:GetObject",
            resource: "arn:aws:s3:::HRBucket/Payroll/jan.csv", expected: .allowed),
        Case(
            name: "NotResource: everything else is denied", policies: [onlyPayroll], action: "s3:GetObject",
            resource: "arn:aws:s3:::HRBucket/Other/x", expected: .explicitDeny),
        Case(
            name: "* in an action", policies: [wildcards], action: "s3:GetObjectTagging",
            resource: "arn:aws:s3:::Archive/x",
            expected: .allowed),
        Case(
            name: "actions ignore case", policies: [wildcards], action: "s3:PutObject",
            resource: "arn:aws:s3:::Archive/x",
            expected: .allowed),
        Case(
            name: "resources keep case", policies: [wildcards], action: "s3:PutObject",
            resource: "arn:aws:s3:::archive/x",
            expected: .implicitDeny),
        Case(
            name: "? is exactly one character", policies: [wildcards], action: "s3:GetObject",
            resource: "arn:aws:s3:::logs/2024-07/a",
            expected: .allowed),
        Case(
            name: "? does not match two", policies: [wildcards], action: "s3:GetObject",
            resource: "arn:aws:s3:::logs/2024-107/a",
            expected: .implicitDeny),
        Case(
            name: "* in an action is not a prefix of another action", policies: [wildcards],
            action: "s3:ListBucket",
            resource: "arn:aws:s3:::Archive/x", expected: .implicitDeny),
        Case(
            name: "StringEquals holds", policies: [conditions], action: "s3:PutObject",
            resource: "arn:aws:s3:::reports/r",
            context: ["aws:SourceAccount": ["111122223333"], "aws:SecureTransport": ["true"]],
            expected: .allowed),
        Case(
            name: "StringEquals fails for another value", policies: [conditions], action: "s3:PutObject",
            resource: "arn:aws:s3:::reports/r", context: ["aws:SourceAccount": ["444455556666"]],
            expected: .implicitDeny),
        Case(
            name: "StringEquals fails for an absent key", policies: [conditions], action: "s3:PutObject",
            resource: "arn:aws:s3:::reports/r", expected: .implicitDeny),
        Case(
            name: "condition keys ignore case", policies: [conditions], action: "s3:PutObject",
            resource: "arn:aws:s3:::reports/r",
            context: ["AWS:SOURCEACCOUNT": ["111122223333"]], expected: .allowed),
        Case(
            name: "StringLike with a policy variable", policies: [conditions], action: "s3:ListBucket",
            resource: "arn:aws:s3:::home",
            context: ["aws:username": ["ana"], "s3:prefix": ["home/ana/notes"]],
            expected: .allowed),
        Case(
            name: "StringLike with another user's folder", policies: [conditions], action: "s3:ListBucket",
            resource: "arn:aws:s3:::home",
            context: ["aws:username": ["ana"], "s3:prefix": ["home/bob/notes"]],
            expected: .implicitDeny),
        Case(
            name: "ArnLike matches each ARN part", policies: [conditions], action: "s3:GetObject",
            resource: "arn:aws:s3:::data/x",
            context: ["aws:SourceArn": ["arn:aws:s3:us-east-1:111122223333:job/abc"]], expected: .allowed),
        Case(
            name: "ArnLike: * does not cross the account part", policies: [conditions],
            action: "s3:GetObject",
            resource: "arn:aws:s3:::data/x",
            context: ["aws:SourceArn": ["arn:aws:s3:us-east-1:999:111122223333:job/abc"]],
            expected: .implicitDeny),
        Case(
            name: "Bool deny on plain HTTP", policies: [conditions], action: "s3:PutObject",
            resource: "arn:aws:s3:::reports/r",
            context: ["aws:SourceAccount": ["111122223333"], "aws:SecureTransport": ["false"]],
            expected: .explicitDeny),
        Case(
            name: "StringNotEquals holds for an absent key", policies: [allowAllS3, conditions],
            action: "s3:DeleteObject",
            resource: "arn:aws:s3:::b/k", expected: .explicitDeny),
        Case(
            name: "StringNotEquals fails for the named value", policies: [allowAllS3, conditions],
            action: "s3:DeleteObject",
            resource: "arn:aws:s3:::b/k", context: ["aws:PrincipalOrgID": ["o-good"]], expected: .allowed),
        Case(
            name: "ForAnyValue: one value matching is enough", policies: [conditions],
            action: "s3:PutObjectTagging",
            resource: "arn:aws:s3:::b/k", context: ["aws:TagKeys": ["owner", "tier"]], expected: .allowed),
        Case(
            name: "ForAnyValue: absent key fails", policies: [conditions], action: "s3:PutObjectTagging",
            resource: "arn:aws:s3:::b/k", expected: .implicitDeny),
        Case(
            name: "ForAllValues: every value must match", policies: [conditions],
            action: "s3:DeleteObjectTagging",
            resource: "arn:aws:s3:::b/k", context: ["aws:TagKeys": ["tier", "cost"]], expected: .implicitDeny),
        Case(
            name: "ForAllValues: absent key holds", policies: [conditions], action: "s3:DeleteObjectTagging",
            resource: "arn:aws:s3:::b/k", expected: .allowed),
    ]

    @Test(arguments: cases)
    func decides(_ c: Case) throws {
        let policies = try c.policies.map(identity)
        #expect(decide(policies, c.action, c.resource, context: c.context) == c.expected)
    }

    @Test func namesTheDecidingStatement() throws {
        let outcome = PolicyEvaluator.evaluate(
            AccessRequest(action: "s3:ListBucket", resource: "arn:aws:s3:::b"),
            policies: [try identity(Self.allowAllS3), try identity(Self.denyWithoutMFA)])
        #expect(outcome.matchedBy == "inline policy test, statement 1 (DenyAllUsersNotUsingMFA)")
    }

    struct Glob: Sendable {
        var pattern: String
        var text: String
        var matches: Bool
    }

    @Test(arguments: [
        Glob(pattern: "*", text: "", matches: true), Glob(pattern: "a*b*c", text: "aXXbYYc", matches: true),
        Glob(pattern: "a*b*c", text: "aXXbYY", matches: false),
        Glob(pattern: "??", text: "ab", matches: true),
        Glob(pattern: "??", text: "abc", matches: false), Glob(pattern: "*a", text: "aaaa", matches: true),
        Glob(pattern: "a**", text: "a", matches: true), Glob(pattern: "é?", text: "éx", matches: true),
    ])
    func wildcard(_ g: Glob) {
        #expect(Wildcard.matches(g.pattern, g.text) == g.matches)
    }
}

/// The trust policy check for S3 Batch Operations.
struct TrustTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var trust: String
        var account: String = "111122223333"
        var trusted: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "the documented trust policy", trust: BatchOperationsTrust.proposedDocument, trusted: true),
        Case(
            name: "another service",
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
            trusted: false),
        Case(
            name: "a list of services",
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","batchoperations.s3.amazonaws.com"]},"Action":["sts:AssumeRole","sts:TagSession"]}]}"#,
            trusted: true),
        Case(
            name: "another action",
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"batchoperations.s3.amazonaws.com"},"Action":"sts:TagSession"}]}"#,
            trusted: false),
        Case(
            name: "source account condition met",
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"batchoperations.s3.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}"#,
            trusted: true),
        Case(
            name: "source account condition not met",
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"batchoperations.s3.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}"#,
            account: "444455556666", trusted: false),
        Case(
            name: "a deny for the service",
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"Service":"batchoperations.s3.amazonaws.com"},"Action":"sts:*"}]}"#,
            trusted: false),
        Case(
            name: "NotPrincipal excluding the service",
            trust:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"Service":"batchoperations.s3.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
            trusted: false),
    ]

    @Test(arguments: cases)
    func trusts(_ c: Case) throws {
        let trust = try PolicyParser.parse(c.trust, file: "trust.json", kind: .trust).document
        let outcome = BatchOperationsTrust.evaluate(
            trust, roleArn: "arn:aws:iam::\(c.account):role/r", sourceAccount: c.account)
        #expect((outcome.decision == .allowed) == c.trusted)
    }
}
