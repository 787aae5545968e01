import BopsAWSModel
import BopsTestSupport
import Foundation
import Testing

/// One KMS request: ours, the model's parameters botocore builds it from, and what reading it gives.
struct KMSRequestCase: Sendable, CustomTestStringConvertible {
    var name: String
    var ours: HTTPRequestParts
    var operation: String
    var params: [String: String]
    var expected: KMSRequest
    var testDescription: String { name }

    static let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let policy =
        #"{"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "#
        + #""Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}"#

    static let all: [KMSRequestCase] = [
        KMSRequestCase(
            name: "DescribeKey by ARN", ours: KMSRequests.describeKey(keyId: key), operation: "DescribeKey",
            params: ["KeyId": key], expected: .describeKey(keyId: key)),
        KMSRequestCase(
            name: "DescribeKey of an odd id", ours: KMSRequests.describeKey(keyId: "alias/é\"\\\n☃𝄞"),
            operation: "DescribeKey", params: ["KeyId": "alias/é\"\\\n☃𝄞"],
            expected: .describeKey(keyId: "alias/é\"\\\n☃𝄞")),
        KMSRequestCase(
            name: "GetKeyPolicy", ours: KMSRequests.getKeyPolicy(keyId: key), operation: "GetKeyPolicy",
            params: ["KeyId": key, "PolicyName": "default"],
            expected: .getKeyPolicy(keyId: key, policyName: "default")),
        KMSRequestCase(
            name: "CreateKey with a policy",
            ours: KMSRequests.createKey(policy: policy, description: "batch"),
            operation: "CreateKey", params: ["Policy": policy, "Description": "batch"],
            expected: .createKey(policy: policy, description: "batch")),
        KMSRequestCase(
            name: "CreateKey without members", ours: KMSRequests.createKey(policy: nil, description: nil),
            operation: "CreateKey", params: [:], expected: .createKey(policy: nil, description: nil)),
        KMSRequestCase(
            name: "PutKeyPolicy", ours: KMSRequests.putKeyPolicy(keyId: key, policy: policy),
            operation: "PutKeyPolicy", params: ["KeyId": key, "PolicyName": "default", "Policy": policy],
            expected: .putKeyPolicy(keyId: key, policyName: "default", policy: policy)),
        KMSRequestCase(
            name: "DisableKey", ours: KMSRequests.disableKey(keyId: key), operation: "DisableKey",
            params: ["KeyId": key], expected: .disableKey(keyId: key)),
        KMSRequestCase(
            name: "EnableKey", ours: KMSRequests.enableKey(keyId: key), operation: "EnableKey",
            params: ["KeyId": key], expected: .enableKey(keyId: key)),
    ]

    static let sent:
        Result<[String: Result<BotocoreOracle.Sent, BotocoreOracle.Failure>], BotocoreOracle.Failure> = {
            do {
                let results = try BotocoreOracle.serialise(
                    all.map {
                        [
                            "service": "kms", "region": "us-east-1", "operation": $0.operation,
                            "params": $0.params,
                        ]
                    })
                return .success(Dictionary(uniqueKeysWithValues: zip(all.map(\.name), results)))
            } catch let error as BotocoreOracle.Failure {
                return .failure(error)
            } catch {
                return .failure(BotocoreOracle.Failure("\(error)"))
            }
        }()
}

/// The KMS wire against botocore: our requests are byte for byte botocore's (body, target, content
/// type, host), botocore's requests read back as the calls they were built from, and botocore's
/// parser reads our answers and errors as the values we wrote.
@Suite(
    .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
    .tags(.process))
struct KMSWireTests {
    @Test(arguments: KMSRequestCase.all)
    func sameRequestAsBotocore(_ golden: KMSRequestCase) throws {
        let sent = try #require(try KMSRequestCase.sent.get()[golden.name]).get()
        #expect(sent.method == golden.ours.method && sent.path == golden.ours.path && sent.query.isEmpty)
        #expect(sent.host == KMSRequests.host(region: "us-east-1"))
        #expect(sent.headers["x-amz-target"] == golden.ours.header("x-amz-target"))
        #expect(sent.headers["content-type"] == golden.ours.header("content-type"))
        #expect(sent.headers["authorization"]?.contains("/us-east-1/kms/aws4_request") == true)
        #expect(
            golden.ours.body == sent.body,
            "ours: \(String(decoding: golden.ours.body, as: UTF8.self))\nbotocore: \(String(decoding: sent.body, as: UTF8.self))"
        )
    }

    @Test(arguments: KMSRequestCase.all)
    func readsBotocoresRequest(_ golden: KMSRequestCase) throws {
        let sent = try #require(try KMSRequestCase.sent.get()[golden.name]).get()
        let parts = HTTPRequestParts(
            method: sent.method, path: sent.path, headers: sent.headers.map { HTTPField($0.key, $0.value) },
            body: sent.body)
        #expect(KMSRequests.isKMSRequest(parts))
        #expect(try KMSRequests.read(parts) == golden.expected)
    }

    @Test func botocoreReadsOurKeyMetadata() throws {
        let m = KMSKeyMetadata(
            awsAccountId: "111122223333", keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
            arn: KMSRequestCase.key,
            creationDate: Date(timeIntervalSince1970: 1_700_000_000), description: "é batch",
            keyState: "Disabled")
        let body = String(decoding: KMSResponses.keyMetadataBody(m), as: UTF8.self)
        for operation in ["DescribeKey", "CreateKey"] {
            let parsed = try BotocoreOracle.parse(service: "kms", operation: operation, body: body)
            let expected: [String: Any] = [
                "KeyMetadata": [
                    "AWSAccountId": "111122223333", "KeyId": m.keyId, "Arn": m.arn,
                    "CreationDate": 1_700_000_000,
                    "Enabled": false, "Description": "é batch", "KeyUsage": "ENCRYPT_DECRYPT",
                    "KeyState": "Disabled",
                    "Origin": "AWS_KMS", "KeyManager": "CUSTOMER",
                    "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
                    "KeySpec": "SYMMETRIC_DEFAULT", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
                    "MultiRegion": false,
                ]
            ]
            #expect(BotocoreOracle.mismatches(expected: expected, parsed: parsed) == [], "\(operation)")
        }
        #expect(KMSResponses.keyMetadata(KMSResponses.keyMetadataBody(m)) == m)
    }

    @Test func botocoreReadsOurKeyPolicyAndErrors() throws {
        let body = String(decoding: KMSResponses.keyPolicyBody(policy: KMSRequestCase.policy), as: UTF8.self)
        let parsed = try BotocoreOracle.parse(service: "kms", operation: "GetKeyPolicy", body: body)
        #expect(
            BotocoreOracle.mismatches(
                expected: ["Policy": KMSRequestCase.policy, "PolicyName": "default"], parsed: parsed) == [])
        #expect(KMSResponses.keyPolicy(Array(body.utf8)) == KMSRequestCase.policy)

        let error = KMSResponses.errorBody(code: "NotFoundException", message: "Key 'k' does not exist")
        let parsedError = try BotocoreOracle.parse(
            service: "kms", operation: "DescribeKey", body: String(decoding: error, as: UTF8.self),
            status: 400)
        let fields = (parsedError as? [String: Any])?["Error"] as? [String: Any]
        #expect(fields?["Code"] as? String == "NotFoundException", "\(parsedError)")
        #expect(fields?["Message"] as? String == "Key 'k' does not exist", "\(parsedError)")
        #expect(KMSResponses.error(error)?.code == "NotFoundException")
        #expect(
            KMSResponses.error(
                Array(#"{"__type":"com.amazonaws.kms#DisabledException","message":"x"}"#.utf8))?.code
                == "DisabledException")
    }
}
