import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A request as the test server read it.
struct ReceivedRequest: Sendable {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
}

/// What the test server does with a request.
enum Reply: Sendable {
    case respond(status: Int, headers: [(String, String)], body: [UInt8])
    /// Reads the request, then closes the connection without a byte of answer.
    case drop

    static func text(_ status: Int, _ body: String, headers: [(String, String)] = []) -> Reply {
        .respond(status: status, headers: headers, body: Array(body.utf8))
    }
}

/// A minimal HTTP/1.1 server on 127.0.0.1 with a free port, one connection at a time, each closed
/// after its answer. Only for tests: it reads `Content-Length` bodies and nothing else.
final class LocalHTTPServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let handler: @Sendable (ReceivedRequest) -> Reply
    private let lock = NSLock()
    private var received: [ReceivedRequest] = []
    private var thread: Thread?

    init(_ handler: @escaping @Sendable (ReceivedRequest) -> Reply) throws {
        self.handler = handler
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
        let thread = Thread { [weak self] in self?.acceptLoop() }
        self.thread = thread
        thread.start()
    }

    var authority: String { "127.0.0.1:\(port)" }
    var url: String { "http://127.0.0.1:\(port)" }

    var requests: [ReceivedRequest] { lock.withLock { received } }

    private var stopped = false

    func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            serve(client)
            close(client)
        }
    }

    /// Serves one request; a `CONNECT` (an HTTP proxy opening a tunnel) is answered 200 and the
    /// request that follows in the tunnel is served on the same connection.
    private func serve(_ fd: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        while let request = read(fd, &buffer) {
            if request.method == "CONNECT" {
                lock.withLock { received.append(request) }
                guard write(fd, Array("HTTP/1.1 200 Connection Established\r\n\r\n".utf8)) else { return }
                continue
            }
            lock.withLock { received.append(request) }
            switch handler(request) {
            case .drop:
                return
            case .respond(let status, let extra, let payload):
                var text = "HTTP/1.1 \(status) X\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n"
                for (name, value) in extra { text += "\(name): \(value)\r\n" }
                text += "\r\n"
                _ = write(fd, Array(text.utf8) + payload)
                return
            }
        }
    }

    private func read(_ fd: Int32, _ buffer: inout [UInt8]) -> ReceivedRequest? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headerEnd = Self.find(Array("\r\n\r\n".utf8), in: buffer)
        while headerEnd == nil {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer += chunk[0..<n]
            headerEnd = Self.find(Array("\r\n\r\n".utf8), in: buffer)
        }
        guard let end = headerEnd else { return nil }
        let head = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (
                    String(line[..<colon]),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                ))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        buffer.removeFirst(end + 4)
        while buffer.count < length {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            buffer += chunk[0..<n]
        }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(body.count)
        return ReceivedRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
