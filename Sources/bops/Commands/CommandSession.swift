import ArgumentParser
import BopsDiagnostics
import BopsPlan
import BopsPrimitives
import BopsProject
import BopsSpec
import BopsState
import FoundationEssentials

/// What a project command holds while it runs: the workspace, sources for diagnostics, and output style.
struct CommandSession {
    var workspace: Workspace
    /// The engines as the factory built them (the embedded one for `bops local`, the announcement).
    var engines: EngineFactory.Built
    var sources = SourceCache()
    var style: Style
    var lockTimeout: Duration
    /// Set once the state backend has been announced, so a command says it once.
    private let announced = OnceFlag()

    init(project: ProjectOptions, output: OutputOptions) throws {
        style = Style(enabled: output.useColor)
        lockTimeout = project.lockTimeout.duration
        if let dir = project.chdir, !FileManager.default.changeCurrentDirectoryPath(dir) {
            Terminal.err(
                DiagnosticRenderer(sources: sources, style: style).render(
                    Diagnostic(
                        .error, "cannot change to folder", hint: "check the --chdir path", subject: dir)))
            throw ExitCode(1)
        }
        var built: EngineFactory.Built?
        let logLevel = project.logLevel
        let (workspace, diagnostics) = Workspace.open(
            bopsVersion: BopsVersion.current,
            engines: { config in
                EngineFactory.make(config, logLevel: logLevel).map { made in
                    built = made
                    return made.engines
                }
            },
            stateStore: { EngineFactory.stateStore($0, logLevel: logLevel) })
        if !diagnostics.isEmpty {
            var cache = SourceCache()
            for file in Set(diagnostics.compactMap { $0.range?.file }) {
                if case .success(let bytes) = SpecFiles.read(file) { cache.add(file: file, bytes: bytes) }
            }
            Terminal.err(DiagnosticRenderer(sources: cache, style: style).render(diagnostics.sorted))
        }
        guard let workspace, let built else { throw ExitCode(1) }
        self.workspace = workspace
        engines = built
    }

    var planRenderer: PlanRenderer { PlanRenderer(style: style) }

    /// Says which engine, region and credential source a command uses (never a secret).
    func announceEngine() async {
        guard let describe = engines.describe else { return }
        switch await describe() {
        case .success(let line): Terminal.err(style.dim("bops: \(line)"))
        case .failure(let problem): fail(Diagnostics([problem]))
        }
    }
    var diagnostics: DiagnosticRenderer { DiagnosticRenderer(sources: sources, style: style) }

    /// Loads and validates specs; any error stops the command after printing every diagnostic.
    mutating func loadSpecs(_ paths: [String]) -> [LoadedSpec] {
        let project = workspace.config.specs.map(workspace.config.resolve)
        let inputs = SpecInputs.load(paths.isEmpty ? project : paths, project: project)
        sources = inputs.sources
        if !inputs.diagnostics.isEmpty { Terminal.err(diagnostics.render(inputs.diagnostics.sorted)) }
        if inputs.diagnostics.hasErrors { exitFailure() }
        return inputs.specs
    }

    func fail(_ d: Diagnostics) -> Never {
        Terminal.err(diagnostics.render(d.sorted))
        exitFailure()
    }

    func exitFailure() -> Never {
        Bops.exit(withError: ExitCode(1))
    }

    /// Says which backend holds the state (`bops: state: s3 s3://...`) and prints its advice (an S3
    /// bucket without versioning) as warnings; once per command.
    func announceState() async {
        guard announced.set() else { return }
        Terminal.err(style.dim("bops: state: \(workspace.store.backend)"))
        for advice in await workspace.store.advisories() { Terminal.err("bops: warning: \(advice)") }
    }

    /// Runs `body` holding the state lock. Inside `body` nothing exits: errors are thrown, and once the
    /// lock is released a thrown ``StateError``, ``PlanFileError``, `Diagnostic` or `Diagnostics` is
    /// printed and the command fails; other errors (`ExitCode`) pass through.
    func withLock<T>(
        _ operation: String, isolation: isolated (any Actor)? = #isolation,
        _ body: (LockedState) async throws -> T
    ) async throws -> T {
        await announceState()
        do {
            return try await workspace.withLock(operation: operation, timeout: lockTimeout, body)
        } catch let error as StateError {
            fail(Diagnostics([error.diagnostic]))
        } catch let error as PlanFileError {
            fail(Diagnostics([error.diagnostic]))
        } catch let d as Diagnostic {
            fail(Diagnostics([d]))
        } catch let d as Diagnostics {
            fail(d)
        }
    }

    func loadState() async -> State? {
        await announceState()
        do { return try await workspace.store.load() } catch { fail(Diagnostics([error.diagnostic])) }
    }

    /// Plans; prints warnings and throws the errors as `Diagnostics` (callers hold the lock).
    func plan(
        _ specs: [LoadedSpec], options: PlanOptions, parallelism: Int = 1, readParallelism: Int? = nil
    ) async throws -> Workspace.Planned {
        do {
            let planned = try await workspace.plan(
                specs, options: options, parallelism: parallelism, readParallelism: readParallelism)
            if !planned.diagnostics.isEmpty { Terminal.err(diagnostics.render(planned.diagnostics.sorted)) }
            return planned
        } catch let d as Diagnostics {
            throw d
        } catch {
            throw Diagnostics([Diagnostic(.error, "\(error)", subject: "engine")])
        }
    }

    /// On an engine that runs jobs only while asked (the local engine): runs the ready jobs until
    /// they end; a failure of the engine itself stops the command.
    func runLocalJobs() async {
        guard let runJobs = workspace.runJobs else { return }
        do { try await runJobs { _ in } } catch {
            fail(
                Diagnostics([
                    Diagnostic(.error, "the local engine stopped: \(describe(error))", subject: "engine")
                ]))
        }
    }

    /// Reads a plan file saved by `bops plan -out`; an unreadable file or one of another format
    /// version stops the command.
    func readPlan(_ path: String) -> Plan {
        do { return try Plan.read(from: path) } catch { fail(Diagnostics([error.diagnostic])) }
    }
}

/// A flag that is set once, from any task.
final class OnceFlag: @unchecked Sendable {
    private let mutex = Lock()
    private var value = false

    /// Sets the flag; `true` when it was not set before.
    func set() -> Bool {
        mutex.withLock {
            defer { value = true }
            return !value
        }
    }
}
