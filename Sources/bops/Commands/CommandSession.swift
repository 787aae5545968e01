import ArgumentParser
import BopsAWS
import BopsDiagnostics
import BopsPlan
import BopsProject
import BopsSpec
import Foundation

/// What a project command holds while it runs: the workspace, sources for diagnostics, and output style.
struct CommandSession {
    var workspace: Workspace
    var sources = SourceCache()
    var style: Style
    var lockTimeout: Duration

    init(project: ProjectOptions, output: OutputOptions) throws {
        style = Style(enabled: output.useColor)
        lockTimeout = project.lockTimeout.duration
        if let dir = project.chdir, !FileManager.default.changeCurrentDirectoryPath(dir) {
            Terminal.err(DiagnosticRenderer(sources: sources, style: style).render(
                Diagnostic(.error, "cannot change to folder", hint: "check the --chdir path", subject: dir)))
            throw ExitCode(1)
        }
        let logger = AWSLogger(level: project.logLevel.aws) { event in Terminal.err("bops: \(event.level): \(event.message)") }
        let (workspace, diagnostics) = Workspace.open(bopsVersion: BopsVersion.current, logger: logger)
        if !diagnostics.isEmpty {
            var cache = SourceCache()
            for file in Set(diagnostics.compactMap { $0.range?.file }) {
                if case .success(let bytes) = SpecFiles.read(file) { cache.add(file: file, bytes: bytes) }
            }
            Terminal.err(DiagnosticRenderer(sources: cache, style: style).render(diagnostics.sorted))
        }
        guard let workspace else { throw ExitCode(1) }
        self.workspace = workspace
    }

    var planRenderer: PlanRenderer { PlanRenderer(style: style) }

    /// Says which engine, region and credential source a command uses (never a secret).
    func announceEngine() async {
        guard let aws = workspace.jobs as? AWSEngine else { return }
        let source: String
        do { source = try await aws.credentialSource() } catch {
            fail(Diagnostics([Diagnostic(.error, "no AWS credentials: \(describe(error))", hint: "set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role is available (OIDC web identity, container, EC2)", subject: "aws engine")]))
        }
        Terminal.err(style.dim("bops: aws engine, region \(aws.region) (\(aws.regionSource)), credentials from \(source)"))
    }
    var diagnostics: DiagnosticRenderer { DiagnosticRenderer(sources: sources, style: style) }

    /// Loads and validates specs; any error stops the command after printing every diagnostic.
    mutating func loadSpecs(_ paths: [String]) -> [LoadedSpec] {
        let inputs = SpecInputs.load(paths.isEmpty ? workspace.config.specs.map(workspace.config.resolve) : paths)
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

    func lock(_ operation: String) throws -> any StateLock {
        do {
            return try workspace.lock(operation: operation, timeout: lockTimeout)
        } catch {
            fail(Diagnostics([error.diagnostic]))
        }
    }

    func loadState() -> State? {
        do { return try workspace.store.load() } catch { fail(Diagnostics([error.diagnostic])) }
    }

    func plan(_ specs: [LoadedSpec], options: PlanOptions) async throws -> Workspace.Planned {
        do {
            let planned = try await workspace.plan(specs, options: options)
            if !planned.diagnostics.isEmpty { Terminal.err(diagnostics.render(planned.diagnostics.sorted)) }
            return planned
        } catch let d as Diagnostics {
            fail(d)
        } catch {
            fail(Diagnostics([Diagnostic(.error, "\(error)", subject: "engine")]))
        }
    }

    func savePlan(_ plan: Plan, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            try AtomicFile.write([UInt8](try encoder.encode(plan)), to: path)
        } catch let e as StateError {
            fail(Diagnostics([e.diagnostic]))
        }
    }

    func readPlan(_ path: String) -> Plan? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Plan.self, from: data)
    }
}
