import ArgumentParser
import BopsDiagnostics
import BopsPlan
import BopsProject

enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case mermaid
    case dot
    case text
}

struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Show the campaign: which specs wait for which, and where each job stands.",
        discussion: """
            Plans first (observing every recorded job and the conditions of dependsOn, changing \
            nothing), then prints one node per spec and one edge per dependency: solid when its \
            condition holds, dashed while it does not. Mermaid renders in GitHub markdown; dot is for Graphviz.
            """)

    @Argument(help: "Spec files or directories. Default: the specs of bops.yaml (specs/).")
    var paths: [String] = []

    @Option(help: "mermaid, dot or text.") var format: GraphFormat = .text

    @Option(help: "Observe the recorded jobs first (--refresh=false: the graph from state alone).")
    var refresh = true

    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var session = try CommandSession(project: project, output: output)
        let inputs = session.loadSpecs(paths)
        let plan: Plan
        if refresh {
            await session.announceEngine()
            plan = try await session.withLock("graph") { _ in
                try await session.plan(inputs, options: PlanOptions(), parallelism: 10).plan
            }
        } else {
            do {
                plan = try await StateOnlyPlan.plan(inputs, in: session.workspace, options: PlanOptions())
                    .plan
            } catch let d as Diagnostics {
                session.fail(d)
            }
        }
        let graph = CampaignGraph(plan)
        switch format {
        case .mermaid: Terminal.out(GraphRenderer.mermaid(graph))
        case .dot: Terminal.out(GraphRenderer.dot(graph))
        case .text: Terminal.out(GraphRenderer.text(graph))
        }
    }
}
