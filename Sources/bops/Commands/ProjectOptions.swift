import ArgumentParser

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
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where argument.hasSuffix(suffix) {
            guard let n = Double(argument.dropLast(suffix.count)), n >= 0 else { return nil }
            duration = .milliseconds(Int(n * scale * 1000))
            return
        }
        guard let n = Double(argument), n >= 0 else { return nil }
        duration = .milliseconds(Int(n * 1000))
    }

    var defaultValueDescription: String { "0s" }
}

enum LogLevel: String, ExpressibleByArgument, CaseIterable {
    case error
    case warning
    case info
    case debug
}
