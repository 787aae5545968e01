import ArgumentParser
import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsPrimitives
import BopsProject
import BopsState
import FoundationEssentials

struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Look at or edit the recorded state.",
        subcommands: [List.self, Show.self, Remove.self, Migrate.self, Recover.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the recorded specs.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let session = try CommandSession(project: project, output: output)
            let state = await session.loadState()
            for name in (state?.jobs.keys.sorted() ?? []) { Terminal.out(name) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the record of one spec as JSON.")
        @Argument(help: "The spec name (metadata.name).") var name: String
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let session = try CommandSession(project: project, output: output)
            guard let record = await session.loadState()?.jobs[name] else {
                session.fail(
                    Diagnostics([
                        Diagnostic(
                            .error, "no record named \(name)", hint: "bops state list shows the names",
                            subject: session.workspace.store.location)
                    ]))
            }
            Terminal.out(encodeJSON(record))
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Forget a spec's record; its job is left alone.")
        @Argument(help: "The spec name (metadata.name).") var name: String
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let session = try CommandSession(project: project, output: output)
            let location = session.workspace.store.location
            let record = try await session.withLock("state rm") { locked in
                try await locked.update { state in
                    guard let record = state.jobs.removeValue(forKey: name) else {
                        throw Diagnostic(
                            .error, "no record named \(name)", hint: "bops state list shows the names",
                            subject: location)
                    }
                    return record
                }.result
            }
            Terminal.out(
                "Removed \(name) from state" + (record.jobId.map { " (job \($0) is left as it is)" } ?? "")
                    + ".")
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Adopt an existing job as the job of a spec.",
        discussion:
            "The job is recorded as matching the spec as it is now; later changes to the spec plan as usual."
    )

    @Argument(help: "The spec name (metadata.name).") var name: String
    @Argument(help: "The job id.") var jobId: String
    @Option(help: "Spec files or directories to find the spec in.") var specs: [String] = []
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var session = try CommandSession(project: project, output: output)
        let loaded = session.loadSpecs(specs)
        guard let spec = loaded.first(where: { $0.spec.name == name }) else {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "no spec named \(name)",
                        hint: "write the spec first; import ties its job to it", subject: name)
                ]))
        }
        let ws = session.workspace
        let job = try await session.withLock("import") { locked in
            if let id = try await locked.load()?.jobs[name]?.jobId {
                throw Diagnostic(
                    .error, "\(name) already has job \(id) in state",
                    hint: "bops state rm \(name) first to replace the record",
                    subject: name)
            }
            let (desired, problems) = await ws.desiredJobs.build([spec], recorded: nil)
            guard let d = desired.first else { throw problems }
            let job: JobDescriptor
            do {
                job = try await ws.jobs(in: d.region).describeJob(accountId: d.accountId, jobId: jobId)
            } catch {
                throw Diagnostic(
                    .error, "cannot import job \(jobId): \(describe(error))",
                    hint: "check the job id and the account \(d.accountId)",
                    subject: name)
            }
            let record = JobRecord(importing: job, as: d, at: Date())
            try await locked.update { state in state.jobs[name] = record }
            return job
        }
        Terminal.out("Imported job \(jobId) (\(job.status.rawValue)) as \(name).")
    }
}

struct ForceUnlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-unlock", abstract: "Remove a state lock left by a command that hangs or died.",
        discussion: "Shows the lock and asks for `yes` before removing it (--force skips the question).")
    @Argument(help: "The lock id, as shown in the error of the command that found the state locked.")
    var lockId: String
    @Flag(help: "Remove the lock without asking.") var force = false
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let session = try CommandSession(project: project, output: output)
        await session.announceState()
        let store = session.workspace.store
        let holder: LockInfo?
        do { holder = try await store.currentLock() } catch { session.fail(Diagnostics([error.diagnostic])) }
        guard let holder, holder.id == lockId else {
            session.fail(
                Diagnostics([
                    StateError.noSuchLock(path: store.location, id: lockId, holder: holder).diagnostic
                ]))
        }
        Terminal.out(
            """
            Lock \(holder.id) on \(store.backend):
              held by    \(holder.who) (pid \(holder.pid))
              operation  \(holder.operation)
              since      \(Timestamp(date: holder.created).rfc3339(fractionDigits: 0))
              bops       \(holder.version)
            """)
        if !force {
            Terminal.out(
                "\nRemoving it lets another command change the state while this holder may still be running."
                    + "\n  Only 'yes' will be accepted to remove the lock.\n")
            StandardStream.output.write("  Enter a value: ")
            guard readLine(strippingNewline: true) == "yes" else {
                Terminal.err("Force-unlock cancelled; the lock is left in place.")
                throw ExitCode(1)
            }
        }
        do {
            try await store.forceUnlock(id: lockId)
        } catch {
            session.fail(Diagnostics([error.diagnostic]))
        }
        Terminal.out(
            "State unlocked. It is no longer protected against concurrent changes by the holder of \(lockId)."
        )
    }
}
