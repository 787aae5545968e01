/// An HTTP proxy named by `HTTPS_PROXY` or `HTTP_PROXY`.
public struct ProxyServer: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// `user:password` from the URL, when given. Not printed by `description`.
    public var userInfo: String?

    public init(host: String, port: Int, userInfo: String? = nil) {
        self.host = host
        self.port = port
        self.userInfo = userInfo
    }

    /// Parses `http://[user:pass@]host[:port]` (port 80 by default; `https://` proxies are
    /// reached with CONNECT too and default to 443). `nil` for text without a host.
    public init?(url: String) {
        var rest = Substring(url.trimmingWhitespace())
        var port = 80
        if let range = rest.firstRange(of: "://") {
            if rest[..<range.lowerBound].lowercased() == "https" { port = 443 }
            rest = rest[range.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var userInfo: String?
        if let at = rest.lastIndex(of: "@") {
            userInfo = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        var host = rest
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let parsed = Int(rest[rest.index(after: colon)...]), (1...65535).contains(parsed) else {
                return nil
            }
            port = parsed
            host = rest[..<colon]
        }
        guard !host.isEmpty else { return nil }
        self.init(host: String(host), port: port, userInfo: userInfo)
    }
}

/// The proxy variables: `HTTPS_PROXY` for https URLs, `HTTP_PROXY` for http URLs (lowercase names
/// too, uppercase wins), and `NO_PROXY`, a comma-separated list of hosts that go direct: `*` for
/// all, a name matching itself and its subdomains (`.example.com` or `example.com`), or an exact
/// address. Ports in entries are ignored.
public struct ProxySettings: Sendable, Hashable {
    public var https: ProxyServer?
    public var http: ProxyServer?
    public var noProxy: [String]

    public init(https: ProxyServer? = nil, http: ProxyServer? = nil, noProxy: [String] = []) {
        self.https = https
        self.http = http
        self.noProxy = noProxy
    }

    public init(environment: AWSEnvironment) throws(AWSConfigurationError) {
        func server(_ names: String...) throws(AWSConfigurationError) -> ProxyServer? {
            guard let name = names.first(where: { environment[$0] != nil }), let text = environment[name]
            else {
                return nil
            }
            guard let proxy = ProxyServer(url: text) else {
                throw AWSConfigurationError(
                    "\(name) is not a proxy URL", hint: "use http://host:port (user:password@ is allowed)")
            }
            return proxy
        }
        self.https = try server("HTTPS_PROXY", "https_proxy")
        self.http = try server("HTTP_PROXY", "http_proxy")
        let list = environment.first("NO_PROXY", "no_proxy") ?? ""
        self.noProxy = list.split(separator: ",").map { $0.trimmingWhitespace().lowercased() }
            .filter { !$0.isEmpty }
    }

    /// The proxy for a request to `host` over `scheme`, or `nil` to go direct.
    public func proxy(scheme: String, host: String) -> ProxyServer? {
        let chosen = scheme.lowercased() == "https" ? https : http
        guard let chosen else { return nil }
        return bypasses(host) ? nil : chosen
    }

    /// Whether `NO_PROXY` sends `host` (with or without a port) direct.
    public func bypasses(_ host: String) -> Bool {
        let name = Self.stripPort(host.lowercased())
        for raw in noProxy {
            if raw == "*" { return true }
            var entry = Self.stripPort(raw)
            if entry.hasPrefix("*.") { entry.removeFirst() }
            if entry.hasPrefix(".") {
                if name.hasSuffix(entry) || name == String(entry.dropFirst()) { return true }
            } else if name == entry || name.hasSuffix("." + entry) {
                return true
            }
        }
        return false
    }

    static func stripPort(_ host: String) -> String {
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") {
                return String(host[host.index(after: host.startIndex)..<close])
            }
            return host
        }
        let colons = host.filter { $0 == ":" }.count
        if colons == 1, let colon = host.firstIndex(of: ":") { return String(host[..<colon]) }
        return host
    }
}
