public import BopsAWSModel
import BopsJobs

/// IAM over HTTP (query protocol, SigV4 for the service `iam`, the engine's retries): the role
/// calls bops needs. IAM is global: requests go to the partition's endpoint
/// (`iam.amazonaws.com`, signed for `us-east-1`) or to `AWS_ENDPOINT_URL_IAM` /
/// `AWS_ENDPOINT_URL`. Errors are `EngineError`s with IAM's codes (`NoSuchEntity`,
/// `AccessDenied`, ...).
public struct IAMClient: Sendable {
    public var sender: AWSRequestSender
    public var endpoints: AWSEndpoints
    /// The client's region; only its partition matters.
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

    public func getRole(roleName: String) async throws -> IAMRole {
        try IAMResponses.getRole(try await call("GetRole", IAMRequests.getRole(roleName: roleName)))
    }

    public func createRole(_ input: IAMCreateRoleInput) async throws -> IAMRole {
        try IAMResponses.createRole(try await call("CreateRole", IAMRequests.createRole(input)))
    }

    public func deleteRole(roleName: String) async throws {
        try IAMResponses.emptyResult(try await call("DeleteRole", IAMRequests.deleteRole(roleName: roleName)))
    }

    public func putRolePolicy(roleName: String, policyName: String, policyDocument: String) async throws {
        let parts = IAMRequests.putRolePolicy(
            roleName: roleName, policyName: policyName, policyDocument: policyDocument)
        try IAMResponses.emptyResult(try await call("PutRolePolicy", parts))
    }

    public func getRolePolicy(roleName: String, policyName: String) async throws -> IAMRolePolicy {
        let parts = IAMRequests.getRolePolicy(roleName: roleName, policyName: policyName)
        return try IAMResponses.getRolePolicy(try await call("GetRolePolicy", parts))
    }

    public func deleteRolePolicy(roleName: String, policyName: String) async throws {
        let parts = IAMRequests.deleteRolePolicy(roleName: roleName, policyName: policyName)
        try IAMResponses.emptyResult(try await call("DeleteRolePolicy", parts))
    }

    public func listRolePolicies(
        roleName: String, marker: String? = nil, maxItems: Int? = nil
    ) async throws -> IAMPolicyNamesPage {
        let parts = IAMRequests.listRolePolicies(roleName: roleName, marker: marker, maxItems: maxItems)
        return try IAMResponses.listRolePolicies(try await call("ListRolePolicies", parts))
    }

    /// One page of SimulatePrincipalPolicy.
    public func simulatePrincipalPolicy(_ input: IAMSimulationInput) async throws -> IAMSimulationPage {
        try IAMResponses.simulatePrincipalPolicy(
            try await call("SimulatePrincipalPolicy", IAMRequests.simulatePrincipalPolicy(input)))
    }

    /// Every page of SimulatePrincipalPolicy for `input` (its `marker` is where to start),
    /// following `Marker` until IAM says the answer is complete. A truncated page without a
    /// marker, or one that repeats the marker it was asked with, is an error rather than a loop.
    public func simulateAll(_ input: IAMSimulationInput) async throws -> [IAMEvaluationResult] {
        var input = input
        var results: [IAMEvaluationResult] = []
        while true {
            let page = try await simulatePrincipalPolicy(input)
            results += page.results
            guard page.isTruncated else { return results }
            guard let marker = page.marker, marker != input.marker else {
                throw EngineError(
                    code: "InvalidMarker",
                    message: "SimulatePrincipalPolicy answered a truncated page without a new Marker")
            }
            input.marker = marker
        }
    }

    func call(_ operation: String, _ parts: HTTPRequestParts) async throws -> HTTPResponseParts {
        let (scheme, host, signingRegion) = endpoints.iam(region: region)
        let resolved = try await credentials.credentials()
        return try await sender.send(
            service: .iam, operation: operation, region: signingRegion, scheme: scheme, host: host,
            parts: parts,
            credentials: resolved.credentials)
    }
}

extension AWSEndpoints {
    /// Scheme, host and signing region of an IAM request from a client in `region`: the
    /// partition's global endpoint, or the custom one (signed for the partition's home region).
    public func iam(region: String) -> (scheme: String, host: String, signingRegion: String) {
        let global = IAMRequests.endpoint(region: region)
        guard let endpoint = custom[.iam] else { return ("https", global.host, global.signingRegion) }
        return (endpoint.scheme, endpoint.authority, global.signingRegion)
    }
}
