/// A body that is not well-formed XML: `line` and `column` are 1-based (column counts bytes).
public struct XMLParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "XML \(line):\(column): \(message)" }
}
