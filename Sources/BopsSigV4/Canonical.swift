import BopsEncoding

/// The canonical forms SigV4 hashes: URI, query and headers.
enum Canonical {
    /// The canonical header block and the `;`-joined signed header names.
    struct Headers: Sendable {
        /// `name:value\n` for every signed header, sorted by name (ends with a newline).
        let block: String
        let signedNames: String
    }

    /// Canonical URI: the wire path, normalised and encoded once more unless the options say
    /// otherwise (S3).
    static func uri(_ path: String, options: SigV4Signer.Options) -> String {
        var result = path.isEmpty ? "/" : path
        if options.normalizePath { result = PathNormalization.normalize(result) }
        if options.doubleEncodePath { result = URIEncoding.encode(result, keepSlash: true) }
        return result
    }

    /// Canonical query: names and values encoded, sorted by encoded name then encoded value.
    static func query(_ items: [(name: String, value: String)]) -> String {
        items.map { (URIEncoding.encode($0.name), URIEncoding.encode($0.value)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Lowercased names, values trimmed with inner whitespace runs collapsed to one space,
    /// repeated names joined with `,` in order of appearance, sorted by name. `authorization`
    /// and the names in `excluded` (lowercased) are left out.
    static func headers(
        _ headers: [(name: String, value: String)], excluding excluded: Set<String>
    ) -> Headers {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if name == "authorization" || excluded.contains(name) { continue }
            values[name, default: []].append(trimAll(header.value))
        }
        let names = values.keys.sorted()
        let block = names.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        return Headers(block: block, signedNames: names.joined(separator: ";"))
    }

    /// Trims ASCII whitespace (including line breaks of folded values) and collapses every
    /// inner run of it to a single space.
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: {
            $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}"
        })
        .joined(separator: " ")
    }
}
