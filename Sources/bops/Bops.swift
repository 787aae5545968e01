import ArgumentParser

@main
struct Bops: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bops",
        abstract: "Manage Amazon S3 Batch Operations jobs as code.",
        version: "0.1.0"
    )
}
