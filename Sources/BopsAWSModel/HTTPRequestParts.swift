import BopsEncoding
import BopsSigV4

/// One HTTP header field as sent or received. Names are compared case-insensitively by the
/// lookup helpers; the value is kept as given.
public struct HTTPField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One query parameter, not encoded. `value == nil` is a bare name (`?versioning`), which
/// signs like an empty value.
public struct QueryItem: Sendable, Hashable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }
}

/// A request as the REST-XML or query protocol lays it out, before the transport adds the host,
/// `Content-Length`, the date, `x-amz-content-sha256` and the signature.
///
/// Invariants: `path` starts with `/` and is already URI-encoded exactly as it goes on the wire
/// (S3 rules: encoded once, never normalised); `query` holds decoded pairs in the order they are
/// sent; header names are lowercase.
public struct HTTPRequestParts: Sendable, Hashable {
    public var method: String
    public var path: String
    public var query: [QueryItem]
    public var headers: [HTTPField]
    public var body: [UInt8]

    public init(
        method: String, path: String, query: [QueryItem] = [], headers: [HTTPField] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The query as sent: `name=value` pairs (or a bare `name`) joined by `&`, both sides encoded
    /// per RFC 3986 (``URIEncoding/encode(_:)``), in `query` order. Empty when there is no query.
    public var queryString: String {
        query.map { item in
            let name = URIEncoding.encode(item.name)
            guard let value = item.value else { return name }
            return name + "=" + URIEncoding.encode(value)
        }.joined(separator: "&")
    }

    /// `path`, then `?` and ``queryString`` when there is a query.
    public var target: String {
        query.isEmpty ? path : path + "?" + queryString
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers.value(named: name) }

    /// The value of the first query item named `name` (a bare name reads as empty).
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }.map { $0.value ?? "" }
    }

    /// The values of every query item named `name`, in order.
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map { $0.value ?? "" }
    }

    /// Whether a query item named `name` is present (`?versioning`).
    public func hasQuery(_ name: String) -> Bool { query.contains { $0.name == name } }
}

/// An HTTP answer handed to the parsers: status, headers (any case) and the whole body.
public struct HTTPResponseParts: Sendable, Hashable {
    public var status: Int
    public var headers: [HTTPField]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPField] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int, headers: [HTTPField] = [], body: String) {
        self.init(status: status, headers: headers, body: Array(body.utf8))
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers.value(named: name) }

    /// 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

extension [HTTPField] {
    /// The value of the first field named `name` (case-insensitive).
    func value(named name: String) -> String? {
        let lower = name.lowercased()
        return first { $0.name.lowercased() == lower }?.value
    }
}
