import BopsAWSModel
import BopsJobs
import BopsSigV4
import FoundationEssentials

/// The AWS engine: the S3 Batch Operations job API over S3 Control, and the S3 subset bops needs,
/// over HTTPS with SigV4, retries in standard mode and the default credential chain.
///
/// Invariants: every request is signed with credentials from ``credentials``; answers that are AWS
/// errors are thrown as `EngineError` (code, message, request id, status); failures below HTTP as
/// ``TransportError``; nothing the engine logs or throws contains a secret. Call ``shutdown()``
/// before dropping an engine that owns its transport.
public final class AWSEngine: Sendable {
    public let region: String
    /// Where ``region`` came from (`AWS_REGION`, a profile, bops.yaml, default).
    public let regionSource: String
    public let endpoints: AWSEndpoints
    public let credentials: any CredentialProvider
    public let sts: STSClient
    let sender: AWSRequestSender
    let ownedTransport: AsyncHTTPTransport?
    let configuredAccount: String?
    let placeholderAccount: String?
    let state = EngineState()

    /// - Throws: ``AWSConfigurationError`` for an unusable endpoint or proxy variable, CA bundle,
    ///   or shared config file.
    public init(_ configuration: AWSEngineConfiguration = AWSEngineConfiguration()) throws {
        let environment = configuration.environment
        let shared = try SharedConfig.load(environment: environment)
        (region, regionSource) = RegionResolver.resolve(
            environment: environment, profile: shared, configured: configuration.region)
        endpoints = try AWSEndpoints(environment: environment)
        let transport: any HTTPTransport
        if let given = configuration.transport {
            transport = given
            ownedTransport = nil
        } else {
            let owned = try AsyncHTTPTransport(
                options: try configuration.transportOptions ?? TransportOptions(environment: environment))
            transport = owned
            ownedTransport = owned
        }
        sender = AWSRequestSender(
            transport: transport, retrier: Retrier(policy: configuration.retry), logger: configuration.logger)
        sts = STSClient(sender: sender, endpoints: endpoints, region: region)
        if let provider = configuration.credentials {
            credentials = provider
        } else {
            credentials = CredentialChain(
                sources: try CredentialChain.standardSources(
                    environment: environment, config: shared, sts: sts, transport: transport))
        }
        configuredAccount = configuration.account
        placeholderAccount = configuration.placeholderAccount
    }

    /// Closes the engine's own HTTP connections (a no-op with an injected transport).
    public func shutdown() async throws {
        try await ownedTransport?.shutdown()
    }

    /// Which source the credentials come from, without secrets (`profile 'dev' in ~/.aws/credentials`).
    public func credentialSource() async throws -> String {
        try await credentials.credentials().source
    }

    /// The account jobs belong to by default: bops.yaml's, else the caller's from GetCallerIdentity
    /// (asked once).
    public func defaultAccount() async throws -> String {
        if let configuredAccount { return configuredAccount }
        if let known = await state.callerAccount { return known }
        let identity = try await sts.getCallerIdentity(
            credentials: try await credentials.credentials().credentials)
        await state.setCallerAccount(identity.account)
        return identity.account
    }

    /// `accountId`, or the default account when it is the placeholder.
    func account(_ accountId: String) async throws -> String {
        if let placeholderAccount, accountId == placeholderAccount { return try await defaultAccount() }
        return accountId
    }

    /// One signed call to S3 Control.
    func control(
        _ operation: String, accountId: String, _ parts: HTTPRequestParts
    ) async throws -> HTTPResponseParts {
        let (scheme, host) = endpoints.s3Control(accountId: accountId, region: region)
        let creds = try await credentials.credentials().credentials
        return try await sender.send(
            service: .s3Control, operation: operation, region: region, scheme: scheme, host: host,
            parts: parts,
            credentials: creds)
    }

    /// One signed call to S3 on `bucket`, in the bucket's own region when S3 says it differs.
    func s3(
        _ operation: String, bucket: String, body: RequestBody? = nil,
        _ build: (S3Addressing) -> HTTPRequestParts
    ) async throws -> HTTPResponseParts {
        var bucketRegion = await state.bucketRegions[bucket] ?? region
        for _ in 0..<2 {
            let (scheme, host, addressing) = endpoints.s3(bucket: bucket, region: bucketRegion)
            let creds = try await credentials.credentials().credentials
            let response = try await sender.send(
                service: .s3, operation: operation, region: bucketRegion, scheme: scheme, host: host,
                parts: build(addressing), body: body, credentials: creds)
            if [301, 307, 400].contains(response.status), let actual = response.header("x-amz-bucket-region"),
                actual != bucketRegion, endpoints.custom[.s3] == nil
            {
                await state.setBucketRegion(bucket, actual)
                bucketRegion = actual
                continue
            }
            return response
        }
        throw EngineError(
            code: "PermanentRedirect", message: "bucket \(bucket) kept answering with another region",
            httpStatus: 301)
    }
}

/// The engine's mutable caches.
actor EngineState {
    var callerAccount: String?
    var bucketRegions: [String: String] = [:]

    func setCallerAccount(_ account: String) { callerAccount = account }
    func setBucketRegion(_ bucket: String, _ region: String) { bucketRegions[bucket] = region }
}
