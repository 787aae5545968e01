import BopsPlan
import BopsPrimitives
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `bops apply` prints while actions run: one line per spec as its action ends (its events
/// together, never mixed with another spec's), and on a terminal (standard error a TTY) a bar
/// `[███░░░] 12/100` kept below the lines on standard error. Plain lines only otherwise.
///
/// Calls come one at a time (the reconciler's `onFinish`).
final class ApplyProgress: @unchecked Sendable {
    let style: Style
    let interactive: Bool
    private var barShown = false

    init(style: Style, interactive: Bool = isatty(STDERR_FILENO) == 1) {
        self.style = style
        self.interactive = interactive
    }

    /// The line of one finished action: `name: event; event` (`name: failed: error` when it failed).
    static func line(_ finished: FinishedAction, style: Style) -> String {
        var parts = finished.events.map(\.message)
        if let error = finished.error { parts.append(style.red("failed: \(describe(error))")) }
        if parts.isEmpty { parts.append("done") }
        return style.bold(finished.action.name) + ": " + parts.joined(separator: "; ")
    }

    func finished(_ finished: FinishedAction) {
        clearBar()
        Terminal.out(Self.line(finished, style: style))
        if interactive && finished.finished < finished.total {
            drawBar(finished.finished, of: finished.total)
        }
    }

    /// Removes the bar (before other output, and at the end).
    func clearBar() {
        guard barShown else { return }
        StandardStream.error.write("\r\u{1B}[2K")
        barShown = false
    }

    private func drawBar(_ done: Int, of total: Int) {
        let width = 30
        let filled = total > 0 ? done * width / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        StandardStream.error.write("\r\u{1B}[2K[\(bar)] \(done)/\(total) done")
        barShown = true
    }
}
