import BopsDiagnostics
import BopsPlan
import BopsProject
import BopsSpec
import FoundationEssentials

/// `bops plan --explain NAME`: builds one spec's desired job with a ``CheckLog`` and prints every
/// plan-time check it ran, what it observed and its verdict (``ExplainRenderer``); the diagnostics
/// go to stderr as a plan prints them. Fails (exit 1) when a check finds an error.
enum PlanExplain {
    static func run(
        _ name: String, paths: [String], session: inout CommandSession, parallelism: Int
    ) async throws {
        await session.announceEngine()
        let specs = session.loadSpecs(paths)
        guard let loaded = specs.first(where: { $0.spec.name == name }) else {
            let near = Suggestion.closest(to: name, among: specs.map(\.spec.name))
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "--explain \(name): no spec of that name",
                        hint: near.map { "did you mean \($0)?" }
                            ?? "name one of: \(specs.map(\.spec.name).sorted().joined(separator: ", "))",
                        subject: name)
                ]))
        }
        let log = CheckLog()
        let workspace = session.workspace
        let (desired, diagnostics) = try await session.withLock("plan") { _ in
            let state = try await workspace.store.load()
            var built = workspace.desiredJobs
            built.checkLog = log
            return await built.build([loaded], recorded: state, parallelism: parallelism)
        }
        if !diagnostics.isEmpty { Terminal.err(session.diagnostics.render(diagnostics.sorted)) }
        let parts = desired.map(\.name).filter { $0 != name }
        Terminal.out(
            ExplainRenderer(style: session.style).text(
                spec: name, file: loaded.file, records: log.records(of: name), parts: parts))
        if diagnostics.hasErrors { session.exitFailure() }
    }
}
