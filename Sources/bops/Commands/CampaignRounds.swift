import ArgumentParser
import BopsDiagnostics
import BopsPlan
import BopsPrimitives
import BopsSpec
import Dispatch
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `bops apply --wait`: observe, plan and apply in rounds until every spec's job has ended or is
/// blocked. Each round takes the state lock and releases it before sleeping. SIGINT or SIGTERM
/// ends the loop after the round under way (whose effects are recorded as any apply's are); a
/// second signal ends the process at once, which the state's journal makes safe too.
struct CampaignRounds {
    let command: ApplyCommand
    let session: CommandSession
    let specs: [LoadedSpec]

    func run() async throws {
        let stop = StopSignal.install()
        let poll = command.poll?.duration ?? session.workspace.pollInterval
        let deadline = ContinuousClock.now.advanced(by: command.timeout.duration)
        let style = session.style
        var round = 1
        while true {
            let (plan, outcome) = try await command.round(
                session, specs: specs, savedPlan: nil, ask: round == 1 && !command.autoApprove,
                quiet: round > 1)
            try command.report(outcome, session)
            let progress = CampaignProgress(plan)
            Terminal.out(style.bold("round \(round):") + " " + line(plan, progress))
            for a in plan.actions where a.kind == .wait || a.kind == .blocked {
                let unmet = (a.conditions ?? []).filter { $0.verdict != .holds }
                for line in unmet.isEmpty ? [a.reason] : unmet.map(\.sentence) {
                    Terminal.out(style.dim("  \(a.name) \(line)"))
                }
            }
            if progress.isOver {
                try finish(progress)
                return
            }
            if stop.isSet {
                Terminal.err(
                    "bops: interrupted after round \(round); everything it did is recorded. Run the same command to go on."
                )
                throw ExitCode(130)
            }
            if ContinuousClock.now >= deadline {
                Terminal.err("bops: --timeout passed after round \(round); \(pendingText(progress)).")
                throw ExitCode(1)
            }
            await session.runLocalJobs()
            let wake = min(ContinuousClock.now.advanced(by: poll), deadline)
            while ContinuousClock.now < wake && !stop.isSet {
                try await Task.sleep(for: min(.milliseconds(100), wake - ContinuousClock.now))
            }
            if stop.isSet {
                Terminal.err(
                    "bops: interrupted after round \(round); everything it did is recorded. Run the same command to go on."
                )
                throw ExitCode(130)
            }
            round += 1
        }
    }

    /// `1 created, 2 running, 1 waiting` for one round.
    func line(_ plan: Plan, _ p: CampaignProgress) -> String {
        var parts: [String] = []
        let done = command.done(plan)
        if !done.isEmpty { parts.append(done) }
        for (n, word) in [
            (p.running.count, "running"), (p.waiting.count, "waiting"), (p.blocked.count, "blocked"),
            (p.needsConfirmation.count, "awaiting confirmation"), (p.failed.count, "failed"),
            (p.done.count, "done"),
        ] where n > 0 {
            parts.append("\(n) \(word)")
        }
        return parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")
    }

    func pendingText(_ p: CampaignProgress) -> String {
        let names = p.acting + p.running + p.waiting
        return "still running or waiting: " + names.joined(separator: ", ")
    }

    /// The campaign's end: 0 when every job ended Complete, else 1 naming what is left.
    func finish(_ p: CampaignProgress) throws {
        let style = session.style
        if p.succeeded {
            Terminal.out(style.green(style.bold("Campaign complete!")) + " Every job ended Complete.")
            return
        }
        if !p.blocked.isEmpty { Terminal.err(style.red("blocked: \(p.blocked.joined(separator: ", "))")) }
        if !p.failed.isEmpty {
            Terminal.err(
                style.red("failed: \(p.failed.joined(separator: ", ")) (bops report NAME shows why)"))
        }
        if !p.needsConfirmation.isEmpty {
            Terminal.err(
                style.yellow(
                    "awaiting confirmation: \(p.needsConfirmation.joined(separator: ", ")) (set confirm: true)"
                ))
        }
        throw ExitCode(1)
    }
}

/// Set by SIGINT or SIGTERM; a second one ends the process at once.
final class StopSignal: @unchecked Sendable {
    private let lock = Lock()
    private var count = 0
    private var sources: [any DispatchSourceSignal] = []

    var isSet: Bool { lock.withLock { count > 0 } }

    static func install() -> StopSignal {
        let stop = StopSignal()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let n = stop.lock.withLock {
                    stop.count += 1
                    return stop.count
                }
                if n > 1 { _exit(128 + number) }
            }
            source.resume()
            stop.sources.append(source)
        }
        return stop
    }
}
