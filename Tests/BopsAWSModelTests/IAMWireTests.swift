import BopsAWSModel
import BopsJobs
import BopsTestSupport
import Foundation
import Testing

/// A botocore IAM client answered with canned bodies: what `client.<operation>(**params)`
/// returns (its after-call handlers included, so policy documents come back decoded as boto3
/// users see them), or the `ClientError`'s `Error` and status.
enum IAMClientOracle {
    static let script = #"""
        import datetime, json, sys
        import botocore, botocore.session
        from botocore.awsrequest import AWSResponse
        from botocore.config import Config
        from botocore.exceptions import ClientError

        class Raw:
            def __init__(self, body): self.body = body
            def stream(self, **kwargs): yield self.body
            def read(self, *args, **kwargs): return self.body

        def plain(v):
            if isinstance(v, datetime.datetime): return v.timestamp()
            if isinstance(v, dict): return {k: plain(x) for k, x in v.items() if k != "ResponseMetadata"}
            if isinstance(v, list): return [plain(x) for x in v]
            return v

        session = botocore.session.get_session()
        results = []
        for case in json.load(sys.stdin)["cases"]:
            client = session.create_client(
                "iam", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                config=Config(retries={"max_attempts": 1, "mode": "standard"}))
            body = case["body"].encode("utf-8")
            status = case["status"]
            client.meta.events.register(
                "before-send", lambda request, **kw: AWSResponse(request.url, status, {}, Raw(body)))
            try:
                answer = getattr(client, botocore.xform_name(case["operation"]))(**case["params"])
                results.append(plain(answer))
            except ClientError as error:
                results.append({"error": error.response.get("Error", {}),
                                "status": error.response["ResponseMetadata"]["HTTPStatusCode"]})
            except Exception as error:
                results.append({"exception": f"{type(error).__name__}: {error}"})
        json.dump({"results": results}, sys.stdout)
        """#

    static func results(_ cases: [IAMAnswerCase]) throws -> [Any] {
        let input = try JSONSerialization.data(
            withJSONObject: [
                "cases": cases.map { answer in
                    [
                        "operation": answer.operation,
                        "params": (try? JSONSerialization.jsonObject(with: Data(answer.paramsJSON.utf8)))
                            ?? [:],
                        "status": answer.status, "body": String(decoding: answer.body, as: UTF8.self),
                    ] as [String: Any]
                }
            ])
        let run = try BotocoreOracle.run(["-c", script], input: input)
        guard run.status == 0 else { throw BotocoreOracle.Failure("client oracle failed: \(run.stderr)") }
        guard let object = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any],
            let results = object["results"] as? [Any], results.count == cases.count
        else { throw BotocoreOracle.Failure("client oracle answered an unexpected document") }
        return results
    }

    /// botocore's reading of every answer case (as JSON text), computed once.
    static let parsed: Result<[String: String], BotocoreOracle.Failure> = {
        guard BotocoreOracle.available else {
            return .failure(BotocoreOracle.Failure(BotocoreOracle.unavailableReason))
        }
        do {
            let all = try results(IAMWireCases.answers)
            let texts = try all.map {
                String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self)
            }
            return .success(Dictionary(uniqueKeysWithValues: zip(IAMWireCases.answers.map(\.name), texts)))
        } catch let error as BotocoreOracle.Failure {
            return .failure(error)
        } catch {
            return .failure(BotocoreOracle.Failure("\(error)"))
        }
    }()
}

/// The IAM wire against botocore in its three directions: our requests are byte for byte
/// botocore's, botocore's requests read back as the values they were built from, and a botocore
/// client reads our answers (and IAM's errors) as the values we wrote.
@Suite(
    .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
    .tags(.process))
struct IAMBotocoreTests {
    @Test(arguments: IAMWireCases.requests)
    func sameRequestAsBotocore(_ golden: IAMRequestCase) throws {
        let sent = try #require(try IAMWireCases.sentRequests.get()[golden.name]).get()
        #expect(golden.ours.method == sent.method)
        #expect(golden.ours.path == sent.path)
        #expect(golden.ours.query.isEmpty && sent.query.isEmpty)
        #expect(sent.host == IAMRequests.endpoint(region: "us-east-1").host)
        #expect(golden.ours.header("content-type") == sent.headers["content-type"])
        let ours = String(decoding: golden.ours.body, as: UTF8.self)
        let theirs = String(decoding: sent.body, as: UTF8.self)
        #expect(golden.ours.body == sent.body, "body differs:\nours:     \(ours)\nbotocore: \(theirs)")
    }

    @Test(arguments: IAMWireCases.requests)
    func readsBotocoresRequest(_ golden: IAMRequestCase) throws {
        let sent = try #require(try IAMWireCases.sentRequests.get()[golden.name]).get()
        let parts = HTTPRequestParts(
            method: sent.method, path: sent.path, headers: sent.headers.map { HTTPField($0.key, $0.value) },
            body: sent.body)
        #expect(IAMRequests.isIAMRequest(parts))
        #expect(try IAMRequests.read(parts) == golden.expected)
    }

    @Test(arguments: IAMWireCases.answers)
    func botocoreReadsOurAnswer(_ answer: IAMAnswerCase) throws {
        let text = try #require(try IAMClientOracle.parsed.get()[answer.name])
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let expected = try JSONSerialization.jsonObject(with: Data(answer.expectedJSON.utf8))
        let mismatches = BotocoreOracle.mismatches(expected: expected, parsed: parsed)
        #expect(mismatches.isEmpty, "\(mismatches)\n\(String(decoding: answer.body, as: UTF8.self))")
    }

    @Test func everyCaseWasSerialisedByBotocore() throws {
        let all = try IAMWireCases.sentRequests.get()
        #expect(all.count == IAMWireCases.requests.count)
        for (name, result) in all {
            if case .failure(let error) = result {
                Issue.record("\(name): botocore refused the case: \(error)")
            }
        }
    }

    /// botocore's signing region and host for IAM in each partition are ours.
    @Test(arguments: [
        ("us-west-2", "iam.amazonaws.com"), ("cn-north-1", "iam.cn-north-1.amazonaws.com.cn"),
        ("us-gov-west-1", "iam.us-gov.amazonaws.com"),
    ])
    func endpointPerPartition(_ region: String, _ host: String) throws {
        let cases: [[String: Any]] = [
            ["service": "iam", "region": region, "operation": "GetRole", "params": ["RoleName": "r"]]
        ]
        let sent = try #require(try BotocoreOracle.serialise(cases).first).get()
        let ours = IAMRequests.endpoint(region: region)
        #expect(sent.host == host)
        #expect(ours.host == host)
        let scope = sent.headers["authorization"] ?? ""
        #expect(scope.contains("/\(ours.signingRegion)/iam/aws4_request"), "\(scope)")
    }
}

/// Our own parsers read back what our bodies say, and a malformed request is IAM's 400.
@Suite(.tags(.process)) struct IAMWireRoundTripTests {
    @Test func roleAndPolicyReadBack() throws {
        let body = IAMResponses.getRoleBody(IAMWireCases.role, requestId: "r")
        #expect(try IAMResponses.getRole(HTTPResponseParts(status: 200, body: body)) == IAMWireCases.role)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("<AssumeRolePolicyDocument>%7B%0A%20%20%22Version%22"), "\(text)")
        let policy = IAMRolePolicy(roleName: "r", policyName: "p", policyDocument: IAMWireCases.policy)
        let read = try IAMResponses.getRolePolicy(
            HTTPResponseParts(status: 200, body: IAMResponses.getRolePolicyBody(policy, requestId: "r")))
        #expect(read == policy)
    }

    @Test func simulationReadsBack() throws {
        let body = IAMResponses.simulatePrincipalPolicyBody(IAMWireCases.simulation, requestId: "r")
        let page = try IAMResponses.simulatePrincipalPolicy(HTTPResponseParts(status: 200, body: body))
        #expect(page == IAMWireCases.simulation)
    }

    @Test func anErrorAnswerIsAnEngineError() throws {
        let body = IAMWireCases.error(404, "NoSuchEntity", "The role with name x cannot be found.")
        #expect(String(decoding: body, as: UTF8.self).contains("<Type>Sender</Type>"))
        do {
            _ = try IAMResponses.getRole(HTTPResponseParts(status: 404, body: body))
            Issue.record("a 404 answer was read as a role")
        } catch let error as EngineError {
            #expect(error.code == "NoSuchEntity")
            #expect(error.httpStatus == 404)
            #expect(error.requestId == IAMWireCases.requestId)
        }
    }

    @Test func aRoleWithoutItsRequiredMembersIsAShapeError() throws {
        let body = """
            <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>\
            <Path>/</Path><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn></Role></GetRoleResult>\
            </GetRoleResponse>
            """
        #expect(throws: AWSShapeError.self) {
            try IAMResponses.getRole(HTTPResponseParts(status: 200, body: body))
        }
    }

    static func form(_ body: String, contentType: String? = IAMRequests.contentType) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "POST", path: "/", headers: contentType.map { [HTTPField("content-type", $0)] } ?? [],
            body: Array(body.utf8))
    }

    /// Each malformed request: its body, IAM's code, and a piece of the message.
    static let malformed: [(String, String, String)] = [
        ("Version=2010-05-08&RoleName=r", "MissingAction", "Missing Action"),
        ("Action=GetRole&RoleName=r", "InvalidAction", "NO_VERSION_SPECIFIED"),
        ("Action=GetRole&Version=2011-06-15&RoleName=r", "InvalidAction", "for version 2011-06-15"),
        ("Action=ListUsers&Version=2010-05-08", "InvalidAction", "Could not find operation ListUsers"),
        ("Action=GetRole&Version=2010-05-08", "ValidationError", "Value null at 'roleName'"),
        ("Action=GetRole&Version=2010-05-08&RoleName=a%2Fb", "ValidationError", "pattern: [\\w+=,.@-]+"),
        ("Action=GetRole&Version=2010-05-08&RoleName=%ZZ", "MalformedQueryString", "RoleName"),
        (
            "Action=GetRole&Version=2010-05-08&RoleName=" + String(repeating: "a", count: 65),
            "ValidationError",
            "length between 1 and 64"
        ),
        (
            "Action=ListRolePolicies&Version=2010-05-08&RoleName=r&MaxItems=0", "ValidationError",
            "between 1 and 1000"
        ),
        (
            "Action=ListRolePolicies&Version=2010-05-08&RoleName=r&MaxItems=ten", "ValidationError",
            "must be a number"
        ),
        ("Action=CreateRole&Version=2010-05-08&RoleName=r", "ValidationError", "'assumeRolePolicyDocument'"),
        (
            "Action=CreateRole&Version=2010-05-08&RoleName=r&AssumeRolePolicyDocument=%7B%7D&Path=a",
            "ValidationError",
            "'path'"
        ),
        (
            "Action=CreateRole&Version=2010-05-08&RoleName=r&AssumeRolePolicyDocument=%7B%7D&MaxSessionDuration=60",
            "ValidationError", "between 3600 and 43200"
        ),
        (
            "Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fabcdef",
            "ValidationError", "'actionNames'"
        ),
        (
            "Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fabcdef"
                + "&ActionNames.member.1=s3%3AGetObject&ActionNames.member.3=s3%3APutObject",
            "ValidationError",
            "'actionNames.member.2'"
        ),
        (
            "Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fabcdef"
                + "&ActionNames.member.1=s3%3AGetObject&ContextEntries.member.1.ContextKeyType=word",
            "ValidationError",
            "enum value set"
        ),
        (
            "Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fabcdef"
                + "&ActionNames.member.1=s3%3AGetObject&PolicyInputList.member.1=%7B%7D",
            "InvalidParameterValue",
            "PolicyInputList"
        ),
    ]

    @Test(arguments: malformed)
    func malformedRequestIsIAMs400(_ body: String, _ code: String, _ message: String) {
        do {
            let read = try IAMRequests.read(Self.form(body))
            Issue.record("read as \(read)")
        } catch {
            #expect(error.code == code)
            #expect(error.status == 400)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func whatCountsAsAnIAMRequest() {
        #expect(IAMRequests.isIAMRequest(Self.form("Action=GetRole")))
        #expect(!IAMRequests.isIAMRequest(Self.form("Action=GetRole", contentType: nil)))
        var signed = Self.form("Action=GetRole", contentType: nil)
        signed.headers = [
            HTTPField(
                "authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iam/aws4_request, x")
        ]
        #expect(IAMRequests.isIAMRequest(signed))
        var bucketPost = Self.form("Action=GetRole")
        bucketPost.path = "/bucket"
        #expect(!IAMRequests.isIAMRequest(bucketPost))
    }
}
