import BopsAWS
import BopsAWSModel
import BopsJobs
import BopsSigV4
import BopsTestSupport
import Foundation
import Logging
import Testing

/// A transport that records every request and answers with `answer`.
final class IAMRecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [TransportRequest] = []
    let answer: @Sendable (TransportRequest, Int) -> HTTPResponseParts

    init(answer: @escaping @Sendable (TransportRequest, Int) -> HTTPResponseParts) {
        self.answer = answer
    }

    var requests: [TransportRequest] { lock.withLock { sent } }

    func send(_ request: TransportRequest) async throws -> HTTPResponseParts {
        let index = lock.withLock {
            sent.append(request)
            return sent.count - 1
        }
        return answer(request, index)
    }
}

/// The requests botocore signs for IAM at a fixed time with fixed keys.
enum IAMSigningOracle {
    static let time = Date(timeIntervalSince1970: 1_773_500_966)  // 2026-03-14T15:09:26Z
    static let accessKey = "AKIDEXAMPLE"
    static let secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let sessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+/=="

    static let script = #"""
        import datetime, json, sys
        import botocore, botocore.auth, botocore.session
        from botocore.config import Config

        botocore.auth.get_current_datetime = lambda: datetime.datetime(2026, 3, 14, 15, 9, 26)

        class Captured(Exception):
            pass

        session = botocore.session.get_session()
        results = []
        for case in json.load(sys.stdin)["cases"]:
            client = session.create_client(
                "iam", region_name=case["region"], aws_access_key_id=case["accessKey"],
                aws_secret_access_key=case["secretKey"], aws_session_token=case.get("token"),
                config=Config(retries={"max_attempts": 1, "mode": "standard"}))
            captured = {}
            def before_send(request, **kwargs):
                captured["request"] = request
                raise Captured()
            client.meta.events.register("before-send", before_send)
            try:
                # botocore writes members in the order given: give them in the model's order.
                shape = client.meta.service_model.operation_model(case["operation"]).input_shape
                params = {name: case["params"][name] for name in shape.members if name in case["params"]}
                getattr(client, botocore.xform_name(case["operation"]))(**params)
            except Captured:
                pass
            request = captured["request"]
            body = request.body or b""
            if isinstance(body, str):
                body = body.encode("utf-8")
            results.append({
                "url": request.url,
                "headers": {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()},
                "body": body.decode("utf-8"),
            })
        json.dump({"results": results}, sys.stdout)
        """#

    struct Signed {
        var url: String
        var headers: [String: String]
        var body: String
    }

    static func sign(
        operation: String, params: [String: Any], region: String, token: String?
    ) throws -> Signed {
        var entry: [String: Any] = [
            "operation": operation, "params": params, "region": region, "accessKey": accessKey,
            "secretKey": secretKey,
        ]
        if let token { entry["token"] = token }
        let input = try JSONSerialization.data(withJSONObject: ["cases": [entry]])
        let run = try BotocoreOracle.run(["-c", script], input: input)
        guard run.status == 0 else { throw BotocoreOracle.Failure("signing oracle failed: \(run.stderr)") }
        let object = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        guard let first = (object?["results"] as? [[String: Any]])?.first else {
            throw BotocoreOracle.Failure("signing oracle answered nothing")
        }
        return Signed(
            url: first["url"] as? String ?? "", headers: first["headers"] as? [String: String] ?? [:],
            body: first["body"] as? String ?? "")
    }
}

/// One IAM call made by our client and by botocore with the same parameters.
struct IAMSignedCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var operation: String
    var paramsJSON: String
    var region = "us-east-1"
    var call: @Sendable (IAMClient) async throws -> Void
}

@Suite(.tags(.process)) struct IAMClientTests {
    static let role = "arn:aws:iam::123456789012:role/service-role/bops-copy"
    static let trust = """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", \
        "Principal": {"Service": "batchoperations.s3.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
        """

    static func json(_ object: Any) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }

    static let signedCases: [IAMSignedCase] = [
        IAMSignedCase(
            testDescription: "GetRole", operation: "GetRole", paramsJSON: json(["RoleName": "bops-copy"])
        ) { _ = try await $0.getRole(roleName: "bops-copy") },
        IAMSignedCase(
            testDescription: "CreateRole in China", operation: "CreateRole",
            paramsJSON: json(["RoleName": "bops-copy", "AssumeRolePolicyDocument": trust]),
            region: "cn-north-1"
        ) {
            _ = try await $0.createRole(
                IAMCreateRoleInput(roleName: "bops-copy", assumeRolePolicyDocument: trust))
        },
        IAMSignedCase(
            testDescription: "SimulatePrincipalPolicy", operation: "SimulatePrincipalPolicy",
            paramsJSON: json([
                "PolicySourceArn": role, "ActionNames": ["s3:GetObject", "s3:PutObject"],
                "ResourceArns": ["arn:aws:s3:::dst/a b/*"], "MaxItems": 50, "Marker": "m/+=",
            ])
        ) {
            _ = try await $0.simulatePrincipalPolicy(
                IAMSimulationInput(
                    policySourceArn: role, actionNames: ["s3:GetObject", "s3:PutObject"],
                    resourceArns: ["arn:aws:s3:::dst/a b/*"], maxItems: 50, marker: "m/+="))
        },
    ]

    static func client(
        _ transport: IAMRecordingTransport, region: String = "us-east-1", token: String? = nil
    ) -> IAMClient {
        IAMClient(
            sender: AWSRequestSender(
                transport: transport, retrier: Retrier(policy: .none), clock: { IAMSigningOracle.time }),
            endpoints: AWSEndpoints(), region: region,
            credentials: StaticCredentialProvider(
                AWSCredentials(
                    accessKeyId: IAMSigningOracle.accessKey, secretAccessKey: IAMSigningOracle.secretKey,
                    sessionToken: token)))
    }

    /// The whole signed request (host, body, every signed header and the signature) is botocore's.
    @Test(
        .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
        arguments: signedCases, [nil, IAMSigningOracle.sessionToken])
    func signedRequestIsBotocores(_ c: IAMSignedCase, _ token: String?) async throws {
        let transport = IAMRecordingTransport { _, _ in HTTPResponseParts(status: 500, body: "") }
        _ = try? await c.call(Self.client(transport, region: c.region, token: token))
        let ours = try #require(transport.requests.first)
        let params = try JSONSerialization.jsonObject(with: Data(c.paramsJSON.utf8)) as? [String: Any] ?? [:]
        let theirs = try IAMSigningOracle.sign(
            operation: c.operation, params: params, region: c.region, token: token)
        #expect(ours.url == theirs.url)
        guard case .bytes(let body) = ours.body else { throw BotocoreOracle.Failure("not a bytes body") }
        #expect(String(decoding: body, as: UTF8.self) == theirs.body)
        var ourHeaders = Dictionary(ours.headers.map { ($0.name.lowercased(), $0.value) }) { a, _ in a }
        #expect(ourHeaders.removeValue(forKey: "host") == URL(string: theirs.url)?.host)
        ourHeaders.removeValue(forKey: "user-agent")
        let transportOnly: Set<String> = [
            "user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "content-length",
        ]
        let theirHeaders = theirs.headers.filter { !transportOnly.contains($0.key) }
        #expect(ourHeaders == theirHeaders)
        #expect(theirHeaders["authorization"]?.contains("/iam/aws4_request") == true)
    }

    static func page(_ results: [IAMEvaluationResult], marker: String?) -> HTTPResponseParts {
        HTTPResponseParts(
            status: 200,
            body: IAMResponses.simulatePrincipalPolicyBody(
                IAMSimulationPage(results: results, isTruncated: marker != nil, marker: marker),
                requestId: "r"))
    }

    @Test func simulateAllFollowsMarkersToTheEnd() async throws {
        let pages = [
            Self.page(
                [IAMEvaluationResult(actionName: "s3:GetObject", resourceName: "*", decision: .allowed)],
                marker: "p2"),
            Self.page(
                [IAMEvaluationResult(actionName: "s3:PutObject", resourceName: "*", decision: .implicitDeny)],
                marker: "p3"),
            Self.page(
                [IAMEvaluationResult(actionName: "kms:Decrypt", resourceName: "*", decision: .explicitDeny)],
                marker: nil),
        ]
        let transport = IAMRecordingTransport { _, index in pages[min(index, pages.count - 1)] }
        let results = try await Self.client(transport).simulateAll(
            IAMSimulationInput(
                policySourceArn: Self.role, actionNames: ["s3:GetObject", "s3:PutObject", "kms:Decrypt"]))
        #expect(results.map(\.decision) == [.allowed, .implicitDeny, .explicitDeny])
        let bodies = transport.requests.map { request -> String in
            guard case .bytes(let body) = request.body else { return "" }
            return String(decoding: body, as: UTF8.self)
        }
        #expect(bodies.count == 3)
        #expect(!bodies[0].contains("Marker="))
        #expect(bodies[1].hasSuffix("&Marker=p2"))
        #expect(bodies[2].hasSuffix("&Marker=p3"))
    }

    @Test func aTruncatedPageWithoutAMarkerIsAnErrorNotALoop() async throws {
        let body = """
            <SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults/>\
            <IsTruncated>true</IsTruncated></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>
            """
        let transport = IAMRecordingTransport { _, _ in HTTPResponseParts(status: 200, body: body) }
        await #expect(throws: EngineError.self) {
            _ = try await Self.client(transport).simulateAll(
                IAMSimulationInput(policySourceArn: Self.role, actionNames: ["s3:GetObject"]))
        }
        #expect(transport.requests.count == 1)
    }

    @Test func theIAMEndpointIsOverriddenLikeTheOthers() throws {
        let specific = try AWSEndpoints(
            environment: AWSEnvironment([
                "AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_IAM": "http://127.0.0.1:2",
            ]))
        let a = specific.iam(region: "eu-west-1")
        #expect([a.scheme, a.host, a.signingRegion] == ["http", "127.0.0.1:2", "us-east-1"])
        let shared = try AWSEndpoints(environment: AWSEnvironment(["AWS_ENDPOINT_URL": "http://127.0.0.1:1"]))
        let b = shared.iam(region: "cn-north-1")
        #expect([b.scheme, b.host, b.signingRegion] == ["http", "127.0.0.1:1", "cn-north-1"])
        let c = AWSEndpoints().iam(region: "us-gov-east-1")
        #expect(
            [c.scheme, c.host, c.signingRegion] == ["https", "iam.us-gov.amazonaws.com", "us-gov-west-1"])
    }
}
