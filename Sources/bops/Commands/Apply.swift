import ArgumentParser
import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsPrimitives
import BopsProject
import BopsSpec
import BopsState
import FoundationEssentials

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create, confirm, update, replace or clone jobs so they match the specs.",
        discussion: """
            With spec paths (or none), plans first and asks for `yes`. With a plan file from \
            `bops plan -out FILE`, applies exactly that plan without asking (it was reviewed), refused when the state changed since.
            """
    )

    @Argument(help: "Spec files or directories, or one saved plan file.")
    var paths: [String] = []

    @Flag(help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Flag(
        help: ArgumentHelp(
            "Repeat observe, plan and apply rounds until every spec's job has ended or is blocked.",
            discussion:
                "For campaigns (dependsOn): each round creates what became ready and holds no lock while "
                + "it sleeps. Exits 0 when every job ended Complete, 1 when a spec is blocked, a job failed "
                + "or waits for confirmation, or the timeout passed (docs/campaigns.md)."))
    var wait = false

    @Option(
        help: "With --wait: time between rounds (default 30s on aws, 1s on the local engine and an emulator)."
    )
    var poll: LockTimeout?

    @Option(help: "With --wait: give up after this long (default 24h).")
    var timeout: LockTimeout = LockTimeout(duration: .seconds(86_400))

    @OptionGroup var planning: PlanningOptions
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var session = try CommandSession(project: project, output: output)
        await session.announceEngine()
        var savedPlan: Plan?
        if paths.count == 1, !paths[0].hasSuffix(".yaml"), !paths[0].hasSuffix(".yml") {
            var isDirectory = false
            if FileManager.default.fileExists(atPath: paths[0], isDirectory: &isDirectory),
                !isDirectory
            {
                savedPlan = session.readPlan(paths[0])
            }
        }
        let specs = savedPlan == nil ? session.loadSpecs(paths) : []
        if wait {
            guard savedPlan == nil else {
                throw ValidationError("--wait plans each round anew; it does not take a saved plan")
            }
            try await CampaignRounds(command: self, session: session, specs: specs).run()
            return
        }
        let (plan, outcome) = try await round(session, specs: specs, savedPlan: savedPlan, ask: !autoApprove)
        try report(outcome, session)
        if plan.hasChanges {
            Terminal.out(
                "\n" + session.style.green(session.style.bold("Apply complete!")) + " " + done(plan) + ".")
        }
    }

    /// One plan and apply under the state lock: the saved plan, or a plan of `specs`, printed, asked
    /// about when `ask`, applied.
    func round(
        _ session: CommandSession, specs: [LoadedSpec], savedPlan: Plan?, ask: Bool, quiet: Bool = false
    ) async throws -> (Plan, ApplyOutcome) {
        let style = session.style
        return try await session.withLock("apply") { locked in
            let plan: Plan
            let state: State?
            var observed: [String: Observation] = [:]
            if let savedPlan {
                state = try await locked.load()
                guard Reconciler.isFresh(savedPlan, for: state) else {
                    throw Diagnostic(
                        .error, "saved plan is stale: the state changed since it was made",
                        detail:
                            "plan made from serial \(savedPlan.stateSerial) of lineage \(savedPlan.stateLineage ?? "(none)"); state is now serial \(state?.serial ?? 0) of lineage \(state?.lineage ?? "(none)")",
                        hint: "run bops plan again", subject: paths[0])
                }
                do {
                    plan = try await KnownAfterApply.resolve(savedPlan, objects: session.workspace.objects)
                } catch let failed as KnownAfterApply.LookupFailed {
                    throw Diagnostic(
                        .error,
                        "the saved plan's manifest \(failed.manifest) could not be read for \(failed.spec)",
                        detail:
                            "the plan was made with --refresh=false, so the apply looks up the manifest's ETag: "
                            + failed.detail,
                        hint: "upload the manifest or fix its location, then run bops plan again",
                        subject: paths[0])
                }
            } else {
                let planned = try await session.plan(
                    specs, options: planning.planOptions(paths: paths), parallelism: planning.parallelism,
                    readParallelism: planning.readParallelism)
                plan = planned.plan
                state = planned.state
                observed = planned.observed
            }
            if !quiet { Terminal.out(session.planRenderer.text(plan)) }
            let waits = plan.count(.wait) > 0
            if (plan.hasChanges || (wait && waits)) && ask && savedPlan == nil {
                let later =
                    wait && waits
                    ? "  With --wait, later rounds create the waiting specs' jobs shown above, without asking again.\n"
                    : ""
                Terminal.out(
                    "Do you want to perform these actions?\n\(later)  Only 'yes' will be accepted to approve.\n"
                )
                StandardStream.output.write("  Enter a value: ")
                let answer = readLine(strippingNewline: true)
                guard answer == "yes" else {
                    Terminal.err("Apply cancelled.")
                    throw ExitCode(1)
                }
            }
            let progress = ApplyProgress(style: style)
            let outcome = await session.workspace.reconciler().apply(
                plan, to: state, in: locked, observed: observed, parallelism: planning.parallelism
            ) { finished in
                progress.finished(finished)
            }
            progress.clearBar()
            return (plan, outcome)
        }
    }

    /// Prints why an apply stopped and fails the command; nothing when it did not.
    func report(_ outcome: ApplyOutcome, _ session: CommandSession) throws {
        guard let error = outcome.error else { return }
        let what = outcome.failedAction.map { " while trying to \($0.kind.rawValue) \($0.name)" } ?? ""
        // Every failure, by spec name, after the first (which the summary names).
        let others = outcome.failures.dropFirst().sorted { $0.action.name < $1.action.name }.map {
            "\n  also failed: \($0.action.kind.rawValue) \($0.action.name): \(describe($0.error))"
        }
        Terminal.err(
            session.diagnostics.render(
                Diagnostic(
                    .error, "apply stopped\(what): \(describe(error))",
                    detail:
                        "\(outcome.applied) action\(outcome.applied == 1 ? "" : "s") were applied and recorded (state serial \(outcome.state.serial))."
                        + others.joined(),
                    hint:
                        "fix the cause and run bops apply again; it continues from the recorded state without creating a second job",
                    subject: session.workspace.store.location)))
        throw ExitCode(1)
    }

    /// `1 created, 2 confirmed` for the kinds the plan applied.
    func done(_ plan: Plan) -> String {
        PlanRenderer.order.compactMap { kind -> String? in
            let n = plan.count(kind)
            return n == 0 ? nil : "\(n) \(pastTense(kind))"
        }.joined(separator: ", ")
    }

    func pastTense(_ kind: ActionKind) -> String {
        switch kind {
        case .create: "created"
        case .adopt: "adopted"
        case .confirm: "confirmed"
        case .update: "updated"
        case .replace: "replaced"
        case .clone: "cloned"
        case .cancel: "cancelled"
        case .forget: "forgotten"
        case .wait: "waiting"
        case .blocked: "blocked"
        case .none: "unchanged"
        }
    }
}
