import BopsEncoding
import Crypto

/// How the request body enters the signature (the last line of the canonical request).
public enum PayloadHash: Sendable, Equatable {
    /// The body itself; the signer hashes it with SHA-256. Use an empty array for no body.
    case bytes([UInt8])
    /// The lowercase hex SHA-256 of a body hashed elsewhere (for example while streaming a file),
    /// or a literal such as `STREAMING-UNSIGNED-PAYLOAD-TRAILER`. Used verbatim.
    case precomputed(String)
    /// The literal `UNSIGNED-PAYLOAD` (S3 over TLS, presigned URLs).
    case unsigned

    /// The SHA-256 of the empty string, the payload hash of a request without a body.
    public static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The value that goes into the canonical request and `x-amz-content-sha256`.
    public var value: String {
        switch self {
        case .bytes(let body):
            return body.isEmpty ? Self.emptySHA256 : Hex.encode(SHA256.hash(data: body))
        case .precomputed(let text):
            return text
        case .unsigned:
            return "UNSIGNED-PAYLOAD"
        }
    }
}
