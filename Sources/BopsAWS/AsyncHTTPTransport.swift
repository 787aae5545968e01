import AsyncHTTPClient
public import BopsAWSModel
import BopsPrimitives
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOSSL

/// How ``AsyncHTTPTransport`` connects.
public struct TransportOptions: Sendable {
    public var connectTimeout: Duration
    /// The longest wait for the next bytes of an answer.
    public var readTimeout: Duration
    /// The largest answer body kept in memory.
    public var maxResponseBytes: Int
    /// PEM file of extra certificate authorities (`AWS_CA_BUNDLE`), added to the system's.
    public var caBundlePath: String?
    public var proxies: ProxySettings

    public init(
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60),
        maxResponseBytes: Int = 512 << 20, caBundlePath: String? = nil,
        proxies: ProxySettings = ProxySettings()
    ) {
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.maxResponseBytes = maxResponseBytes
        self.caBundlePath = caBundlePath
        self.proxies = proxies
    }

    /// `AWS_CA_BUNDLE` and the proxy variables from `environment`, default timeouts.
    public init(environment: AWSEnvironment) throws(AWSConfigurationError) {
        self.init(
            caBundlePath: environment["AWS_CA_BUNDLE"].map(environment.expand),
            proxies: try ProxySettings(environment: environment))
    }
}

/// ``HTTPTransport`` over AsyncHTTPClient: certificates always verified (system roots plus
/// `caBundlePath`), connect and read timeouts, no redirects followed (AWS redirects are errors to
/// report), one client per proxy route, shared by every request.
///
/// Call ``shutdown()`` when done; a transport dropped without it shuts its clients down in the
/// background.
public final class AsyncHTTPTransport: HTTPTransport, @unchecked Sendable {
    public let options: TransportOptions
    private let tls: TLSConfiguration
    private let lock = Lock()
    private var clients: [ProxyServer?: HTTPClient] = [:]
    private var isShutDown = false

    /// - Throws: ``AWSConfigurationError`` when the CA bundle cannot be read as PEM certificates.
    public init(options: TransportOptions = TransportOptions()) throws(AWSConfigurationError) {
        self.options = options
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let path = options.caBundlePath {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else {
                    throw AWSConfigurationError("AWS_CA_BUNDLE \(path) holds no PEM certificate")
                }
                tls.additionalTrustRoots = [.certificates(certificates)]
            } catch let error as AWSConfigurationError {
                throw error
            } catch {
                throw AWSConfigurationError(
                    "AWS_CA_BUNDLE \(path) cannot be read as PEM certificates: \(error)",
                    hint: "point AWS_CA_BUNDLE at a PEM file of CA certificates")
            }
        }
        self.tls = tls
    }

    deinit {
        for client in clients.values { client.shutdown { _ in } }
    }

    /// Closes every connection. Requests after this fail with a ``TransportError`` of kind `request`.
    public func shutdown() async throws {
        let all: [HTTPClient] = lock.withLock {
            isShutDown = true
            defer { clients = [:] }
            return Array(clients.values)
        }
        for client in all { try await client.shutdown() }
    }

    /// Connections to one host at most: above the widest bound a command puts on calls in flight
    /// (`--read-parallelism` plus `--parallelism` at their defaults, with room for larger values).
    static let connectionsPerHost = 128

    private func client(for proxy: ProxyServer?) throws -> HTTPClient {
        try lock.withLock {
            if isShutDown {
                throw TransportError(.request, host: "-", message: "the HTTP client was shut down")
            }
            if let existing = clients[proxy] { return existing }
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: tls, redirectConfiguration: .disallow,
                timeout: .init(
                    connect: Self.amount(options.connectTimeout), read: Self.amount(options.readTimeout)),
                decompression: .disabled)
            configuration.httpVersion = .http1Only
            // A refused connection fails at once; the engine's retry policy decides what happens next.
            configuration.connectionPool.retryConnectionEstablishment = false
            // AsyncHTTPClient opens at most 8 connections to a host by default and queues the rest,
            // which would cap every --parallelism above 8; the commands bound what is in flight.
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.connectionsPerHost
            if let proxy {
                let authorization = proxy.userInfo.flatMap { info -> HTTPClient.Authorization? in
                    let parts = info.split(separator: ":", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { return nil }
                    return .basic(username: parts[0], password: parts[1])
                }
                configuration.proxy = .server(
                    host: proxy.host, port: proxy.port, authorization: authorization)
            }
            let client = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[proxy] = client
            return client
        }
    }

    public func send(_ request: TransportRequest) async throws -> HTTPResponseParts {
        let hostOnly = ProxySettings.stripPort(request.authority)
        let client = try client(for: options.proxies.proxy(scheme: request.scheme, host: hostOnly))
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for field in request.headers where field.name.lowercased() != "content-length" {
            outgoing.headers.add(name: field.name, value: field.value)
        }
        switch request.body {
        case .bytes(let bytes):
            if !bytes.isEmpty || request.method == "PUT" || request.method == "POST" {
                outgoing.body = .bytes(bytes)
            }
        case .file(let path, let length, _):
            guard let handle = try? FileReader(path: path) else {
                throw TransportError(
                    .request, host: request.authority, message: "cannot open \(path) to upload")
            }
            outgoing.body = .stream(FileChunks(handle: handle), length: .known(length))
        }
        let timeout = request.timeout ?? (options.connectTimeout + options.readTimeout)
        do {
            let response = try await client.execute(outgoing, timeout: Self.amount(timeout))
            let body = try await response.body.collect(upTo: options.maxResponseBytes)
            return HTTPResponseParts(
                status: Int(response.status.code),
                headers: response.headers.map { HTTPField($0.name, $0.value) },
                body: Array(body.readableBytesView))
        } catch let error as CancellationError {
            throw error
        } catch {
            throw Self.classify(error, host: request.authority)
        }
    }

    static func classify(_ error: any Error, host: String) -> TransportError {
        if let error = error as? TransportError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout, .writeTimeout, .connectTimeout, .deadlineExceeded, .tlsHandshakeTimeout:
                return TransportError(.timeout, host: host, message: error.description)
            case .remoteConnectionClosed, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
                .invalidProxyResponse,
                .proxyAuthenticationRequired:
                return TransportError(.connection, host: host, message: error.description)
            case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .cancelled, .bodyLengthMismatch:
                return TransportError(.request, host: host, message: error.description)
            default:
                if error.description.lowercased().contains("timeout") {
                    return TransportError(.timeout, host: host, message: error.description)
                }
                return TransportError(.connection, host: host, message: error.description)
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return TransportError(.tls, host: host, message: String(describing: error))
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return TransportError(.timeout, host: host, message: String(describing: error))
        }
        return TransportError(.connection, host: host, message: String(describing: error))
    }

    static func amount(_ duration: Duration) -> TimeAmount {
        let c = duration.components
        return .nanoseconds(c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000)
    }
}

/// A file read in 1 MiB chunks as an async sequence of buffers; the handle is closed at the end.
struct FileChunks: AsyncSequence, @unchecked Sendable {
    typealias Element = ByteBuffer
    let handle: FileReader

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileReader
        var done = false

        mutating func next() async throws -> ByteBuffer? {
            guard !done else { return nil }
            let data = try handle.read(upTo: 1 << 20)
            if data.isEmpty {
                done = true
                handle.close()
                return nil
            }
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(handle: handle) }
}
