/// An XML element tree, as written into request bodies and read from response bodies.
///
/// Invariants: `name` is the qualified name as written (`prefix:local` when prefixed); `attributes`
/// keep their document order; `text` is the concatenation of the element's own character data
/// (entities resolved, CDATA included), without the text of its children.
public struct XMLElementNode: Sendable, Hashable {
    public var name: String
    public var attributes: [XMLAttribute]
    public var children: [XMLElementNode]
    public var text: String

    public init(
        _ name: String, attributes: [XMLAttribute] = [], children: [XMLElementNode] = [], text: String = ""
    ) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The element's name without a namespace prefix.
    public var localName: String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// The first child whose local name is `name`.
    public func child(_ name: String) -> XMLElementNode? {
        children.first { $0.localName == name }
    }

    /// Every child whose local name is `name`, in document order.
    public func children(_ name: String) -> [XMLElementNode] {
        children.filter { $0.localName == name }
    }

    /// The text of the first child named `name`, or `nil` when there is no such child.
    public func childText(_ name: String) -> String? {
        child(name)?.text
    }

    /// The value of the attribute named `name`.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Appends a child element holding `text`, when `text` is not `nil`.
    public mutating func append(_ name: String, _ text: String?) {
        guard let text else { return }
        children.append(XMLElementNode(name, text: text))
    }

    /// Appends `element` when it is not `nil`.
    public mutating func append(_ element: XMLElementNode?) {
        guard let element else { return }
        children.append(element)
    }
}

public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
