import BopsJobs
import BopsPlan
import BopsState
import FoundationEssentials

/// An error as one line for people; engine errors show code, message and request id.
func describe(_ error: any Error) -> String {
    if let e = error as? EngineError {
        return "\(e.code): \(e.message)" + (e.requestId.map { " (request id \($0))" } ?? "")
    }
    if let e = error as? StateError { return e.diagnostic.summary }
    return "\(error)"
}

/// Pretty, key-sorted JSON with ISO 8601 dates: the form of every `--json` output.
func encodeJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
}
