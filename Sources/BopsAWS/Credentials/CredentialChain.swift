public import FoundationEssentials

/// The default chain, in botocore's order: environment variables, web identity from the
/// environment, the shared config and credentials files (profile in use), container credentials,
/// then EC2 instance metadata (IMDSv2). The first source that is configured answers; a configured
/// source that fails stops the chain with its error.
///
/// Credentials are cached and loaded again once they are within `refreshWindow` (5 minutes) of
/// their expiry; long-term keys are loaded once. Concurrent callers share one load.
public actor CredentialChain: CredentialProvider {
    public nonisolated let sources: [any CredentialSource]
    public nonisolated let refreshWindow: Duration
    private let clock: @Sendable () -> Date
    private var cached: ResolvedCredentials?
    private var loading: Task<ResolvedCredentials, any Error>?

    public init(
        sources: [any CredentialSource], refreshWindow: Duration = .seconds(300),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.sources = sources
        self.refreshWindow = refreshWindow
        self.clock = clock
    }

    /// The default sources for `environment`. `sts` serves web identity and role profiles;
    /// `transport` reaches the container and instance metadata endpoints.
    public static func standardSources(
        environment: AWSEnvironment, config: SharedConfig, sts: STSClient, transport: any HTTPTransport
    ) throws -> [any CredentialSource] {
        var sources: [any CredentialSource] = [EnvironmentCredentialSource(environment: environment)]
        if let web = try WebIdentityCredentialSource.fromEnvironment(environment, sts: sts) {
            sources.append(web)
        }
        sources.append(
            ProfileCredentialSource(config: config, environment: environment, sts: sts, transport: transport))
        if let container = try ContainerCredentialSource.fromEnvironment(environment, transport: transport) {
            sources.append(container)
        }
        if let imds = try InstanceMetadataCredentialSource.fromEnvironment(environment, transport: transport)
        {
            sources.append(imds)
        }
        return sources
    }

    public func credentials() async throws -> ResolvedCredentials {
        if let cached, isFresh(cached) { return cached }
        if let loading { return try await loading.value }
        let sources = self.sources
        let task = Task { () throws -> ResolvedCredentials in
            for source in sources {
                if let found = try await source.load() { return found }
            }
            throw CredentialError(
                source: "the default chain",
                "no credentials found (tried \(sources.map(\.name).joined(separator: ", ")))",
                hint:
                    "set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where a role is attached"
            )
        }
        loading = task
        defer { loading = nil }
        let found = try await task.value
        cached = found
        return found
    }

    /// Forgets the cached credentials (the next call loads them again).
    public func invalidate() {
        cached = nil
    }

    private func isFresh(_ credentials: ResolvedCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return expiration.timeIntervalSince(clock()) > RetryPolicy.seconds(refreshWindow)
    }
}
