public import Logging

/// What an ``AWSEngine`` is built from. Everything has a default read from `environment`.
public struct AWSEngineConfiguration: Sendable {
    /// The project's region (bops.yaml or spec); `AWS_REGION`, `AWS_DEFAULT_REGION` and the
    /// profile's region win over it.
    public var region: String?
    /// The project's account (bops.yaml). When `nil`, the caller's account from STS
    /// GetCallerIdentity is the default.
    public var account: String?
    /// An account id that stands for "the caller's own account": job calls made with it use the
    /// default account instead (bops passes its placeholder when bops.yaml names no account).
    public var placeholderAccount: String?
    public var environment: AWSEnvironment
    /// Receives one debug record per HTTP attempt and an info record per retry (see
    /// ``AWSRequestSender``); silent by default.
    public var logger: Logger
    public var retry: RetryPolicy
    /// `nil`: an ``AsyncHTTPTransport`` configured from `environment`, owned by the engine.
    public var transport: (any HTTPTransport)?
    /// `nil`: the default ``CredentialChain``.
    public var credentials: (any CredentialProvider)?
    public var transportOptions: TransportOptions?

    public init(
        region: String? = nil, account: String? = nil, placeholderAccount: String? = nil,
        environment: AWSEnvironment = .process,
        logger: Logger = Logger(label: "bops.aws") { _ in SwiftLogNoOpLogHandler() },
        retry: RetryPolicy = .standard,
        transport: (any HTTPTransport)? = nil, credentials: (any CredentialProvider)? = nil,
        transportOptions: TransportOptions? = nil
    ) {
        self.region = region
        self.account = account
        self.placeholderAccount = placeholderAccount
        self.environment = environment
        self.logger = logger
        self.retry = retry
        self.transport = transport
        self.credentials = credentials
        self.transportOptions = transportOptions
    }
}
