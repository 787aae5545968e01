public import BopsAWSModel
import BopsJobs
public import BopsSigV4
public import FoundationEssentials
public import Logging

/// Signs, sends and retries one AWS request, and logs each attempt.
///
/// Invariants: each attempt is signed afresh (new `X-Amz-Date`); log records carry only the service,
/// operation, method, host, status, AWS request id, attempt and error code (in the message and as
/// metadata `service`, `operation`, `status`, `request_id`, `attempt`); the only headers added
/// besides the request's own are `host`, `user-agent` and the signer's.
public struct AWSRequestSender: Sendable {
    public var transport: any HTTPTransport
    public var retrier: Retrier
    public var logger: Logger
    public var clock: @Sendable () -> Date
    public var userAgent: String

    public init(
        transport: any HTTPTransport, retrier: Retrier = Retrier(),
        logger: Logger = Logger(label: "bops.aws") { _ in SwiftLogNoOpLogHandler() },
        clock: @escaping @Sendable () -> Date = { Date() }, userAgent: String = "bops"
    ) {
        self.transport = transport
        self.retrier = retrier
        self.logger = logger
        self.clock = clock
        self.userAgent = userAgent
    }

    /// One call. `credentials == nil` sends the request unsigned (AssumeRoleWithWebIdentity).
    /// `body` replaces `parts.body` (a streamed file). Returns the last answer whatever its status;
    /// throws ``TransportError`` when no answer came after the retries.
    public func send(
        service: AWSService, operation: String, region: String, scheme: String, host: String,
        parts: HTTPRequestParts, body: RequestBody? = nil, credentials: AWSCredentials?
    ) async throws -> HTTPResponseParts {
        let body = body ?? .bytes(parts.body)
        let label = "\(Self.serviceLabel(service)).\(operation)"
        return try await retrier.run(
            { attempt in
                let request = try sign(
                    service: service, region: region, scheme: scheme, host: host, parts: parts, body: body,
                    credentials: credentials)
                let started = ContinuousClock.now
                do {
                    let response = try await transport.send(request)
                    let elapsed = ContinuousClock.now - started
                    Self.logAttempt(
                        logger, label, service, operation, parts.method, host, response, attempt, elapsed)
                    return response
                } catch let error as TransportError {
                    logger.debug(
                        "\(label) \(parts.method) \(host) attempt \(attempt): \(error)",
                        metadata: Self.metadata(service, operation, attempt: attempt))
                    throw error
                }
            },
            classify: { response in
                if response.isSuccess {
                    return .response(status: response.status, errorCode: nil, retryAfter: nil)
                }
                let error = AWSErrors.engineError(response)
                return .response(
                    status: response.status, errorCode: error.code, retryAfter: response.header("Retry-After")
                )
            },
            classifyError: { error in
                (error as? TransportError)?.outcome ?? .fatal
            },
            onRetry: { attempt, outcome, wait in
                let ms = Int(RetryPolicy.seconds(wait) * 1000)
                logger.info(
                    "\(label): retrying after attempt \(attempt) (\(Self.reason(outcome))) in \(ms)ms",
                    metadata: Self.metadata(service, operation, attempt: attempt))
            })
    }

    func sign(
        service: AWSService, region: String, scheme: String, host: String, parts: HTTPRequestParts,
        body: RequestBody, credentials: AWSCredentials?
    ) throws -> TransportRequest {
        var headers = parts.headers
        headers.append(HTTPField("host", host))
        if case .file(_, let length, _) = body { headers.append(HTTPField("content-length", String(length))) }
        var sent = headers
        if let credentials {
            let payload: PayloadHash
            switch body {
            case .bytes(let bytes): payload = .bytes(bytes)
            case .file(_, _, let sha256Hex): payload = .precomputed(sha256Hex)
            }
            let signer = SigV4Signer(
                credentials: credentials, region: region, service: service.signingName,
                options: service == .sts || service == .iam || service == .kms ? .standard : .s3)
            let request = SigV4Request(
                method: parts.method, path: parts.path, query: parts.query.map { ($0.name, $0.value ?? "") },
                headers: headers.map { ($0.name, $0.value) }, payload: payload)
            do {
                let signed = try signer.sign(request, at: clock())
                sent = signed.headers.map { HTTPField($0.name, $0.value) }
            } catch {
                throw TransportError(.request, host: host, message: "cannot sign the request: \(error)")
            }
        }
        sent.append(HTTPField("user-agent", userAgent))
        return TransportRequest(
            method: parts.method, scheme: scheme, authority: host, target: parts.target, headers: sent,
            body: body)
    }

    static func serviceLabel(_ service: AWSService) -> String {
        switch service {
        case .s3Control: "S3Control"
        case .s3: "S3"
        case .sts: "STS"
        case .iam: "IAM"
        case .kms: "KMS"
        }
    }

    /// One debug record per answered attempt, built only when debug is on.
    static func logAttempt(
        _ logger: Logger, _ label: String, _ service: AWSService, _ operation: String, _ method: String,
        _ host: String, _ response: HTTPResponseParts, _ attempt: Int, _ elapsed: Duration
    ) {
        guard logger.logLevel <= .debug else { return }
        let requestId = response.header("x-amz-request-id") ?? response.header("x-amzn-RequestId")
        var message = "\(label) \(method) \(host) \(response.status)"
        if !response.isSuccess { message += " \(AWSErrors.engineError(response).code)" }
        message +=
            " request-id=\(requestId ?? "-") attempt=\(attempt) \(Int(RetryPolicy.seconds(elapsed) * 1000))ms"
        var metadata = metadata(service, operation, attempt: attempt)
        metadata["status"] = "\(response.status)"
        if let requestId { metadata["request_id"] = "\(requestId)" }
        logger.debug("\(message)", metadata: metadata)
    }

    static func metadata(_ service: AWSService, _ operation: String, attempt: Int) -> Logger.Metadata {
        ["service": "\(service.rawValue)", "operation": "\(operation)", "attempt": "\(attempt)"]
    }

    static func reason(_ outcome: AttemptOutcome) -> String {
        switch outcome {
        case .response(let status, let code, _): code.map { "HTTP \(status) \($0)" } ?? "HTTP \(status)"
        case .timeout: "timeout"
        case .connectionError: "connection error"
        case .fatal: "error"
        }
    }
}
