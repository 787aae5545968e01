import FoundationEssentials

/// Typed access to the members of one XML structure of an AWS request or answer, with errors
/// that name the member path (`DescribeJobResult/Job/ProgressSummary/TotalNumberOfTasks`).
/// Absent members read as `nil`; present members of the wrong form throw ``AWSShapeError``.
struct ShapeReader {
    let element: XMLElementNode
    let operation: String
    let path: String
    /// Whether the document is a request (the emulator reading a client) or an answer.
    let isRequest: Bool

    init(_ element: XMLElementNode, operation: String, path: String? = nil, isRequest: Bool = false) {
        self.element = element
        self.operation = operation
        self.path = path ?? element.localName
        self.isRequest = isRequest
    }

    /// Parses a whole body; its root must be named `root`.
    static func body(
        _ bytes: [UInt8], root: String, operation: String, isRequest: Bool = false
    ) throws(AWSShapeError) -> ShapeReader {
        let element: XMLElementNode
        do {
            element = try XMLReader.parse(bytes)
        } catch {
            throw AWSShapeError(
                operation: operation, path: root, message: "the body is not well-formed XML: \(error)",
                isRequest: isRequest, isMalformedXML: true)
        }
        guard element.localName == root else {
            throw AWSShapeError(
                operation: operation, path: root,
                message: "expected root element <\(root)>, found <\(element.name)>", isRequest: isRequest)
        }
        return ShapeReader(element, operation: operation, isRequest: isRequest)
    }

    func error(_ member: String, _ message: String) -> AWSShapeError {
        AWSShapeError(operation: operation, path: path + "/" + member, message: message, isRequest: isRequest)
    }

    func missing(_ member: String) -> AWSShapeError { error(member, "missing element") }

    func string(_ name: String) -> String? { element.childText(name) }

    func required(_ name: String) throws(AWSShapeError) -> String {
        guard let text = element.childText(name) else { throw missing(name) }
        return text
    }

    /// The member `name` read as `V`; `nil` when absent.
    func value<V: XMLScalar>(_ name: String, _ type: V.Type = V.self) throws(AWSShapeError) -> V? {
        guard let text = string(name) else { return nil }
        return try scalar(text, member: name)
    }

    /// `text` (of the member `member`) read as `V`.
    func scalar<V: XMLScalar>(_ text: String, member: String) throws(AWSShapeError) -> V {
        guard let value = V(xmlText: text) else {
            throw error(member, "expected \(V.xmlExpected), found '\(text)'")
        }
        return value
    }

    /// The element's own text read as `V` (a list item).
    func textValue<V: XMLScalar>() throws(AWSShapeError) -> V {
        guard let value = V(xmlText: text) else {
            throw AWSShapeError(
                operation: operation, path: path, message: "expected \(V.xmlExpected), found '\(text)'",
                isRequest: isRequest)
        }
        return value
    }

    func bool(_ name: String) throws(AWSShapeError) -> Bool? { try value(name) }
    func int64(_ name: String) throws(AWSShapeError) -> Int64? { try value(name) }
    func int(_ name: String) throws(AWSShapeError) -> Int? { try value(name) }
    func date(_ name: String) throws(AWSShapeError) -> Date? { try value(name) }

    func child(_ name: String) -> ShapeReader? {
        element.child(name).map {
            ShapeReader($0, operation: operation, path: path + "/" + name, isRequest: isRequest)
        }
    }

    /// The entries of a non-flattened list `<name><member>..</member>...</name>`; `nil` when absent.
    ///
    /// In a request, an element of the list not named `member` is an error (a client that wrote
    /// `<S3Tag>` items instead of `<member>` would otherwise have its items silently dropped).
    func list(_ name: String, member: String = "member") throws(AWSShapeError) -> [ShapeReader]? {
        guard let list = element.child(name) else { return nil }
        if isRequest, let stray = list.children.first(where: { $0.localName != member }) {
            throw error(
                name + "/" + stray.localName, "unexpected element: the items of \(name) are <\(member)>")
        }
        return list.children(member).enumerated().map { index, item in
            ShapeReader(
                item, operation: operation, path: "\(path)/\(name)/\(member)[\(index)]", isRequest: isRequest)
        }
    }

    /// The elements of a flattened list: every direct child named `name`.
    func flattened(_ name: String) -> [ShapeReader] {
        element.children(name).enumerated().map { index, item in
            ShapeReader(item, operation: operation, path: "\(path)/\(name)[\(index)]", isRequest: isRequest)
        }
    }

    var text: String { element.text }
}
