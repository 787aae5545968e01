extension SigV4Signer {
    /// Service-specific signing rules.
    public struct Options: Sendable, Equatable {
        /// Percent-encode the (already encoded) wire path once more for the canonical URI.
        /// True for every service except S3, whose canonical URI is the wire path itself.
        public var doubleEncodePath: Bool
        /// Remove `.`/`..` and empty segments from the path before encoding it. False for S3,
        /// where `a//b` and `a/./b` are distinct keys.
        public var normalizePath: Bool
        /// Send and sign `X-Amz-Content-SHA256` with the payload hash. Required by S3 (including
        /// S3 Control); applies to header signing only.
        public var addContentSHA256Header: Bool
        /// Sign the session token. When false the token is still sent (`X-Amz-Security-Token`
        /// header or query item) but left out of the signature, as some services require.
        public var signSessionToken: Bool
        /// Lowercased header names sent but never signed, because proxies and HTTP clients may
        /// change them. `authorization` is never signed, whatever this set holds.
        public var unsignedHeaders: Set<String>

        /// The headers botocore never signs: hop-by-hop headers, `expect`, `user-agent` and
        /// `x-amzn-trace-id`.
        public static let defaultUnsignedHeaders: Set<String> = [
            "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
        ]

        public init(
            doubleEncodePath: Bool = true,
            normalizePath: Bool = true,
            addContentSHA256Header: Bool = false,
            signSessionToken: Bool = true,
            unsignedHeaders: Set<String> = Options.defaultUnsignedHeaders
        ) {
            self.doubleEncodePath = doubleEncodePath
            self.normalizePath = normalizePath
            self.addContentSHA256Header = addContentSHA256Header
            self.signSessionToken = signSessionToken
            self.unsignedHeaders = Set(unsignedHeaders.map { $0.lowercased() })
        }

        /// Rules for most services (STS and the like): path normalised and encoded twice.
        public static let standard = Options()

        /// Rules for S3 and S3 Control: path used as sent, `X-Amz-Content-SHA256` always sent.
        public static let s3 = Options(
            doubleEncodePath: false, normalizePath: false, addContentSHA256Header: true
        )
    }
}
