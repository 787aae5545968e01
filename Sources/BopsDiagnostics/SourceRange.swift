/// A position in a source file. Both fields are 1-based, as editors and compilers print them.
public struct Mark: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A span of a named source file: `start` is inclusive, `end` exclusive (the mark after the last character).
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var start: Mark
    public var end: Mark

    public init(file: String, start: Mark, end: Mark) {
        self.file = file
        self.start = start
        self.end = end
    }

    public var description: String { "\(file):\(start)" }
}
