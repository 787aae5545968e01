import BopsNode
import BopsPrimitives

/// The reads only a spec makes: dates and the spec's own words.
extension NodeDecoder {
    mutating func timestamp(_ parent: Node?, _ key: String, _ base: String) -> Timestamp? {
        read(parent, key, base, expected: Expectation("an RFC 3339 date-time")) {
            $0.string.flatMap(Timestamp.init(rfc3339:))
        }
    }

    /// A value the spec spells with its own word (``SpecWord``); an unknown word is a diagnostic.
    mutating func word<E: SpecWord>(_ type: E.Type, _ parent: Node?, _ key: String, _ base: String) -> E? {
        read(parent, key, base, expected: .allowedValue) { $0.string.flatMap(E.init(specWord:)) }
    }
}
