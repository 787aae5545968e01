public import Logging

/// A swift-log handler that hands each record, already filtered by level, to a closure: the
/// command line writes `bops: debug: ...` lines with it, tests collect records with it.
///
/// Whatever reaches `write` was logged by bops code; bops never puts a secret access key, session
/// token, `Authorization` header or signature into a message or its metadata.
public struct LineLogHandler: LogHandler {
    /// One log call: its level, message and merged metadata (handler metadata, then the call's).
    public typealias Write = @Sendable (Logger.Level, Logger.Message, Logger.Metadata) -> Void

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let write: Write

    public init(level: Logger.Level, write: @escaping Write) {
        logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(event.level, event.message, metadata.merging(event.metadata ?? [:]) { _, call in call })
    }

    /// A logger at `level` whose records go to `write`.
    public static func logger(label: String, level: Logger.Level, write: @escaping Write) -> Logger {
        Logger(label: label) { _ in LineLogHandler(level: level, write: write) }
    }
}
