/// A model shape that is read from and written to XML.
protocol XMLShape {
    /// Reads the shape from the element `reader` stands on.
    init(xml reader: ShapeReader) throws(AWSShapeError)
    /// Writes the shape as an element named `name`.
    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode
}

/// A model structure described once by its members, in the model's order: reading and writing
/// both follow the same table, so a member added to the table is read and written.
///
/// Reading starts from ``blank`` and sets each member present; a required member that is absent
/// throws `missing element` with its path; elements not in the table are ignored (as AWS SDKs do).
protocol XMLStructure: XMLShape {
    /// The value members are read into; its values of required members are never observed.
    static var blank: Self { get }
    static var members: [XMLMember<Self>] { get }
}

extension XMLStructure {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        var value = Self.blank
        for member in Self.members { try member.read(&value, reader) }
        self = value
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        var element = XMLElementNode(name)
        for member in Self.members { member.write(self, &element, style) }
        return element
    }
}

/// One member of an ``XMLStructure``: its element name and how it moves between the value and
/// the element. Lists are `<Name><member>..</member></Name>` unless `flattened` (every `<Name>`
/// child is an item); maps are `<entry><key/><value/></entry>`, written sorted by key.
struct XMLMember<Root> {
    let read: (inout Root, ShapeReader) throws(AWSShapeError) -> Void
    let write: (Root, inout XMLElementNode, TimestampStyle) -> Void

    /// An optional scalar.
    static func value<V: XMLScalar>(_ name: String, _ path: WritableKeyPath<Root, V?>) -> Self {
        Self(
            read: { root, reader throws(AWSShapeError) in root[keyPath: path] = try reader.value(name) },
            write: { root, element, style in element.append(name, root[keyPath: path]?.xmlText(style)) })
    }

    /// A scalar that is always written; when `required`, reading it absent fails, otherwise the
    /// blank's value stays.
    static func value<V: XMLScalar>(
        _ name: String, _ path: WritableKeyPath<Root, V>, required: Bool = true
    ) -> Self {
        Self(
            read: { root, reader throws(AWSShapeError) in
                if let value: V = try reader.value(name) {
                    root[keyPath: path] = value
                } else if required {
                    throw reader.missing(name)
                }
            },
            write: { root, element, style in element.append(name, root[keyPath: path].xmlText(style)) })
    }

    /// An optional nested structure.
    static func shape<S: XMLShape>(_ name: String, _ path: WritableKeyPath<Root, S?>) -> Self {
        Self(
            read: { root, reader throws(AWSShapeError) in
                if let child = reader.child(name) { root[keyPath: path] = try S(xml: child) }
            },
            write: { root, element, style in element.append(root[keyPath: path]?.xml(name, style)) })
    }

    /// A required nested structure.
    static func shape<S: XMLShape>(_ name: String, _ path: WritableKeyPath<Root, S>) -> Self {
        Self(
            read: { root, reader throws(AWSShapeError) in
                guard let child = reader.child(name) else { throw reader.missing(name) }
                root[keyPath: path] = try S(xml: child)
            },
            write: { root, element, style in element.append(root[keyPath: path].xml(name, style)) })
    }

    /// An empty element whose presence is the value (`<SSE-S3/>`).
    static func marker<M>(
        _ name: String, _ path: WritableKeyPath<Root, M?>, _ make: @escaping () -> M
    ) -> Self {
        Self(
            read: { root, reader in if reader.child(name) != nil { root[keyPath: path] = make() } },
            write: { root, element, _ in
                if root[keyPath: path] != nil { element.append(XMLElementNode(name)) }
            })
    }

    /// An optional list of scalars.
    static func values<V: XMLScalar>(
        _ name: String, _ path: WritableKeyPath<Root, [V]?>, member: String = "member"
    ) -> Self {
        Self(
            read: { root, reader throws(AWSShapeError) in
                guard let items = try reader.list(name, member: member) else { return }
                var values: [V] = []
                for item in items { values.append(try item.textValue()) }
                root[keyPath: path] = values
            },
            write: { root, element, style in
                guard let values = root[keyPath: path] else { return }
                element.append(
                    XMLElementNode(
                        name, children: values.map { XMLElementNode(member, text: $0.xmlText(style)) }))
            })
    }

    /// An optional list of structures.
    static func list<S: XMLShape>(
        _ name: String, _ path: WritableKeyPath<Root, [S]?>, member: String = "member"
    ) -> Self {
        Self(
            read: { root, reader throws(AWSShapeError) in
                guard let items = try reader.list(name, member: member) else { return }
                var values: [S] = []
                for item in items { values.append(try S(xml: item)) }
                root[keyPath: path] = values
            },
            write: { root, element, style in
                guard let values = root[keyPath: path] else { return }
                element.append(XMLElementNode(name, children: values.map { $0.xml(member, style) }))
            })
    }

    /// A flattened list of structures: every child named `name` is an item.
    static func flattened<S: XMLShape>(_ name: String, _ path: WritableKeyPath<Root, [S]>) -> Self {
        Self(
            read: { root, reader throws(AWSShapeError) in
                var values: [S] = []
                for item in reader.flattened(name) { values.append(try S(xml: item)) }
                root[keyPath: path] = values
            },
            write: { root, element, style in
                for value in root[keyPath: path] { element.append(value.xml(name, style)) }
            })
    }

    /// An optional string map.
    static func map(_ name: String, _ path: WritableKeyPath<Root, [String: String]?>) -> Self {
        Self(
            read: { root, reader throws(AWSShapeError) in
                guard let entries = reader.child(name) else { return }
                var map: [String: String] = [:]
                for entry in entries.element.children("entry") {
                    guard let key = entry.childText("key") else { throw entries.missing("entry/key") }
                    map[key] = entry.childText("value") ?? ""
                }
                root[keyPath: path] = map
            },
            write: { root, element, _ in
                guard let map = root[keyPath: path] else { return }
                element.append(
                    XMLElementNode(
                        name,
                        children: map.sorted { $0.key < $1.key }.map { key, value in
                            XMLElementNode(
                                "entry",
                                children: [
                                    XMLElementNode("key", text: key), XMLElementNode("value", text: value),
                                ])
                        }))
            })
    }
}
