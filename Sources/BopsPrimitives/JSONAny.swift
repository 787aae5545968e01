public import FoundationEssentials

/// JSON as untyped Swift values, for the few places that read or rewrite a document without a
/// Codable type: objects are `[String: Any]`, arrays `[Any]`, strings `String`, `true`/`false`
/// `Bool`, numbers `Int` when the literal is an integer that fits and `Double` otherwise, and
/// `null` is ``JSONNull``. It stands in for Foundation's `JSONSerialization`, which the binary does
/// not link.
///
/// Invariant: ``serialize(_:pretty:escapeSlashes:)`` writes object keys sorted, so the same value
/// always gives the same bytes; ``parse(_:)`` of those bytes gives the value back.
public enum JSONAny {
    /// The value of one JSON text (any top-level value). Throws on text that is not JSON; a trailing
    /// comma in an array or object is read past, as JSONSerialization reads it;
    /// nesting deeper than 512 is refused (``SyntaxError``).
    public static func parse(_ bytes: some Collection<UInt8>) throws -> Any {
        var reader = Reader(bytes)
        return try reader.document()
    }

    /// The JSON text of `value`, built of the types ``parse(_:)`` returns (`Int`, `Double`, `Bool`,
    /// `String`, `[String: Any]`, `[Any]`, ``JSONNull``; a `String`-keyed dictionary of any of
    /// them). `pretty` indents by two spaces with `" : "` between a key and its value, as
    /// Foundation's pretty printing does; `escapeSlashes` writes `/` as `\/` as Foundation does by
    /// default. Throws `InvalidValue` for anything else.
    public static func serialize(
        _ value: Any, pretty: Bool = false, escapeSlashes: Bool = false
    ) throws -> [UInt8] {
        var writer = Writer(pretty: pretty, escapeSlashes: escapeSlashes)
        try writer.write(value, depth: 0)
        return Array(writer.out.utf8)
    }

    /// A number as `Double`, whether JSON wrote it as an integer or not.
    public static func double(_ value: Any?) -> Double? {
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        return nil
    }

    /// Why ``parse(_:)`` refused a text, in one line: what was expected, at which byte.
    public static func reason(_ error: any Error) -> String { "\(error)" }

    /// A value ``serialize(_:pretty:escapeSlashes:)`` cannot write, with its Swift type.
    public struct InvalidValue: Error, CustomStringConvertible {
        public var description: String
    }

    private struct Writer {
        let pretty: Bool
        let escapeSlashes: Bool
        var out = ""

        mutating func write(_ value: Any, depth: Int) throws {
            switch value {
            case is JSONNull: out += "null"
            case let b as Bool: out += b ? "true" : "false"
            case let i as Int: out += String(i)
            case let i as Int64: out += String(i)
            case let u as UInt64: out += String(u)
            case let d as Double:
                guard d.isFinite else { throw InvalidValue(description: "JSON has no number \(d)") }
                out += d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
            case let s as String: string(s)
            case let o as [String: Any]:
                try container("{", "}", o.keys.sorted(), depth: depth) { writer, key in
                    writer.string(key)
                    writer.out += writer.pretty ? " : " : ":"
                    try writer.write(o[key]!, depth: depth + 1)
                }
            case let a as [Any]:
                try container("[", "]", Array(a.indices), depth: depth) { writer, index in
                    try writer.write(a[index], depth: depth + 1)
                }
            default:
                throw InvalidValue(description: "\(type(of: value)) is not a JSON value")
            }
        }

        mutating func container<Item>(
            _ open: String, _ close: String, _ items: [Item], depth: Int,
            _ element: (inout Writer, Item) throws -> Void
        ) throws {
            out += open
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: depth + 1) }
                try element(&self, item)
            }
            if pretty && !items.isEmpty { out += "\n" + String(repeating: "  ", count: depth) }
            out += close
        }

        mutating func string(_ s: String) {
            out += jsonStringLiteral(s, escapingSlashes: escapeSlashes)
        }
    }
}

/// JSON's `null` among the values ``JSONAny`` reads and writes.
public struct JSONNull: Sendable, Hashable {
    public init() {}
}
