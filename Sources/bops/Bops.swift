import ArgumentParser

@main
struct Bops: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bops",
        abstract: "Manage Amazon S3 Batch Operations jobs as code.",
        discussion: """
            Job specs live in git as YAML. `bops validate` checks them, `bops plan` shows what would \
            change, `bops apply` makes it so; running apply twice never creates a second job.
            """,
        version: BopsVersion.current,
        subcommands: [
            Validate.self, PlanCommand.self, ApplyCommand.self, ShowCommand.self, StatusCommand.self,
            WaitCommand.self, GraphCommand.self,
            ReportCommand.self, ImportCommand.self, StateCommand.self, ForceUnlock.self, LocalCommand.self,
            EmulatorCommand.self, PolicyCommand.self,
        ]
    )
}

enum BopsVersion {
    static let current = "0.1.0"
}
