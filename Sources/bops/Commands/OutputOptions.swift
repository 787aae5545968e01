import ArgumentParser
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Options every command shares: how to print.
struct OutputOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: "Never use colour (also when NO_COLOR is set).")
    var noColor = false

    /// Colour only on a terminal, never with `NO_COLOR` or `--no-color`.
    var useColor: Bool {
        if noColor { return false }
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
}
