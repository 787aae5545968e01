public import BopsAWSModel

/// The body of an outgoing request.
public enum RequestBody: Sendable, Hashable {
    /// Bytes held in memory.
    case bytes([UInt8])
    /// A file streamed from disk in chunks. `length` and `sha256Hex` (lowercase hex SHA-256 of the
    /// whole file) are computed beforehand so the request can be signed without holding the file.
    case file(path: String, length: Int64, sha256Hex: String)

    public var length: Int64 {
        switch self {
        case .bytes(let bytes): Int64(bytes.count)
        case .file(_, let length, _): length
        }
    }
}

/// One HTTP request as the transport sends it: the signed headers, host included.
public struct TransportRequest: Sendable {
    public var method: String
    public var scheme: String
    /// `host[:port]`.
    public var authority: String
    /// The encoded path and query (`/v20180820/jobs?maxResults=10`).
    public var target: String
    public var headers: [HTTPField]
    public var body: RequestBody
    /// The longest the whole exchange may take; `nil` for the transport's read timeout only.
    public var timeout: Duration?

    public init(
        method: String, scheme: String, authority: String, target: String, headers: [HTTPField],
        body: RequestBody = .bytes([]), timeout: Duration? = nil
    ) {
        self.method = method
        self.scheme = scheme
        self.authority = authority
        self.target = target
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public var url: String { "\(scheme)://\(authority)\(target)" }
}

/// A failure below HTTP: no answer, or no complete answer. `kind` drives retries; `description`
/// names the host, never a header.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Connecting or reading took longer than allowed.
        case timeout
        /// The connection could not be made, or it was closed before a full answer.
        case connection
        /// The server's certificate was refused, or TLS failed otherwise.
        case tls
        /// The request could not be sent at all (bad URL, unreadable body file, shut down client).
        case request
    }

    public var kind: Kind
    public var host: String
    public var message: String

    public init(_ kind: Kind, host: String, message: String) {
        self.kind = kind
        self.host = host
        self.message = message
    }

    public var description: String { "\(kind.rawValue) error talking to \(host): \(message)" }

    /// The retry outcome of this error.
    public var outcome: AttemptOutcome {
        switch kind {
        case .timeout: .timeout
        case .connection: .connectionError
        case .tls, .request: .fatal
        }
    }
}

/// Sends one HTTP request and collects the whole answer. Implementations throw only
/// ``TransportError`` (or `CancellationError`); any HTTP status, 5xx included, is an answer.
public protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> HTTPResponseParts
}
