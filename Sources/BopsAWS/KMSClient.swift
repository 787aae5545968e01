public import BopsAWSModel
import BopsJobs

/// KMS over HTTP (JSON 1.1, SigV4 for the service `kms`, the engine's retries): the key reads a
/// plan makes, and the calls tests set keys up with. KMS is regional: requests go to
/// `kms.REGION.amazonaws.com` or to `AWS_ENDPOINT_URL_KMS` / `AWS_ENDPOINT_URL`, signed for the
/// client's region. Errors are `EngineError`s with KMS's codes (`NotFoundException`,
/// `AccessDeniedException`, ...) and messages.
public struct KMSClient: Sendable {
    public var sender: AWSRequestSender
    public var endpoints: AWSEndpoints
    public var region: String
    public var credentials: any CredentialProvider

    public init(
        sender: AWSRequestSender, endpoints: AWSEndpoints, region: String, credentials: any CredentialProvider
    ) {
        self.sender = sender
        self.endpoints = endpoints
        self.region = region
        self.credentials = credentials
    }

    public func describeKey(keyId: String) async throws -> KMSKeyMetadata {
        try metadata(try await call("DescribeKey", KMSRequests.describeKey(keyId: keyId)))
    }

    public func getKeyPolicy(keyId: String) async throws -> String {
        let body = try await call("GetKeyPolicy", KMSRequests.getKeyPolicy(keyId: keyId))
        guard let policy = KMSResponses.keyPolicy(body) else {
            throw EngineError(code: "InvalidResponse", message: "GetKeyPolicy answered without a Policy")
        }
        return policy
    }

    public func createKey(policy: String?, description: String? = nil) async throws -> KMSKeyMetadata {
        try metadata(
            try await call("CreateKey", KMSRequests.createKey(policy: policy, description: description)))
    }

    public func putKeyPolicy(keyId: String, policy: String) async throws {
        _ = try await call("PutKeyPolicy", KMSRequests.putKeyPolicy(keyId: keyId, policy: policy))
    }

    public func disableKey(keyId: String) async throws {
        _ = try await call("DisableKey", KMSRequests.disableKey(keyId: keyId))
    }

    func metadata(_ body: [UInt8]) throws -> KMSKeyMetadata {
        guard let m = KMSResponses.keyMetadata(body) else {
            throw EngineError(code: "InvalidResponse", message: "KMS answered without KeyMetadata")
        }
        return m
    }

    /// The body of a 2xx answer; KMS's error as an `EngineError` otherwise.
    func call(_ operation: String, _ parts: HTTPRequestParts) async throws -> [UInt8] {
        let endpoint = endpoints.custom[.kms]
        let resolved = try await credentials.credentials()
        let response = try await sender.send(
            service: .kms, operation: operation, region: region, scheme: endpoint?.scheme ?? "https",
            host: endpoint?.authority ?? KMSRequests.host(region: region), parts: parts,
            credentials: resolved.credentials)
        guard response.isSuccess else {
            let (code, message) =
                KMSResponses.error(response.body) ?? (
                    "HTTP\(response.status)", "KMS answered \(response.status)"
                )
            throw EngineError(code: code, message: message, httpStatus: response.status)
        }
        return response.body
    }
}
