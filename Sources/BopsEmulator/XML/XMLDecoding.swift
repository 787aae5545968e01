import BopsAWSModel
import Foundation

/// Decodes a `Decodable` value from an `XMLElementNode` using the AWS REST-XML conventions: a member is
/// a child element named by its coding key; a list is an element whose children are the items
/// (whatever their name: `member` or a model-specific name); a map is a list of
/// `<entry><key>..</key><value>..</value></entry>`; booleans are `true`/`false`; timestamps are
/// ISO 8601 with or without fractional seconds.
enum XMLDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from element: XMLElementNode) throws -> T {
        try XDecoder(element: element, codingPath: []).decode(type)
    }

    static func parseDate(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) {
            return date
        }
        return try? Date.ISO8601FormatStyle().parse(trimmed)
    }
}

struct XKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

private struct XDecoder: Decoder {
    let element: XMLElementNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if type == Date.self {
            guard let date = XMLDecoding.parseDate(element.text), let value = date as? T else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: codingPath,
                        debugDescription: "'\(element.text)' is not an ISO 8601 timestamp"))
            }
            return value
        }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(XKeyedDecoding<Key>(element: element, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        XUnkeyedDecoding(items: element.children, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        XSingleDecoding(element: element, codingPath: codingPath)
    }
}

private struct XKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let codingPath: [any CodingKey]
    let members: [String: XMLElementNode]
    let order: [String]

    init(element: XMLElementNode, codingPath: [any CodingKey]) {
        self.codingPath = codingPath
        var members: [String: XMLElementNode] = [:]
        var order: [String] = []
        let isMap = !element.children.isEmpty && element.children.allSatisfy { $0.localName == "entry" }
        for child in element.children {
            let name: String
            let value: XMLElementNode
            if isMap {
                name = child.childText("key") ?? ""
                value = child.child("value") ?? XMLElementNode("value")
            } else {
                name = child.localName
                value = child
            }
            if members[name] == nil { order.append(name) }
            members[name] = value
        }
        self.members = members
        self.order = order
    }

    var allKeys: [Key] { order.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> XMLElementNode {
        guard let element = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "missing element <\(key.stringValue)>"))
        }
        return element
    }

    func decodeNil(forKey key: Key) throws -> Bool { members[key.stringValue] == nil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try XDecoder(element: try member(key), codingPath: codingPath + [key]).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(
            XKeyedDecoding<NestedKey>(element: try member(key), codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        XUnkeyedDecoding(items: try member(key).children, codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "no super decoder"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        XDecoder(element: try member(key), codingPath: codingPath + [key])
    }
}

private struct XUnkeyedDecoding: UnkeyedDecodingContainer {
    let items: [XMLElementNode]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [XMLElementNode], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> (XMLElementNode, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath, debugDescription: "no more list items"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [XKey(intValue: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (element, path) = try next()
        return try XDecoder(element: element, codingPath: path).decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (element, path) = try next()
        return KeyedDecodingContainer(XKeyedDecoding<NestedKey>(element: element, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (element, path) = try next()
        return XUnkeyedDecoding(items: element.children, codingPath: path)
    }

    mutating func superDecoder() throws -> any Decoder {
        let (element, path) = try next()
        return XDecoder(element: element, codingPath: path)
    }
}

private struct XSingleDecoding: SingleValueDecodingContainer {
    let element: XMLElementNode
    let codingPath: [any CodingKey]

    private var text: String { element.text.trimmingCharacters(in: .whitespacesAndNewlines) }

    private func invalid(_ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "'\(text)' is not \(what)"))
    }

    func decodeNil() -> Bool { false }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch text {
        case "true": return true
        case "false": return false
        default: throw invalid("a boolean (true or false)")
        }
    }

    func decode(_ type: String.Type) throws -> String { element.text }

    func decode(_ type: Double.Type) throws -> Double {
        guard let value = Double(text) else { throw invalid("a number") }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        guard let value = I(text) else { throw invalid("an integer in the range of \(I.self)") }
        return value
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try XDecoder(element: element, codingPath: codingPath).decode(type)
    }
}
