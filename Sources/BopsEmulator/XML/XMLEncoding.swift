import BopsAWSModel
import Foundation

/// Encodes an `Encodable` value as an `XMLElementNode` with the AWS REST-XML conventions (see
/// ``XMLDecoding``): members in coding order, `nil` members left out, list items named by
/// ``listMemberNames`` (default `member`), `[String: String]` maps as `entry`/`key`/`value`,
/// timestamps as ISO 8601 UTC with milliseconds.
enum XMLEncoding {
    /// List member element names that differ from `member`, by the list's own element name
    /// (from the S3 Control 2018-08-20 model).
    static let listMemberNames: [String: String] = ["MatchAnyObjectEncryption": "ObjectEncryption"]

    static func encode<T: Encodable>(_ value: T, as name: String) throws -> XMLElementNode {
        let node = XNode(name)
        try node.encode(value)
        return node.element
    }

    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// A mutable element under construction.
final class XNode {
    let name: String
    var text = ""
    var children: [XNode] = []

    init(_ name: String) { self.name = name }

    var element: XMLElementNode { XMLElementNode(name, children: children.map(\.element), text: text) }

    func append(_ name: String) -> XNode {
        let node = XNode(name)
        children.append(node)
        return node
    }

    func encode<T: Encodable>(_ value: T) throws {
        if let date = value as? Date {
            text = XMLEncoding.format(date)
        } else if let map = value as? [String: String] {
            for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                let entry = append("entry")
                entry.append("key").text = key
                entry.append("value").text = value
            }
        } else {
            try value.encode(to: XEncoder(node: self, codingPath: []))
        }
    }
}

private struct XEncoder: Encoder {
    let node: XNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(XKeyedEncoding<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        XUnkeyedEncoding(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        XSingleEncoding(node: node, codingPath: codingPath)
    }
}

private struct XKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: XNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.append(key.stringValue).encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        KeyedEncodingContainer(
            XKeyedEncoding<NestedKey>(node: node.append(key.stringValue), codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        XUnkeyedEncoding(node: node.append(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { XEncoder(node: node, codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        XEncoder(node: node.append(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct XUnkeyedEncoding: UnkeyedEncodingContainer {
    let node: XNode
    let codingPath: [any CodingKey]
    var count = 0

    init(node: XNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    private var itemName: String { XMLEncoding.listMemberNames[node.name] ?? "member" }

    private mutating func nextNode() -> XNode {
        count += 1
        return node.append(itemName)
    }

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws { try nextNode().encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        let item = nextNode()
        return KeyedEncodingContainer(XKeyedEncoding<NestedKey>(node: item, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        XUnkeyedEncoding(node: nextNode(), codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { XEncoder(node: nextNode(), codingPath: codingPath) }
}

private struct XSingleEncoding: SingleValueEncodingContainer {
    let node: XNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws { node.text = value ? "true" : "false" }
    mutating func encode(_ value: String) throws { node.text = value }
    mutating func encode(_ value: Double) throws { node.text = String(value) }
    mutating func encode(_ value: Float) throws { node.text = String(value) }
    mutating func encode(_ value: Int) throws { node.text = String(value) }
    mutating func encode(_ value: Int8) throws { node.text = String(value) }
    mutating func encode(_ value: Int16) throws { node.text = String(value) }
    mutating func encode(_ value: Int32) throws { node.text = String(value) }
    mutating func encode(_ value: Int64) throws { node.text = String(value) }
    mutating func encode(_ value: UInt) throws { node.text = String(value) }
    mutating func encode(_ value: UInt8) throws { node.text = String(value) }
    mutating func encode(_ value: UInt16) throws { node.text = String(value) }
    mutating func encode(_ value: UInt32) throws { node.text = String(value) }
    mutating func encode(_ value: UInt64) throws { node.text = String(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.encode(value) }
}
