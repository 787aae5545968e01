public import BopsAWSModel
public import BopsSigV4
import FoundationEssentials

/// STS over HTTP: GetCallerIdentity, AssumeRole (signed with the given credentials) and
/// AssumeRoleWithWebIdentity (unsigned). Errors are `EngineError`s with STS's codes.
public struct STSClient: Sendable {
    public var sender: AWSRequestSender
    public var endpoints: AWSEndpoints
    public var region: String

    public init(sender: AWSRequestSender, endpoints: AWSEndpoints, region: String) {
        self.sender = sender
        self.endpoints = endpoints
        self.region = region
    }

    public func getCallerIdentity(credentials: AWSCredentials) async throws -> CallerIdentity {
        let response = try await call("GetCallerIdentity", STSRequests.getCallerIdentity(), credentials)
        return try STSResponses.getCallerIdentity(response)
    }

    public func assumeRole(
        credentials: AWSCredentials, roleArn: String, sessionName: String, externalId: String? = nil,
        durationSeconds: Int? = nil
    ) async throws -> AssumedRole {
        let parts = STSRequests.assumeRole(
            roleArn: roleArn, sessionName: sessionName, durationSeconds: durationSeconds,
            externalId: externalId)
        return try STSResponses.assumeRole(try await call("AssumeRole", parts, credentials))
    }

    public func assumeRoleWithWebIdentity(
        roleArn: String, sessionName: String, token: String
    ) async throws
        -> AssumedRole
    {
        let parts = STSRequests.assumeRoleWithWebIdentity(
            roleArn: roleArn, sessionName: sessionName, webIdentityToken: token)
        return try STSResponses.assumeRoleWithWebIdentity(
            try await call("AssumeRoleWithWebIdentity", parts, nil))
    }

    func call(
        _ operation: String, _ parts: HTTPRequestParts, _ credentials: AWSCredentials?
    ) async throws
        -> HTTPResponseParts
    {
        let (scheme, host) = endpoints.sts(region: region)
        return try await sender.send(
            service: .sts, operation: operation, region: region, scheme: scheme, host: host, parts: parts,
            credentials: credentials)
    }
}

extension AssumedRole {
    func resolved(source: String) -> ResolvedCredentials {
        ResolvedCredentials(
            credentials: AWSCredentials(
                accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken),
            expiration: credentials.expiration, source: source)
    }
}
