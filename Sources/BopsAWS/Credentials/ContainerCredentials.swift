import BopsAWSModel
import FoundationEssentials

/// Container credentials (ECS, EKS Pod Identity, CodeBuild): `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
/// (on `http://169.254.170.2`) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with the
/// `Authorization` header from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on every load) or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
///
/// Invariant: a full URI over plain http is used only when its host is a loopback address,
/// `localhost`, or one of the container hosts `169.254.170.2`, `169.254.170.23`, `fd00:ec2::23`.
public struct ContainerCredentialSource: CredentialSource {
    public var url: String
    public var environment: AWSEnvironment
    public var transport: any HTTPTransport
    public var timeout: Duration
    public var name: String { "container" }

    init(url: String, environment: AWSEnvironment, transport: any HTTPTransport, timeout: Duration) {
        self.url = url
        self.environment = environment
        self.transport = transport
        self.timeout = timeout
    }

    /// `nil` when neither URI variable is set.
    public static func fromEnvironment(
        _ environment: AWSEnvironment, transport: any HTTPTransport, timeout: Duration = .seconds(2)
    ) throws -> Self? {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            let path = relative.hasPrefix("/") ? relative : "/" + relative
            return Self(
                url: "http://169.254.170.2" + path, environment: environment, transport: transport,
                timeout: timeout)
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
        guard let endpoint = CustomEndpoint(full), full.contains("://") else {
            throw CredentialError(
                source: "container credentials", "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
        }
        if endpoint.scheme == "http" && !allowedPlainHost(ProxySettings.stripPort(endpoint.authority)) {
            throw CredentialError(
                source: "container credentials",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI uses http to \(endpoint.authority)",
                hint: "plain http is allowed only to loopback or the container credential hosts; use https")
        }
        return Self(url: full, environment: environment, transport: transport, timeout: timeout)
    }

    static func allowedPlainHost(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower.hasPrefix("127.") { return true }
        return ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"].contains(lower)
    }

    public func load() async throws -> ResolvedCredentials? {
        let source = "container credentials endpoint \(url)"
        guard let endpoint = CustomEndpoint(url) else { throw CredentialError(source: source, "not a URL") }
        var target = "/"
        if let range = url.firstRange(of: "://"), let slash = url[range.upperBound...].firstIndex(of: "/") {
            target = String(url[slash...])
        }
        var headers = [HTTPField("host", endpoint.authority), HTTPField("accept", "application/json")]
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: environment.expand(file)) else {
                throw CredentialError(
                    source: source, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file) cannot be read")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingWhitespaceAndNewlines()
            headers.append(HTTPField("authorization", token))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] {
            headers.append(HTTPField("authorization", token))
        }
        let request = TransportRequest(
            method: "GET", scheme: endpoint.scheme, authority: endpoint.authority, target: target,
            headers: headers,
            timeout: timeout)
        let response: HTTPResponseParts
        do {
            response = try await Retrier(policy: RetryPolicy(maxAttempts: 3)).run(
                { _ in try await transport.send(request) },
                classify: { .response(status: $0.status, errorCode: nil, retryAfter: nil) },
                classifyError: { ($0 as? TransportError)?.outcome ?? .fatal })
        } catch {
            throw CredentialError(source: source, "no answer: \(error)")
        }
        guard response.isSuccess else {
            throw CredentialError(source: source, "the endpoint answered HTTP \(response.status)")
        }
        return try CredentialJSON.parse(response.body, source: source, tokenKey: "Token")
    }
}
