import BopsEncoding
import BopsSigV4

/// A request written as raw HTTP/1.1 text, as the signing test suite stores it.
///
/// Folded header lines (starting with a space or tab) continue the previous header's value,
/// joined with a newline. Query items are percent-decoded.
struct RawHTTPRequest: Equatable, CustomStringConvertible {
    var method: String
    var path: String
    var query: [Pair]
    var headers: [Pair]
    var body: [UInt8]

    struct Pair: Equatable, CustomStringConvertible {
        var name: String
        var value: String
        var description: String { "\(name): \(value)" }
    }

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    var description: String {
        "\(method) \(path) query=\(query) headers=\(headers) body=\(body.count) bytes"
    }

    init(parsing text: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.first?.split(separator: " ").map(String.init) ?? []
        guard requestLine.count >= 3, let last = requestLine.last, last.hasPrefix("HTTP/") else {
            throw ParseError(line: 1, reason: "expected 'METHOD TARGET HTTP/1.1'")
        }
        method = requestLine[0]
        // The target may contain spaces ("/example space/"): everything between method and version.
        let target = requestLine[1..<(requestLine.count - 1)].joined(separator: " ")
        let (rawPath, rawQuery) = Self.split(target, at: "?")
        path = rawPath
        query = rawQuery.map(Self.parseQuery) ?? []
        headers = []
        var index = 1
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else {
                    throw ParseError(line: index + 1, reason: "continuation line before any header")
                }
                headers[headers.count - 1].value += "\n" + line
            } else {
                let (name, value) = Self.split(line, at: ":")
                guard let value else { throw ParseError(line: index + 1, reason: "header without ':'") }
                headers.append(Pair(name: name, value: value))
            }
            index += 1
        }
        body = index + 1 < lines.count ? Array(lines[(index + 1)...].joined(separator: "\n").utf8) : []
    }

    /// Decoded `name=value` items of a raw query string.
    static func parseQuery(_ raw: String) -> [Pair] {
        raw.split(separator: "&").map { item in
            let (name, value) = split(String(item), at: "=")
            return Pair(name: URIEncoding.decode(name), value: URIEncoding.decode(value ?? ""))
        }
    }

    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }
}
