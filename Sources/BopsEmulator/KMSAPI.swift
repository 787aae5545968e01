import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import FoundationEssentials

/// KMS's JSON 1.1 API over the local engine's key store: CreateKey, DescribeKey, GetKeyPolicy,
/// PutKeyPolicy, DisableKey and EnableKey (`X-Amz-Target: TrentService.<Operation>`, signed for
/// `kms`), so boto3 and the AWS CLI manage the keys jobs are checked against. Keys are created in
/// the caller's account; every error is KMS's `{"__type", "message"}` body with HTTP 400. A store
/// that keeps no key describes any key ARN as jobs see it: enabled, with AWS's default key policy.
struct KMSAPI: Sendable {
    let engine: LocalEngine

    /// Whether the responder should hand the request to this API.
    static func accepts(method: String, target: String, headers: [(name: String, value: String)]) -> Bool {
        KMSRequests.isKMSRequest(
            HTTPRequestParts(
                method: method, path: String(target.prefix { $0 != "?" }),
                headers: headers.map { HTTPField($0.name, $0.value) }))
    }

    func handle(_ request: IncomingRequest, requestId: String) -> Answer {
        var answer: Answer
        do {
            answer = Self.json(try serve(try KMSRequests.read(request.parts), account: request.account))
        } catch let error as KMSRequestError {
            answer = Self.json(KMSResponses.errorBody(code: error.code, message: error.message), status: 400)
        } catch let error as EngineError {
            answer = Self.json(KMSResponses.errorBody(code: error.code, message: error.message), status: 400)
        } catch {
            answer = Self.json(
                KMSResponses.errorBody(code: "KMSInternalException", message: "\(error)"), status: 500)
        }
        answer.headers.append(("x-amzn-RequestId", requestId))
        return answer
    }

    static func json(_ body: [UInt8], status: Int = 200) -> Answer {
        Answer(status: status, headers: [("Content-Type", KMSRequests.contentType)], body: body)
    }

    func serve(_ request: KMSRequest, account: String) throws -> [UInt8] {
        switch request {
        case .createKey(let policy, let description):
            let key = try engine.createKey(policy: policy, description: description ?? "", accountId: account)
            return KMSResponses.keyMetadataBody(Self.metadata(key))
        case .describeKey(let id):
            return KMSResponses.keyMetadataBody(Self.metadata(try existing(id, described: true)))
        case .getKeyPolicy(let id, let name):
            try Self.checkPolicyName(name)
            return KMSResponses.keyPolicyBody(
                policy: try existing(id, described: true).policy, policyName: name)
        case .putKeyPolicy(let id, let name, let policy):
            try Self.checkPolicyName(name)
            _ = try existing(id)
            try engine.putKeyPolicy(id, policy: policy)
            return KMSResponses.emptyBody
        case .disableKey(let id), .enableKey(let id):
            _ = try existing(id)
            if case .enableKey = request {
                try engine.setKeyEnabled(id, true)
            } else {
                try engine.setKeyEnabled(id, false)
            }
            return KMSResponses.emptyBody
        }
    }

    /// The stored key `id` names; with `described`, also the implicit key of a key ARN in a store
    /// that keeps no key (``LocalEngine/describedKey(_:)``), which jobs accept.
    func existing(_ id: String, described: Bool = false) throws -> LocalKey {
        guard let key = try described ? engine.describedKey(id) : engine.key(id) else {
            throw EngineError(
                code: "NotFoundException", message: "Key '\(id)' does not exist", httpStatus: 400)
        }
        return key
    }

    /// KMS keeps one key policy, named `default`.
    static func checkPolicyName(_ name: String) throws {
        guard name == "default" else {
            throw EngineError(
                code: "NotFoundException", message: "No such policy exists: \(name)", httpStatus: 400)
        }
    }

    static func metadata(_ key: LocalKey) -> KMSKeyMetadata {
        KMSKeyMetadata(
            awsAccountId: key.accountId, keyId: key.keyId, arn: key.arn, creationDate: key.creationDate,
            description: key.description, keyState: key.keyState)
    }
}
