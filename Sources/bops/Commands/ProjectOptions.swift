import ArgumentParser
import BopsPrimitives

/// Options of every command that works on a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .customLong("chdir"), help: "Run in this project folder instead of the current one.")
    var chdir: String?

    @Option(help: "How long to wait for the state lock: 0s, 30s, 5m.")
    var lockTimeout: LockTimeout = LockTimeout(duration: .zero)

    @Option(
        help:
            "How much the aws engine logs to stderr: error, warning, info, debug (each request's operation, status and AWS request id)."
    )
    var logLevel: LogLevel = .warning

    var root: String { chdir ?? "." }
}

struct LockTimeout: ExpressibleByArgument {
    var duration: Duration

    init(duration: Duration) { self.duration = duration }

    init?(argument: String) {
        guard let parsed = DurationText.parse(argument, bareSeconds: true) else { return nil }
        duration = parsed
    }

    var defaultValueDescription: String { "0s" }
}

enum LogLevel: String, ExpressibleByArgument, CaseIterable {
    case error
    case warning
    case info
    case debug
}
