import ArgumentParser
import BopsDiagnostics
import BopsPlan
import BopsSpec
import FoundationEssentials

/// `bops wait` without a name: plans in rounds, changing nothing (on the local engine it runs the
/// jobs), until no job runs and no spec waits for a condition that may still come true, or until a
/// waiting spec is ready for an apply.
struct CampaignWatch {
    let session: CommandSession
    let specs: [LoadedSpec]
    let timeout: Duration

    func run(poll: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let style = session.style
        var round = 1
        while true {
            await session.runLocalJobs()
            let plan = try await session.withLock("wait") { _ in
                try await session.plan(specs, options: PlanOptions(), parallelism: 10).plan
            }
            let progress = CampaignProgress(plan)
            let ready = plan.actions.filter { $0.kind.isChange }.map(\.name)
            Terminal.out(
                style.bold("round \(round):") + " "
                    + [
                        (ready.count, "ready for apply"), (progress.running.count, "running"),
                        (progress.waiting.count, "waiting"), (progress.blocked.count, "blocked"),
                        (progress.failed.count, "failed"), (progress.done.count, "done"),
                    ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            for a in plan.actions where a.kind == .wait || a.kind == .blocked {
                let unmet = (a.conditions ?? []).filter { $0.verdict != .holds }
                for line in unmet.isEmpty ? [a.reason] : unmet.map(\.sentence) {
                    Terminal.out(style.dim("  \(a.name) \(line)"))
                }
            }
            if !ready.isEmpty {
                Terminal.out(
                    "Ready: \(ready.joined(separator: ", ")). Run bops apply (or bops apply --wait).")
                throw ExitCode(2)
            }
            if progress.isOver {
                if progress.succeeded {
                    Terminal.out(style.green("Every job ended Complete."))
                    return
                }
                if !progress.blocked.isEmpty {
                    Terminal.err("blocked: \(progress.blocked.joined(separator: ", "))")
                }
                if !progress.failed.isEmpty {
                    Terminal.err("failed: \(progress.failed.joined(separator: ", "))")
                }
                if !progress.needsConfirmation.isEmpty {
                    Terminal.err(
                        "awaiting confirmation: \(progress.needsConfirmation.joined(separator: ", "))")
                }
                throw ExitCode(1)
            }
            if ContinuousClock.now >= deadline {
                Terminal.err("bops: --timeout passed after round \(round).")
                throw ExitCode(1)
            }
            try await Task.sleep(for: min(poll, max(.zero, deadline - ContinuousClock.now)))
            round += 1
        }
    }
}
