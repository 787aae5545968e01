public import BopsAWSModel

/// The services the engine talks to.
public enum AWSService: String, Sendable, Hashable, CaseIterable {
    case s3Control = "s3-control"
    case s3
    case sts
    case iam
    case kms

    /// The SigV4 signing name (S3 Control signs as `s3`).
    public var signingName: String {
        switch self {
        case .s3Control, .s3: "s3"
        case .sts: "sts"
        case .iam: "iam"
        case .kms: "kms"
        }
    }

    /// The service-specific endpoint variable (`AWS_ENDPOINT_URL_S3_CONTROL`, ...).
    public var endpointVariable: String {
        switch self {
        case .s3Control: "AWS_ENDPOINT_URL_S3_CONTROL"
        case .s3: "AWS_ENDPOINT_URL_S3"
        case .sts: "AWS_ENDPOINT_URL_STS"
        case .iam: "AWS_ENDPOINT_URL_IAM"
        case .kms: "AWS_ENDPOINT_URL_KMS"
        }
    }
}

/// A custom endpoint: a scheme and an authority (`host[:port]`).
public struct CustomEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    public var authority: String

    /// Parses `https://host[:port][/...]` or `http://...`; a bare `host[:port]` means https.
    /// `nil` when the text has no host or another scheme.
    public init?(_ text: String) {
        var rest = Substring(text.trimmingWhitespace())
        var scheme = "https"
        if let range = rest.firstRange(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        guard scheme == "http" || scheme == "https" else { return nil }
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        guard !rest.isEmpty else { return nil }
        self.scheme = scheme
        self.authority = String(rest)
    }

    public var description: String { "\(scheme)://\(authority)" }

    /// Whether the endpoint is on this machine (`127.0.0.1`, `::1`, `localhost`): an emulator.
    public var isLoopback: Bool {
        var host = authority
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<end])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Where each service is reached: AWS's own hosts, or the custom endpoints named by
/// `AWS_ENDPOINT_URL_S3_CONTROL`, `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_STS`,
/// `AWS_ENDPOINT_URL_IAM`, `AWS_ENDPOINT_URL_KMS` (each wins over) `AWS_ENDPOINT_URL`.
///
/// Invariants: S3 Control's host is `{AccountId}.s3-control.{region}.amazonaws.com`, and a custom
/// S3 Control endpoint is prefixed with the account only when its host is a name other than
/// `localhost` (never an IP address); S3 uses virtual-hosted style on AWS (path style for bucket
/// names that are not DNS-safe) and path style on custom endpoints.
public struct AWSEndpoints: Sendable, Hashable {
    public var custom: [AWSService: CustomEndpoint]

    public init(custom: [AWSService: CustomEndpoint] = [:]) {
        self.custom = custom
    }

    /// Reads the endpoint variables. A value that is not an http(s) URL is an error naming the variable.
    public init(environment: AWSEnvironment) throws(AWSConfigurationError) {
        var custom: [AWSService: CustomEndpoint] = [:]
        for service in AWSService.allCases {
            let names = [service.endpointVariable, "AWS_ENDPOINT_URL"]
            guard let name = names.first(where: { environment[$0] != nil }), let text = environment[name]
            else {
                continue
            }
            guard let endpoint = CustomEndpoint(text) else {
                throw AWSConfigurationError(
                    "\(name)='\(text)' is not an http(s) URL", hint: "use a URL such as http://127.0.0.1:5000"
                )
            }
            custom[service] = endpoint
        }
        self.custom = custom
    }

    /// Scheme and host of an S3 Control request for `accountId`.
    public func s3Control(accountId: String, region: String) -> (scheme: String, host: String) {
        let endpoint = custom[.s3Control]
        return (
            endpoint?.scheme ?? "https",
            S3ControlRequests.host(accountId: accountId, region: region, endpoint: endpoint?.authority)
        )
    }

    /// Scheme, host and addressing style of an S3 request on `bucket`.
    public func s3(bucket: String, region: String) -> (scheme: String, host: String, addressing: S3Addressing)
    {
        let endpoint = custom[.s3]
        let addressing: S3Addressing =
            endpoint == nil && Self.isVirtualHostable(bucket) ? .virtualHosted : .path
        return (
            endpoint?.scheme ?? "https",
            S3Requests.host(
                bucket: bucket, region: region, endpoint: endpoint?.authority, addressing: addressing),
            addressing
        )
    }

    /// Scheme and host of an STS request.
    public func sts(region: String) -> (scheme: String, host: String) {
        let endpoint = custom[.sts]
        return (endpoint?.scheme ?? "https", STSRequests.host(region: region, endpoint: endpoint?.authority))
    }

    /// A bucket name usable as a TLS host label: 3...63 lowercase letters, digits and hyphens,
    /// starting and ending with a letter or digit (dots would break the wildcard certificate).
    public static func isVirtualHostable(_ bucket: String) -> Bool {
        let bytes = Array(bucket.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 0x2D }
    }
}
