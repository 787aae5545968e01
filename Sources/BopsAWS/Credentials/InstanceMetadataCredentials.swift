import BopsAWSModel
import BopsEncoding
import BopsSigV4
import FoundationEssentials

/// EC2 instance metadata, IMDSv2 only: `PUT /latest/api/token`, then
/// `GET /latest/meta-data/iam/security-credentials/` for the role name and
/// `GET .../{role}` for the credentials, each with the session token and a short timeout.
///
/// Off when `AWS_EC2_METADATA_DISABLED=true`. The endpoint is `AWS_EC2_METADATA_SERVICE_ENDPOINT`,
/// else `http://169.254.169.254`. No answer to the token request means "not on EC2": `nil`.
public struct InstanceMetadataCredentialSource: CredentialSource {
    public var endpoint: CustomEndpoint
    public var transport: any HTTPTransport
    public var timeout: Duration
    public var name: String { "instance metadata" }

    init(endpoint: CustomEndpoint, transport: any HTTPTransport, timeout: Duration) {
        self.endpoint = endpoint
        self.transport = transport
        self.timeout = timeout
    }

    /// `nil` when IMDS is disabled.
    public static func fromEnvironment(
        _ environment: AWSEnvironment, transport: any HTTPTransport
    ) throws -> Self? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let text = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        guard let endpoint = CustomEndpoint(text) else {
            throw CredentialError(
                source: "instance metadata", "AWS_EC2_METADATA_SERVICE_ENDPOINT is not a URL")
        }
        let seconds = environment["AWS_METADATA_SERVICE_TIMEOUT"].flatMap(Double.init) ?? 1
        return Self(
            endpoint: endpoint, transport: transport, timeout: .milliseconds(Int(max(seconds, 0.1) * 1000)))
    }

    public func load() async throws -> ResolvedCredentials? {
        let base = "instance metadata \(endpoint)"
        let tokenResponse: HTTPResponseParts
        do {
            tokenResponse = try await send(
                "PUT", "/latest/api/token", [HTTPField("x-aws-ec2-metadata-token-ttl-seconds", "21600")])
        } catch {
            return nil
        }
        guard tokenResponse.isSuccess else { return nil }
        let token = String(decoding: tokenResponse.body, as: UTF8.self)
        let tokenHeader = [HTTPField("x-aws-ec2-metadata-token", token)]
        let list = try await get("/latest/meta-data/iam/security-credentials/", tokenHeader, base)
        guard list.status != 404 else { return nil }
        guard list.isSuccess else {
            throw CredentialError(source: base, "role lookup answered HTTP \(list.status)")
        }
        let role =
            String(decoding: list.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingWhitespace() } ?? ""
        guard !role.isEmpty else { return nil }
        let source = "\(base) (role '\(role)')"
        let document = try await get(
            "/latest/meta-data/iam/security-credentials/" + URIEncoding.encode(role), tokenHeader, source)
        guard document.isSuccess else {
            throw CredentialError(source: source, "credentials lookup answered HTTP \(document.status)")
        }
        return try CredentialJSON.parse(document.body, source: source, tokenKey: "Token")
    }

    func get(_ path: String, _ headers: [HTTPField], _ source: String) async throws -> HTTPResponseParts {
        do {
            return try await send("GET", path, headers)
        } catch {
            throw CredentialError(source: source, "no answer: \(error)")
        }
    }

    func send(_ method: String, _ path: String, _ headers: [HTTPField]) async throws -> HTTPResponseParts {
        try await transport.send(
            TransportRequest(
                method: method, scheme: endpoint.scheme, authority: endpoint.authority, target: path,
                headers: [HTTPField("host", endpoint.authority)] + headers, timeout: timeout))
    }
}
