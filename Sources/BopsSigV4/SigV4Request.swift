import BopsEncoding

/// The parts of an HTTP request that SigV4 signs.
///
/// Conventions, checked by the signer:
/// - `path` is the path exactly as it goes on the wire, already percent-encoded by the caller
///   (for an S3 key use `URIEncoding.encode(key, keepSlash: true)`), starting with `/`; an empty
///   path means `/`. It never holds a query (`?`) or fragment (`#`).
/// - `query` holds decoded names and values, in the order they will be sent; the signer encodes
///   them (RFC 3986) for the canonical query and for presigned URLs.
/// - `headers` holds every header that will be sent, including `host` (with a port only when it
///   is not the scheme's default). Names are matched case-insensitively; repeated names are
///   allowed and signed as one comma-joined value in order of appearance.
public struct SigV4Request: Sendable {
    public var method: String
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var payload: PayloadHash

    public init(
        method: String,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)],
        payload: PayloadHash = .bytes([])
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payload = payload
    }
}

/// The outcome of header signing: the full header list to send and the intermediate strings.
public struct SignedRequest: Sendable {
    /// Every header to send, in order: the request's own headers (minus any stale
    /// `Authorization`, `X-Amz-Date`, `X-Amz-Security-Token` or `X-Amz-Content-SHA256` that the
    /// signer replaces), then `X-Amz-Security-Token` (with a session token), `X-Amz-Date`,
    /// `X-Amz-Content-SHA256` (when the options ask for it) and `Authorization`.
    public let headers: [(name: String, value: String)]
    /// The `Authorization` header value. Not secret by itself, but never log it next to a token.
    public let authorization: String
    /// The canonical request, string to sign and signature behind `authorization`.
    public let details: SigV4Signature
}

/// The outcome of query signing (a presigned URL).
public struct PresignedRequest: Sendable {
    /// The decoded query to send: the request's own items, then `X-Amz-Algorithm`,
    /// `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-SignedHeaders`, `X-Amz-Expires`,
    /// `X-Amz-Security-Token` (with a session token) and `X-Amz-Signature`.
    public let query: [(name: String, value: String)]
    /// `query` percent-encoded and joined with `&`, ready to follow `?` in a URL.
    public var encodedQuery: String {
        query.map { URIEncoding.encode($0.name) + "=" + URIEncoding.encode($0.value) }
            .joined(separator: "&")
    }
    /// The canonical request, string to sign and signature behind the URL.
    public let details: SigV4Signature
}

/// The intermediate strings of one signature, exposed for tests and for debugging a
/// `SignatureDoesNotMatch` answer.
///
/// `canonicalRequest` contains header values, including `x-amz-security-token` when the session
/// token is signed: redact it before logging.
public struct SigV4Signature: Sendable, Equatable {
    public let canonicalRequest: String
    public let stringToSign: String
    /// Lowercase hex HMAC-SHA256 of `stringToSign`.
    public let signature: String
    /// Signed header names, lowercased, sorted and joined with `;`.
    public let signedHeaders: String
    /// `yyyyMMdd/region/service/aws4_request`.
    public let credentialScope: String
}
