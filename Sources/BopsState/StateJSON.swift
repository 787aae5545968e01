import BopsPrimitives
import FoundationEssentials

/// The JSON form of state, lock and plan files: pretty, key-sorted, ISO 8601 dates.
enum StateJSON {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return [UInt8](try e.encode(value)) + [0x0A]
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(type, from: Data(bytes))
    }

    /// `2026-12-01T21:00:00Z`: whole seconds, UTC.
    static func timestamp(_ date: Date) -> String { Timestamp(date: date).rfc3339(fractionDigits: 0) }

    /// Why a document does not decode, naming where in it.
    static func problem(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing `\(key.stringValue)` at \(pointer(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(pointer(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return "\(context.debugDescription) at \(pointer(context.codingPath))"
        default:
            return "cannot decode"
        }
    }

    private static func pointer(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top" : "/" + path.map(\.stringValue).joined(separator: "/")
    }
}
