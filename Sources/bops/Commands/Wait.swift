import ArgumentParser
import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsPrimitives
import BopsProject
import BopsState
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait for a spec's job to end (or to need confirmation), showing its progress.",
        discussion: """
            On the local engine this runs the job. Exits 1 when the job failed or has failed tasks. \
            Without a name, waits for the whole campaign: observes and plans (changing nothing) until \
            no job runs and no spec waits; exits 0 when every job ended Complete, 2 when a waiting \
            spec became ready (run bops apply), 1 when a spec is blocked, a job failed, or the timeout passed.
            """
    )

    @Argument(help: "The spec name (metadata.name); none: every spec of the project.") var name: String?
    @Option(help: "Give up after this long: 30s, 10m, 2h.") var timeout: LockTimeout = LockTimeout(
        duration: .seconds(3600))
    @Option(help: "Seconds between checks on a remote engine.") var interval: Double = 5
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var session = try CommandSession(project: project, output: output)
        guard let name else {
            try await CampaignWatch(session: session, specs: session.loadSpecs([]), timeout: timeout.duration)
                .run(poll: session.workspace.pollInterval)
            return
        }
        let jobs = await session.loadState()?.jobs ?? [:]
        let parts = jobs.keys.filter { $0 != name && JobIdentity.spec(ofJob: $0) == name }.sorted()
        guard jobs[name] == nil, !parts.isEmpty else {
            try await wait(for: name, record: jobs[name], session: session)
            return
        }
        // A split spec: its parts one after another; the command fails when any of them did.
        var failed: [String] = []
        for part in parts {
            do { try await wait(for: part, record: jobs[part], session: session) } catch is ExitCode {
                failed.append(part)
            }
        }
        if !failed.isEmpty {
            Terminal.err(
                "\(name): \(failed.count) of \(parts.count) parts did not end Complete: \(failed.joined(separator: ", "))"
            )
            throw ExitCode(1)
        }
    }

    /// Follows one job to its end (or to its confirmation, or the timeout).
    func wait(for name: String, record: JobRecord?, session: CommandSession) async throws {
        guard let record, let jobId = record.jobId else {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "no job recorded for \(name)",
                        hint: "bops apply creates it; bops status lists the jobs", subject: name)
                ]))
        }
        let ws = session.workspace
        let bar = ProgressBar(style: session.style, interactive: isatty(STDOUT_FILENO) == 1, label: name)
        let deadline = ContinuousClock.now.advanced(by: timeout.duration)
        var last: JobDescriptor
        while true {
            do {
                if let runJobs = ws.runJobs {
                    try await runJobs { d in if d.jobId == jobId { bar.update(d) } }
                }
                last = try await ws.jobs(in: record.region).describeJob(
                    accountId: record.accountId, jobId: jobId)
            } catch {
                session.fail(
                    Diagnostics([
                        Diagnostic(.error, "cannot follow job \(jobId): \(describe(error))", subject: name)
                    ]))
            }
            bar.update(last)
            if last.status.isTerminal || last.status == .suspended || ContinuousClock.now >= deadline {
                break
            }
            try await Task.sleep(
                for: ws.runJobs == nil ? .milliseconds(Int(interval * 1000)) : .milliseconds(200))
        }
        bar.finish(last)
        await refresh(session, name: name, job: last)
        let progress = Progress(last.progressSummary)
        switch last.status {
        case .suspended:
            Terminal.out(
                "\(name): job \(jobId) waits for confirmation (\(progress?.total ?? 0) tasks). Set confirm: true and run bops apply."
            )
        case .complete where (progress?.failed ?? 0) == 0:
            Terminal.out(
                session.style.green("\(name): job \(jobId) \(Planner.summary(last.status, progress))."))
        case _ where !last.status.isTerminal:
            Terminal.err("\(name): still \(last.status.rawValue) after the timeout.")
            throw ExitCode(1)
        default:
            Terminal.err(
                session.style.red("\(name): job \(jobId) \(Planner.summary(last.status, progress))."))
            for f in last.failureReasons ?? [] { Terminal.err("  \(f.text)") }
            Terminal.err("See the failures with: bops report \(name)")
            throw ExitCode(1)
        }
    }

    /// Records the final status so `bops status --offline` and plans agree with what was seen. Best
    /// effort: when the state is locked for 5 seconds or cannot be saved, nothing is recorded.
    func refresh(_ session: CommandSession, name: String, job: JobDescriptor) async {
        _ = try? await session.workspace.withLock(operation: "wait", timeout: .seconds(5)) { locked in
            try await locked.update { state in
                guard state.jobs[name]?.jobId == job.jobId else { return }
                state.jobs[name]?.observe(job, at: Date())
            }
        }
    }
}

/// A one-line progress bar on a terminal; plain lines (at most one per 10%) otherwise.
final class ProgressBar: @unchecked Sendable {
    let style: Style
    let interactive: Bool
    let label: String
    private var lastLine = ""
    private var lastDecile = -1

    init(style: Style, interactive: Bool, label: String) {
        self.style = style
        self.interactive = interactive
        self.label = label
    }

    func update(_ d: JobDescriptor) {
        let p = Progress(d.progressSummary)
        let total = p?.total ?? 0
        let done = p?.done ?? 0
        let fraction = total > 0 ? Double(done) / Double(total) : (d.status == .complete ? 1 : 0)
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let failed = (p?.failed ?? 0) > 0 ? ", \(p!.failed) failed" : ""
        let line = "\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total) \(d.status.rawValue)\(failed)"
        if interactive {
            guard line != lastLine else { return }
            StandardStream.output.write(("\r\u{1B}[2K" + line))
        } else {
            let decile = Int(fraction * 10)
            guard
                decile != lastDecile
                    || line.hasSuffix(d.status.rawValue) && !lastLine.hasSuffix(d.status.rawValue)
            else { return }
            lastDecile = decile
            Terminal.out(
                "\(label): \(d.status.rawValue) \(Int(fraction * 100))% (\(done)/\(total) tasks\(failed))")
        }
        lastLine = line
    }

    func finish(_ d: JobDescriptor) {
        update(d)
        if interactive { StandardStream.output.write("\n") }
    }
}
