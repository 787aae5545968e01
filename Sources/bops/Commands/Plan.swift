import ArgumentParser
import BopsDiagnostics
import BopsPlan
import BopsProject
import BopsState
import FoundationEssentials

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}

/// Options that shape what the planner decides.
struct PlanningOptions: ParsableArguments {
    @Flag(help: "Cancel the running jobs of specs that were removed.")
    var prune = false

    @Option(
        name: .customLong("replace"),
        help: "Make a new job for this spec even if nothing changed (repeatable).")
    var replace: [String] = []

    @Option(
        help: ArgumentHelp(
            "Calls to the engine at most in flight at once (default 10).",
            discussion:
                "Plan checks roles, buckets and manifests with this many calls at once (recorded jobs are "
                + "observed with --read-parallelism); apply runs "
                + "the actions of this many specs at once (each action's own steps in order)."))
    var parallelism = 10

    @Option(
        help: ArgumentHelp(
            "Read-only calls observing recorded jobs at most in flight at once (default 32).",
            discussion:
                "ListJobs, DescribeJob and GetJobTagging of the jobs state records; they change nothing, so "
                + "they may run wider than --parallelism. Lower it when the account's reads are throttled."))
    var readParallelism = 32

    /// The planner's options; given `paths` (some spec files or folders), records of specs outside
    /// them are left alone.
    func planOptions(paths: [String]) -> PlanOptions {
        PlanOptions(prune: prune, replace: Set(replace), scope: paths.isEmpty ? nil : paths)
    }

    func validate() throws {
        guard parallelism >= 1 else {
            throw ValidationError("--parallelism must be at least 1, got \(parallelism)")
        }
        guard readParallelism >= 1 else {
            throw ValidationError("--read-parallelism must be at least 1, got \(readParallelism)")
        }
    }
}

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would do.",
        discussion: "Exit codes with --detailed-exitcode: 0 no changes, 1 error, 2 changes."
    )

    @Argument(help: "Spec files or directories. Default: the specs of bops.yaml (specs/).")
    var paths: [String] = []

    @Option(
        name: [.customLong("out"), .customLong("out", withSingleDash: true)],
        help: "Save the plan to this file for `bops apply FILE`.")
    var out: String?

    @Flag(help: "Exit 2 when there are changes, 0 when none.")
    var detailedExitcode = false

    @Flag(help: "Print the plan as JSON (same as --format json).")
    var json = false

    @Option(help: "Output format: text, json or markdown (for a pull-request comment).")
    var format: PlanFormat = .text

    @Option(
        help: ArgumentHelp(
            "Ask the engine about the recorded jobs first (--refresh=false: plan from state alone).",
            discussion:
                "Without refresh no job is described and no bucket is checked, so no credentials are needed "
                + "(a pull request from a fork); the plan says that nothing was observed."))
    var refresh = true

    @Option(
        help: ArgumentHelp(
            "Print every plan-time check of this spec, what it observed and its verdict (no plan).",
            valueName: "name"))
    var explain: String?

    @OptionGroup var planning: PlanningOptions
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var session = try CommandSession(project: project, output: output)
        if let explain {
            try await PlanExplain.run(
                explain, paths: paths, session: &session, parallelism: planning.parallelism)
            return
        }
        let plan: Plan
        if refresh {
            await session.announceEngine()
            let inputs = session.loadSpecs(paths)
            plan = try await session.withLock("plan") { _ in
                let planned = try await session.plan(
                    inputs, options: planning.planOptions(paths: paths), parallelism: planning.parallelism,
                    readParallelism: planning.readParallelism)
                let plan = planned.plan
                if let out { try plan.write(to: out) }
                return plan
            }
        } else {
            let inputs = session.loadSpecs(paths)
            do {
                let (made, diagnostics) = try await StateOnlyPlan.plan(
                    inputs, in: session.workspace, options: planning.planOptions(paths: paths))
                if !diagnostics.isEmpty { Terminal.err(session.diagnostics.render(diagnostics.sorted)) }
                if let out { try made.write(to: out) }
                plan = made
            } catch let d as Diagnostics {
                session.fail(d)
            } catch let error as PlanFileError {
                session.fail(Diagnostics([error.diagnostic]))
            }
        }
        switch json ? .json : format {
        case .json: Terminal.out(PlanJSON(plan).encoded())
        case .markdown: Terminal.out(PlanRenderer(style: Style(enabled: false)).markdown(plan))
        case .text:
            Terminal.out(session.planRenderer.text(plan))
            if let out { Terminal.out("Saved the plan to \(out). To apply exactly it: bops apply \(out)") }
        }
        if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
    }
}
