import Foundation

/// Typed access to the members of one XML structure of an AWS answer, with errors that name the
/// member path. Absent members read as `nil`; present members of the wrong form throw.
struct ShapeReader {
    let element: XMLElementNode
    let operation: String
    let path: String

    init(_ element: XMLElementNode, operation: String, path: String? = nil) {
        self.element = element
        self.operation = operation
        self.path = path ?? element.localName
    }

    /// Parses a whole body; its root must be named `root`.
    static func body(_ bytes: [UInt8], root: String, operation: String) throws -> ShapeReader {
        let element: XMLElementNode
        do {
            element = try XMLReader.parse(bytes)
        } catch {
            throw AWSShapeError(operation: operation, path: root, message: "the body is not XML: \(error)")
        }
        guard element.localName == root else {
            throw AWSShapeError(
                operation: operation, path: root,
                message: "expected root element <\(root)>, found <\(element.name)>")
        }
        return ShapeReader(element, operation: operation)
    }

    func error(_ member: String, _ message: String) -> AWSShapeError {
        AWSShapeError(operation: operation, path: path + "/" + member, message: message)
    }

    func string(_ name: String) -> String? { element.childText(name) }

    func required(_ name: String) throws -> String {
        guard let text = element.childText(name) else { throw error(name, "required member is missing") }
        return text
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.trimmingCharacters(in: .whitespaces) {
        case "true": return true
        case "false": return false
        default: throw error(name, "expected true or false, found '\(text)'")
        }
    }

    func int64(_ name: String) throws -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw error(name, "expected an integer, found '\(text)'")
        }
        return value
    }

    func int(_ name: String) throws -> Int? {
        guard let value = try int64(name) else { return nil }
        guard let small = Int(exactly: value) else { throw error(name, "integer \(value) out of range") }
        return small
    }

    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = AWSTimestamp.parse(text.trimmingCharacters(in: .whitespaces)) else {
            throw error(name, "expected an ISO 8601 timestamp, found '\(text)'")
        }
        return date
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) throws -> E?
    where E.RawValue == String {
        guard let text = string(name) else { return nil }
        return try enumValue(text, type, member: name)
    }

    func enumValue<E: RawRepresentable & CaseIterable>(
        _ text: String, _ type: E.Type, member: String
    ) throws -> E
    where E.RawValue == String {
        guard let value = E(rawValue: text) else {
            let known = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(member, "unknown value '\(text)' (known: \(known))")
        }
        return value
    }

    func child(_ name: String) -> ShapeReader? {
        element.child(name).map { ShapeReader($0, operation: operation, path: path + "/" + name) }
    }

    /// The entries of a non-flattened list `<name><member>..</member>...</name>`; `nil` when absent.
    func list(_ name: String, member: String = "member") -> [ShapeReader]? {
        guard let list = element.child(name) else { return nil }
        return list.children(member).enumerated().map { index, item in
            ShapeReader(item, operation: operation, path: "\(path)/\(name)/\(member)[\(index)]")
        }
    }

    /// The elements of a flattened list: every direct child named `name`.
    func flattened(_ name: String) -> [ShapeReader] {
        element.children(name).enumerated().map { index, item in
            ShapeReader(item, operation: operation, path: "\(path)/\(name)[\(index)]")
        }
    }

    var text: String { element.text }
}
