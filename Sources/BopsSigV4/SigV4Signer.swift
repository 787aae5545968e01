import BopsEncoding
import Crypto
public import FoundationEssentials

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`) for one set of credentials, region and service.
///
/// The signer never reads the clock: every call takes the signing time. It holds no mutable
/// state except a cache of the derived signing key, so one value can be shared across tasks.
///
/// ```swift
/// let signer = SigV4Signer(credentials: creds, region: "us-east-1", service: "s3", options: .s3)
/// let signed = try signer.sign(request, at: Date())
/// // send signed.headers
/// ```
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"

    public let credentials: AWSCredentials
    public let region: String
    public let service: String
    public let options: Options
    private let keyCache = SigningKeyCache()

    public init(credentials: AWSCredentials, region: String, service: String, options: Options = .standard) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// Signs `request` with headers: returns every header to send, `Authorization` included.
    ///
    /// - Throws: `SigV4Error` when the method, path, a header name, the region or the service
    ///   is malformed, or when there is no `host` header.
    public func sign(_ request: SigV4Request, at date: Date) throws(SigV4Error) -> SignedRequest {
        try validate(request)
        let time = SigV4Timestamp(date)
        let payloadHash = request.payload.value
        var replaced: Set<String> = ["authorization", "x-amz-date"]
        if credentials.sessionToken != nil { replaced.insert("x-amz-security-token") }
        if options.addContentSHA256Header { replaced.insert("x-amz-content-sha256") }

        var headers = request.headers.filter { !replaced.contains($0.name.lowercased()) }
        var unsigned = options.unsignedHeaders
        if let token = credentials.sessionToken {
            headers.append((name: "X-Amz-Security-Token", value: token))
            if !options.signSessionToken { unsigned.insert("x-amz-security-token") }
        }
        headers.append((name: "X-Amz-Date", value: time.amzDate))
        if options.addContentSHA256Header {
            headers.append((name: "X-Amz-Content-SHA256", value: payloadHash))
        }

        let canonical = Canonical.headers(headers, excluding: unsigned)
        let details = signature(
            method: request.method, path: request.path, query: Canonical.query(request.query),
            canonicalHeaders: canonical, payloadHash: payloadHash, time: time)
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(details.credentialScope), "
            + "SignedHeaders=\(details.signedHeaders), Signature=\(details.signature)"
        headers.append((name: "Authorization", value: authorization))
        return SignedRequest(headers: headers, authorization: authorization, details: details)
    }

    /// Computes canonical request, string to sign and signature for already-prepared parts.
    func signature(
        method: String, path: String, query: String, canonicalHeaders: Canonical.Headers,
        payloadHash: String, time: SigV4Timestamp
    ) -> SigV4Signature {
        let canonicalRequest = [
            method.uppercased(),
            Canonical.uri(path, options: options),
            query,
            canonicalHeaders.block,
            canonicalHeaders.signedNames,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(time.dateStamp)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            Self.algorithm, time.amzDate, scope,
            Hex.encode(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let key = keyCache.key(for: time.dateStamp) { signingKey(dateStamp: time.dateStamp) }
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return SigV4Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: Hex.encode(mac),
            signedHeaders: canonicalHeaders.signedNames, credentialScope: scope)
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    private func signingKey(dateStamp: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [dateStamp, region, service, "aws4_request"] {
            let mac = HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)
            key = SymmetricKey(data: Array(mac))
        }
        return key
    }
}
