import ArgumentParser
import BopsDiagnostics
import BopsPlan
import BopsProject
import BopsState
import FoundationEssentials

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the recorded state, or a saved plan file.")

    @Argument(help: "A plan file from bops plan -out FILE. Default: the state.") var planFile: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let session = try CommandSession(project: project, output: output)
        if let planFile {
            let plan = session.readPlan(planFile)
            Terminal.out(json ? PlanJSON(plan).encoded() : session.planRenderer.text(plan))
            return
        }
        guard let state = await session.loadState() else {
            Terminal.out(json ? "null" : "No state yet: nothing has been applied in this project.")
            return
        }
        if json {
            Terminal.out(encodeJSON(state))
            return
        }
        let style = session.style
        Terminal.out(
            style.dim(
                "state \(session.workspace.store.location): version \(state.version), serial \(state.serial), lineage \(state.lineage)"
            ))
        for (name, r) in state.jobs.sorted(by: { $0.key < $1.key }) {
            var lines = ["", style.bold(name)]
            lines.append(
                "  job:        \(r.jobId ?? (r.pendingCreate ? "(being created; token \(r.clientToken.prefix(12))…)" : "-"))"
            )
            lines.append("  status:     \(Planner.summary(r.status, r.progress))")
            lines.append("  account:    \(r.accountId)\(r.region.map { " in \($0)" } ?? "")")
            lines.append("  priority:   \(r.priority)")
            if !r.tags.isEmpty {
                lines.append(
                    "  tags:       "
                        + r.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                            separator: ", "))
            }
            lines.append(
                "  digest:     \(r.digest.prefix(16))…, generation \(r.generation), rerun \(r.rerun)")
            if let f = r.specFile { lines.append("  spec:       \(f)") }
            for reason in r.failureReasons { lines.append("  failure:    \(reason)") }
            for past in r.history {
                lines.append(
                    "  earlier:    job \(past.jobId) (generation \(past.generation), \(past.status?.rawValue ?? "?"), \(past.endedBy))"
                )
            }
            Terminal.out(lines.joined(separator: "\n"))
        }
    }
}
