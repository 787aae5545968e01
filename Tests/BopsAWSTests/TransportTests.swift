import BopsAWSModel
import BopsTestSupport
import Foundation
import Testing

@testable import BopsAWS

/// The AsyncHTTPClient transport against real servers: TLS verification with and without
/// `AWS_CA_BUNDLE`, an HTTP proxy, and a file body streamed with its precomputed hash.
@Suite(.tags(.process)) struct TransportTests {
    /// A self-signed certificate for 127.0.0.1 made with openssl, and an HTTPS server using it.
    final class TLSServer: @unchecked Sendable {
        let dir: TempFolder
        let certificate: String
        let port: Int
        private let process: Process
        private let input: Pipe

        init() throws {
            dir = try TempFolder(prefix: "bops-aws")
            certificate = dir.path + "/cert.pem"
            let key = dir.path + "/key.pem"
            try Self.run(
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
                certificate,
                "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("python/tls_server.py").path
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, certificate, key]
            input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            guard let line = output.fileHandleForReading.readLine(), line.hasPrefix("ready "),
                let port = Int(line.dropFirst(6))
            else { throw MotoError(message: "the TLS test server did not start") }
            self.port = port
        }

        func stop() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }

        static func run(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw MotoError(message: "\(arguments[0]) failed") }
        }
    }

    static func get(_ transport: AsyncHTTPTransport, port: Int) async throws -> HTTPResponseParts {
        try await transport.send(
            TransportRequest(
                method: "GET", scheme: "https", authority: "127.0.0.1:\(port)", target: "/",
                headers: [HTTPField("host", "127.0.0.1:\(port)")]))
    }

    static let hasOpenSSL = ["/usr/bin/openssl", "/usr/local/bin/openssl"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(
        .enabled(if: hasOpenSSL, "openssl is needed to make the test certificate (apt-get install openssl)"))
    func certificatesAreVerifiedAndTheCABundleIsTrusted() async throws {
        let server = try TLSServer()
        defer { server.stop() }
        let strict = try AsyncHTTPTransport(options: TransportOptions(environment: AWSEnvironment()))
        await #expect {
            _ = try await Self.get(strict, port: server.port)
        } throws: { error in
            (error as? TransportError)?.kind == .tls
        }
        try await strict.shutdown()

        let trusting = try AsyncHTTPTransport(
            options: TransportOptions(environment: AWSEnvironment(["AWS_CA_BUNDLE": server.certificate])))
        let response = try await Self.get(trusting, port: server.port)
        try await trusting.shutdown()
        #expect(response.status == 200)
        #expect(response.body == Array("secure".utf8))
    }

    @Test func httpProxyCarriesTheRequestUnlessNoProxySaysOtherwise() async throws {
        let proxy = try LocalHTTPServer { request in
            .text(200, "through the tunnel: \(request.target)")
        }
        defer { proxy.stop() }
        let environment = AWSEnvironment(["HTTP_PROXY": proxy.url])
        let transport = try AsyncHTTPTransport(options: TransportOptions(environment: environment))
        let response = try await transport.send(
            TransportRequest(
                method: "GET", scheme: "http", authority: "s3.example.test:8080", target: "/bucket/key?x=1",
                headers: [HTTPField("host", "s3.example.test:8080")]))
        try await transport.shutdown()
        #expect(String(decoding: response.body, as: UTF8.self) == "through the tunnel: /bucket/key?x=1")
        #expect(proxy.requests.map(\.method) == ["CONNECT", "GET"])
        #expect(proxy.requests.first?.target == "s3.example.test:8080")
        #expect(proxy.requests.last?.header("host") == "s3.example.test:8080")

        let bypassing = try AsyncHTTPTransport(
            options: TransportOptions(
                environment: AWSEnvironment(["HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1"])))
        let direct = try LocalHTTPServer { _ in .text(200, "direct") }
        defer { direct.stop() }
        let answer = try await bypassing.send(
            TransportRequest(
                method: "GET", scheme: "http", authority: direct.authority, target: "/",
                headers: [HTTPField("host", direct.authority)]))
        try await bypassing.shutdown()
        #expect(answer.body == Array("direct".utf8))
    }

    @Test func fileBodyIsStreamedWithItsLengthAndSignedHash() async throws {
        let server = try LocalHTTPServer { _ in .text(200, "", headers: [("ETag", "\"e\"")]) }
        defer { server.stop() }
        let dir = try TempFolder(prefix: "bops-aws")
        let text = String(repeating: "bucket,some/key/with/a/long/name.txt\n", count: 80_000)
        let path = try dir.write("big.csv", text)
        let digest = try FileDigest.of(file: path)
        #expect(digest.length == Int64(text.utf8.count))
        let sender = AWSRequestSender(transport: try AsyncHTTPTransport())
        let response = try await sender.send(
            service: .s3, operation: "PutObject", region: "us-east-1", scheme: "http", host: server.authority,
            parts: HTTPRequestParts(method: "PUT", path: "/bucket/big.csv"),
            body: .file(path: path, length: digest.length, sha256Hex: digest.sha256Hex),
            credentials: .init(accessKeyId: "AKIATEST", secretAccessKey: "s"))
        #expect(response.status == 200)
        let received = try #require(server.requests.first)
        // Compared by length, then by the first differing offset: a diff of 3 MB arrays takes hours.
        let sent = Array(text.utf8)
        #expect(received.body.count == sent.count)
        let firstDifference = zip(received.body, sent).enumerated().first { $0.element.0 != $0.element.1 }?
            .offset
        #expect(firstDifference == nil)
        #expect(received.header("content-length") == String(text.utf8.count))
        #expect(received.header("x-amz-content-sha256") == Array(text.utf8).sha256Hex)
    }

    /// `--parallelism` and `--read-parallelism` bound the calls in flight; the connection pool must
    /// not bound them lower (AsyncHTTPClient's default is 8 connections a host, queueing the rest).
    /// The server answers 200 only to requests that were waiting together, 24 at once.
    @Test func moreThanEightRequestsToOneHostAreInFlightTogether() async throws {
        let parties = 24
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("python/barrier_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(parties)]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        guard let line = output.fileHandleForReading.readLine(), line.hasPrefix("ready "),
            let port = Int(line.dropFirst(6))
        else { throw MotoError(message: "the barrier server did not start") }
        let transport = try AsyncHTTPTransport(
            options: TransportOptions(readTimeout: .seconds(30)))
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<parties {
                group.addTask {
                    let response = try await transport.send(
                        TransportRequest(
                            method: "GET", scheme: "http", authority: "127.0.0.1:\(port)", target: "/",
                            headers: [HTTPField("host", "127.0.0.1:\(port)")]))
                    return String(decoding: response.body, as: UTF8.self)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try await transport.shutdown()
        #expect(answers == Array(repeating: "together", count: parties))
    }
}
