import BopsDiagnostics
import BopsIAM
import Testing

/// Malformed documents: each finding at its file, line and column, with IAM's words and a hint.
struct ParserTests {
    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: PolicyKind = .identity
        var text: String
        var summary: String
        var line: Int
        var column: Int
        var hint: String?
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(
            name: "not JSON", text: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}",
            summary: "invalid JSON", line: 3,
            column: 17),
        Bad(
            name: "misspelt element",
            text:
                "{\"Version\":\"2012-10-17\",\n\"Statement\":[{\"Efect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
            summary: "unknown element 'Efect' in a statement", line: 2, column: 15,
            hint: "did you mean 'Effect'?"),
        Bad(
            name: "effect in lower case",
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}"#,
            summary: "Effect must be \"Allow\" or \"Deny\"", line: 1, column: 48,
            hint: "did you mean \"Allow\"?"),
        Bad(
            name: "no resource",
            text:
                "{\"Version\":\"2012-10-17\",\"Statement\":[\n  {\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}",
            summary: "Policy statement must contain resources", line: 2, column: 3),
        Bad(
            name: "principal in an identity policy",
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#,
            summary: "Policy document should not specify a principal", line: 1, column: 56),
        Bad(
            name: "resource in a trust policy", kind: .trust,
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"x"},"Action":"sts:AssumeRole","Resource":"*"}]}"#,
            summary: "Has prohibited field Resource", line: 1, column: 110),
        Bad(
            name: "trust policy without principal", kind: .trust,
            text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#,
            summary: "the trust policy statement has no Principal", line: 1, column: 38),
        Bad(
            name: "action without a vendor",
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["GetObject"],"Resource":"*"}]}"#,
            summary: "Actions/Conditions must be prefaced by a vendor", line: 1, column: 66),
        Bad(
            name: "resource not an ARN",
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"s3://logs/*"}]}"#,
            summary: "Resource s3://logs/* must be in ARN format", line: 1, column: 91),
        Bad(
            name: "sid with a dash",
            text:
                #"{"Version":"2012-10-17","Statement":[{"Sid":"read-all","Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
            summary: "Statement IDs (SID) must be alpha-numeric", line: 1, column: 45),
        Bad(
            name: "sid repeated",
            text:
                #"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
            summary: "Statement IDs (SID) in a single policy must be unique", line: 1, column: 105),
        Bad(
            name: "misspelt condition operator",
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqual":{"aws:SourceAccount":"1"}}}]}"#,
            summary: "Invalid Condition type : StringEqual", line: 1, column: 100,
            hint: "did you mean 'StringEquals'?"),
        Bad(
            name: "unknown version",
            text:
                #"{"Version":"2024-01-01","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
            summary: "the policy document's Version must be", line: 1, column: 12),
        Bad(
            name: "empty statement list", text: #"{"Version":"2012-10-17","Statement":[]}"#,
            summary: "the policy document's Statement list is empty", line: 1, column: 37),
        Bad(
            name: "Action and NotAction together",
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}]}"#,
            summary: "a statement has Action or NotAction, not both", line: 1, column: 56),
        Bad(
            name: "not an object", text: "[1, 2]", summary: "a policy document is a JSON object", line: 1,
            column: 1),
    ]

    @Test(arguments: bad)
    func refuses(_ b: Bad) throws {
        do {
            _ = try PolicyParser.parse(b.text, file: "policy.json", kind: b.kind)
            Issue.record("expected a finding: \(b.summary)")
        } catch {
            let first = try #require(error.items.first)
            #expect(first.summary.contains(b.summary), "\(first.summary)")
            #expect(first.range?.file == "policy.json")
            #expect(
                first.range?.start == Mark(line: b.line, column: b.column),
                "\(String(describing: first.range))")
            if let hint = b.hint {
                #expect(first.hint?.contains(hint) == true, "\(String(describing: first.hint))")
            }
            #expect(
                first.hint != nil || b.name == "resource not an ARN"
                    || first.summary.hasPrefix("invalid JSON"))
        }
    }

    @Test func collectsEveryFinding() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Efect":"Allow","Action":"x","Resource":"*"}]}"#
        #expect(throws: Diagnostics.self) { try PolicyParser.parse(text, file: "p.json", kind: .identity) }
        do {
            _ = try PolicyParser.parse(text, file: "p.json", kind: .identity)
        } catch {
            // The misspelt key, the missing Effect, the action without a vendor.
            #expect(error.items.count == 3, "\(error.items.map(\.summary))")
        }
    }

    @Test func readsTheElementsOfAStatement() throws {
        let text = #"""
            {"Version":"2012-10-17","Id":"p1","Statement":{"Sid":"S1","Effect":"Deny","NotAction":"iam:*",
             "NotResource":["arn:aws:s3:::a/*"],"Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"s3:max-keys":10}}}}
            """#
        let parsed = try PolicyParser.parse(text, file: "p.json", kind: .identity)
        let s = try #require(parsed.document.statements.first)
        #expect(parsed.document.id == "p1")
        #expect(s.sid == "S1" && s.effect == .deny)
        #expect(s.action == .notMatching(["iam:*"]))
        #expect(s.resource == .notMatching(["arn:aws:s3:::a/*"]))
        #expect(s.conditions.map(\.values) == [["false"], ["10"]])
        #expect(s.conditions.map(\.condition.description) == ["Bool", "NumericLessThan"])
        #expect(parsed.actions.map(\.text) == ["iam:*"])
    }

    struct Lint: Sendable {
        var action: String
        var finding: String?
        var hint: String?
    }

    @Test(arguments: [
        Lint(
            action: "s3:GetObjekt", finding: "'s3:GetObjekt' is not an action of s3",
            hint: "did you mean 's3:GetObject'?"),
        Lint(
            action: "s3:putobjecttaging", finding: "is not an action of s3",
            hint: "did you mean 's3:PutObjectTagging'?"),
        Lint(action: "kms:GenerateDatakey", finding: nil, hint: nil),
        Lint(
            action: "kms:GenerateDataKeys", finding: "is not an action of kms",
            hint: "did you mean 'kms:GenerateDataKey'?"),
        Lint(
            action: "lambda:InvokeFuntion", finding: "is not an action of lambda",
            hint: "did you mean 'lambda:InvokeFunction'?"),
        Lint(action: "iam:PasRole", finding: "is not an action of iam", hint: "did you mean 'iam:PassRole'?"),
        Lint(
            action: "sts:AssumeRoel", finding: "is not an action of sts",
            hint: "did you mean 'sts:AssumeRole'?"),
        Lint(action: "s3:Gett*", finding: "matches no s3 action", hint: nil),
        Lint(action: "s3:Get*", finding: nil, hint: nil),
        Lint(action: "s3:InitiateReplication", finding: nil, hint: nil),
        Lint(action: "ec2:AnythingAtAll", finding: nil, hint: nil),
    ])
    func catalog(_ l: Lint) throws {
        let text =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\n\"Action\":[\"s3:GetObject\", \"\(l.action)\"],\"Resource\":\"*\"}]}"
        let found = PolicyLint.unknownActions(try PolicyParser.parse(text, file: "p.json", kind: .identity))
        guard let finding = l.finding else {
            #expect(found.isEmpty, "\(found.map(\.summary))")
            return
        }
        let first = try #require(found.first)
        #expect(found.count == 1)
        #expect(first.summary.contains(finding), "\(first.summary)")
        #expect(first.range?.start == Mark(line: 2, column: 27))
        if let hint = l.hint { #expect(first.hint == hint) }
    }
}
