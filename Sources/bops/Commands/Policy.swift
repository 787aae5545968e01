import ArgumentParser
import BopsDiagnostics
import BopsIAM
import BopsJobs
import BopsProject
import BopsSpec

/// `bops policy NAME...`: the IAM policies a spec's job needs, ready to paste into IAM code.
struct PolicyCommand: AsyncParsableCommand {
    enum Document: String, ExpressibleByArgument, CaseIterable {
        case all, permissions, trust, caller
    }

    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract:
            "Print the IAM policies the jobs of specs need: the role's, its trust policy, the caller's.",
        discussion:
            "The role's permissions policy has one statement per resource, derived from the spec as AWS documents "
            + "Batch Operations roles; the trust policy lets batchoperations.s3.amazonaws.com assume the role; the "
            + "caller needs s3:CreateJob and iam:PassRole on the role. --document prints one of them alone, as JSON."
    )

    @Argument(help: "Spec names (metadata.name); none: every spec of the project.") var names: [String] = []
    @Option(
        name: .customLong("file"), help: "Read the specs of these files or folders instead of the project's.")
    var files: [String] = []
    @Option(help: "Which document: all (with headings), permissions, trust or caller (JSON alone).")
    var document: Document = .all
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        var session = try CommandSession(project: project, output: output)
        let all = session.loadSpecs(files)
        var chosen: [LoadedSpec] = []
        var problems = Diagnostics()
        for name in names {
            if let found = all.first(where: { $0.spec.name == name }) {
                chosen.append(found)
            } else {
                let near = Suggestion.closest(to: name, among: all.map(\.spec.name))
                problems.append(
                    Diagnostic(
                        .error, "no spec is named \(name)",
                        hint: near.map { "did you mean \($0)?" }
                            ?? "spec names are the metadata.name of the specs",
                        subject: "bops policy"))
            }
        }
        if problems.hasErrors { session.fail(problems) }
        if names.isEmpty { chosen = all }
        var desired = session.workspace.desiredJobs
        desired.roles = nil
        let (jobs, diagnostics) = await desired.build(chosen, recorded: nil)
        if diagnostics.hasErrors { session.fail(diagnostics) }
        if document != .all && jobs.count != 1 {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error,
                        "--document \(document.rawValue) prints one spec's document, but \(jobs.count) are chosen",
                        hint: "name one spec", subject: "bops policy")
                ]))
        }
        let region = session.workspace.defaultRegion
        for (index, job) in jobs.enumerated() {
            let loaded = chosen.first { $0.spec.name == job.name }
            // A staged CSV manifest's key changes with its content: the policy names the staging prefix.
            let staging = session.workspace.config
            let needs = JobPermissions.needed(
                for: job.createJobRequest(generation: 0),
                sourceBuckets: loaded.map(PermissionCheck.csvBuckets) ?? [],
                region: job.region ?? region
            ).map { need in
                guard need.origin == .manifest, !job.staging.isEmpty else { return need }
                return JobPermission(
                    need.permission.action, "arn:aws:s3:::\(staging.stagingBucket)/\(staging.stagingPrefix)*",
                    .manifest)
            }
            let caller = JobPermissions.callerNeeds(for: job.createJobRequest(generation: 0)).map {
                JobPermission($0.action, $0.resource, .caller)
            }
            switch document {
            case .permissions: Terminal.out(PolicyWriter.document(for: needs))
            case .trust: Terminal.out(BatchOperationsTrust.proposedDocument)
            case .caller: Terminal.out(PolicyWriter.document(for: caller))
            case .all:
                if index > 0 { Terminal.out("") }
                Terminal.out(
                    "# \(job.name): permissions policy of role \(job.createJobRequest(generation: 0).roleArn)"
                )
                Terminal.out(PolicyWriter.document(for: needs))
                Terminal.out(
                    "# \(job.name): trust policy of role \(job.createJobRequest(generation: 0).roleArn)")
                Terminal.out(BatchOperationsTrust.proposedDocument)
                Terminal.out("# \(job.name): policy of the caller that creates the job")
                Terminal.out(PolicyWriter.document(for: caller))
            }
        }
    }
}
