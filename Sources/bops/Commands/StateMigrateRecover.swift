import ArgumentParser
import BopsDiagnostics
import BopsPlan
import BopsProject
import BopsState
import FoundationEssentials

extension StateCommand {
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the state from one backend to another without loss.",
            discussion: """
                By default from the local file (state.path) to the backend bops.yaml names. Both states \
                are locked while the copy is made; the source is left as it was. A destination that holds \
                a state of another lineage (an unrelated state), or a newer serial of the same one, is \
                refused unless --force.
                """)
        @Option(
            help:
                "Where the state is now: a file path or s3://BUCKET/KEY (default: the local file of state.path)."
        )
        var from: String?
        @Option(help: "Where it goes: a file path or s3://BUCKET/KEY (default: the backend bops.yaml names).")
        var to: String?
        @Flag(help: "Replace a destination state of another lineage or a newer serial.") var force = false
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let session = try CommandSession(project: project, output: output)
            let config = session.workspace.config
            let source =
                from.map { store(named: $0, session) }
                ?? FileStateStore(path: config.resolve(config.statePath))
            let destination = to.map { store(named: $0, session) } ?? session.workspace.store
            guard source.location != destination.location else {
                session.fail(
                    Diagnostics([
                        Diagnostic(
                            .error, "the state is already at \(destination.location)",
                            hint: "name the other backend with --from or --to", subject: destination.location)
                    ]))
            }
            Terminal.err(session.style.dim("bops: state: from \(source.backend) to \(destination.backend)"))
            for advice in await destination.advisories() { Terminal.err("bops: warning: \(advice)") }
            let version = BopsVersion.current
            let timeout = session.lockTimeout
            do {
                let saved = try await source.withLock(
                    LockInfo(operation: "state migrate", path: source.location, version: version),
                    timeout: timeout
                ) { from in
                    guard let state = try await from.load() else {
                        throw Diagnostic(
                            .error, "there is no state at \(source.location)",
                            hint: "name the state to copy with --from",
                            subject: source.location)
                    }
                    return try await destination.withLock(
                        LockInfo(operation: "state migrate", path: destination.location, version: version),
                        timeout: timeout
                    ) { to in try await to.push(state, force: force) }
                }
                Terminal.out(
                    "Migrated state (lineage \(saved.lineage), serial \(saved.serial), \(saved.jobs.count) record"
                        + "\(saved.jobs.count == 1 ? "" : "s")) from \(source.location) to \(destination.location)."
                        + "\nThe copy at \(source.location) is left as it was; remove it once bops.yaml names the new backend."
                )
            } catch let error as StateError {
                session.fail(Diagnostics([error.diagnostic]))
            } catch let d as Diagnostic {
                session.fail(Diagnostics([d]))
            }
        }

        func store(named text: String, _ session: CommandSession) -> any StateStore {
            switch EngineFactory.stateStore(
                named: text, config: session.workspace.config, logLevel: project.logLevel)
            {
            case .success(let store): return store
            case .failure(let d): session.fail(Diagnostics([d]))
            }
        }
    }

    struct Recover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild lost state from the jobs' bops:spec tags.",
            discussion: """
                For every spec without a record, looks for its job (ListJobs, then GetJobTagging for the \
                bops:spec tag) and records it: a live job, else an ended one made from the same \
                configuration. Records that exist are kept; no job is created or changed.
                """)
        @Option(help: "Spec files or directories (default: the project's specs).") var specs: [String] = []
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var session = try CommandSession(project: project, output: output)
            await session.announceEngine()
            let loaded = session.loadSpecs(specs)
            let ws = session.workspace
            let (adopted, missing, kept) = try await session.withLock("state recover") { locked in
                let state = try await locked.load()
                let (desired, problems) = await ws.desiredJobs.build(loaded, recorded: state)
                if problems.hasErrors { throw problems }
                let found: [String: [FoundJob]]
                do { found = try await ws.findUnrecorded(desired, recorded: state) } catch {
                    throw Diagnostic(
                        .error, "cannot list the jobs: \(describe(error))",
                        hint: "state recover needs s3:ListJobs and s3:GetJobTagging", subject: "engine")
                }
                let plan = Planner.plan(desired: desired, recorded: state, observed: [:], found: found)
                let adoptions = plan.actions.filter { $0.kind == .adopt }
                let adoptedNames = Set(adoptions.map(\.name))
                let missing = desired.map(\.name).filter {
                    state?.jobs[$0] == nil && !adoptedNames.contains($0)
                }
                let kept = desired.map(\.name).filter { state?.jobs[$0] != nil }
                if !adoptions.isEmpty {
                    let now = Date()
                    try await locked.update { s in
                        for a in adoptions {
                            guard let job = a.adopted else { continue }
                            s.jobs[a.name] = JobRecord(adopting: job, for: a, at: now)
                        }
                    }
                }
                return (adoptions, missing, kept)
            }
            for a in adopted {
                Terminal.out("\(a.name): recovered job \(a.jobId ?? "?") (\(a.status?.rawValue ?? "?"))")
                for line in a.changes { Terminal.out("  \(line)") }
            }
            for name in kept { Terminal.out("\(name): already recorded") }
            for name in missing {
                Terminal.out("\(name): no job carries its tag; the next apply creates one")
            }
            Terminal.out("Recovered \(adopted.count) record\(adopted.count == 1 ? "" : "s").")
        }
    }
}
