import BopsEncoding

extension SigV4Signer {
    /// Checks the request and the signer's scope before anything is hashed.
    func validate(_ request: SigV4Request) throws(SigV4Error) {
        for (field, value) in [("region", region), ("service", service)] where !Self.isScopePart(value) {
            throw SigV4Error(
                field: field, reason: "'\(value)' is empty or contains '/' or whitespace",
                hint: "use a plain name such as 'us-east-1' or 's3'")
        }
        guard !request.method.isEmpty, request.method.utf8.allSatisfy(Self.isTokenByte) else {
            throw SigV4Error(
                field: "method", reason: "'\(request.method)' is not an HTTP method",
                hint: "use GET, PUT, POST, DELETE or HEAD")
        }
        if !request.path.isEmpty && !request.path.hasPrefix("/") {
            throw SigV4Error(
                field: "path", reason: "'\(request.path)' does not start with '/'",
                hint: "pass the path part of the URL, e.g. '/v20180820/jobs'")
        }
        if request.path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x3F || $0 == 0x23 }) {
            throw SigV4Error(
                field: "path", reason: "contains a control character, '?' or '#'",
                hint: "pass query items in `query` and percent-encode the path")
        }
        for (index, header) in request.headers.enumerated()
        where header.name.isEmpty || !header.name.utf8.allSatisfy(Self.isTokenByte) {
            throw SigV4Error(
                field: "headers[\(index)]", reason: "'\(header.name)' is not a valid header name",
                hint: "header names are letters, digits and !#$%&'*+-.^_`|~ only")
        }
        let hasHost = request.headers.contains {
            $0.name.lowercased() == "host" && !Canonical.trimAll($0.value).isEmpty
        }
        guard hasHost else {
            throw SigV4Error(
                field: "headers", reason: "no 'host' header",
                hint: "add the endpoint's host (and a non-default port) as a 'host' header")
        }
    }

    static func isScopePart(_ text: String) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains { $0 == "/" || $0.properties.isWhitespace }
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        if URIEncoding.isUnreserved(byte) { return true }
        return "!#$%&'*+^`|".utf8.contains(byte)
    }
}
