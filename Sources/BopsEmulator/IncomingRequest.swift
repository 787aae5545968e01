import BopsAWSModel
import BopsEncoding
import BopsSigV4

/// The parts of one HTTP request the emulator works with, as they came off the wire.
struct IncomingRequest: Sendable {
    var method: String
    /// The request target's path, still percent-encoded (what SigV4 signs for S3).
    var rawPath: String
    /// Query items, percent-decoded, in order; an item without `=` has an empty value.
    var query: [(name: String, value: String)]
    /// Header names lowercased, in order of arrival; `host` included.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// The account the request is signed as (its access key's), set by the responder.
    var account = EmulatorServer.Configuration.defaultAccount

    init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        rawPath = parts.isEmpty || parts[0].isEmpty ? "/" : String(parts[0])
        query = []
        if parts.count == 2 {
            for item in parts[1].split(separator: "&") where !item.isEmpty {
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = URIEncoding.decode(String(pair[0]))
                let value = pair.count == 2 ? URIEncoding.decode(String(pair[1])) : ""
                query.append((name, value))
            }
        }
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    /// The request as BopsAWSModel's readers take it.
    var parts: HTTPRequestParts {
        HTTPRequestParts(
            method: method, path: rawPath, query: query.map { QueryItem($0.name, $0.value) },
            headers: headers.map { HTTPField($0.name, $0.value) }, body: body)
    }

    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    func hasQuery(_ name: String) -> Bool { query.contains { $0.name == name } }

    /// The Host header without its port, lowercased.
    var hostName: String {
        let host = (header("host") ?? "").lowercased()
        if host.hasPrefix("[") { return String(host.prefix { $0 != "]" }.dropFirst()) }
        return String(host.split(separator: ":", maxSplits: 1).first ?? "")
    }
}
