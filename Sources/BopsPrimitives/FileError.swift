#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file-system call that failed: what was attempted, on which path, and the system's reason.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was attempted, as a verb phrase: `create`, `write`, `rename onto`, `lock`.
    public var operation: String
    public var path: String
    /// The `errno` of the failed call.
    public var code: Int32
    /// `strerror(code)`.
    public var reason: String

    public init(_ operation: String, _ path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
        self.reason = String(cString: strerror(code))
    }

    /// A failure of the call that just set `errno`.
    public static func last(_ operation: String, _ path: String) -> FileError {
        FileError(operation, path, code: errno)
    }

    /// `cannot write .bops/state.json: No space left on device`.
    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
