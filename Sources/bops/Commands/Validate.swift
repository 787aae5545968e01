import ArgumentParser
import BopsDiagnostics
import BopsProject
import BopsSpec
import FoundationEssentials

enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case github
}

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check job specs against the schema and the rules; report every error of every file.",
        discussion:
            "The project file (bops.yaml in the working folder) is checked too, against "
            + "schemas/project.schema.json and its rules. Exits 0 when every file is valid, 1 otherwise."
    )

    @Argument(help: "Spec files or directories (searched recursively for *.yaml and *.yml). Default: specs")
    var paths: [String] = []

    @Option(help: "Output format: text, json or github (workflow annotations).")
    var format: DiagnosticsFormat = .text

    @OptionGroup var output: OutputOptions

    func run() async throws {
        // The project file, when there is one, with every problem at its key.
        let project = ProjectConfig.load()
        var result = SpecInputs.load(
            paths.isEmpty ? ["specs"] : paths, project: project.config.specs.map(project.config.resolve))
        if let bytes = project.source, let file = project.config.file {
            result.sources.add(file: file, bytes: bytes)
        }
        result.diagnostics.append(contentsOf: project.diagnostics)
        result.diagnostics.append(
            contentsOf: ManifestConfinement.diagnostics(result.specs, config: project.config))
        let all = result.diagnostics.sorted
        switch format {
        case .text:
            let renderer = DiagnosticRenderer(sources: result.sources, style: Style(enabled: output.useColor))
            if !all.isEmpty { Terminal.err(renderer.render(all)) }
            let errors = all.filter { $0.severity == .error }.count
            let warnings = all.filter { $0.severity == .warning }.count
            let summary =
                "\(result.fileCount) file\(result.fileCount == 1 ? "" : "s"), "
                + "\(result.specs.count) spec\(result.specs.count == 1 ? "" : "s")"
            if errors == 0 {
                Terminal.out(
                    "ok: \(summary) valid"
                        + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : ""))
            } else {
                Terminal.err("\(errors) error\(errors == 1 ? "" : "s") in \(summary)")
            }
        case .json:
            Terminal.out(DiagnosticsJSON(all, files: result.fileCount, specs: result.specs.count).encoded())
        case .github:
            let (lines, left) = GitHubAnnotations.capped(all)
            for line in lines { Terminal.out(line) }
            let summaryFile = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"] ?? ""
            if !summaryFile.isEmpty {
                do {
                    try GitHubAnnotations.appendSummary(all, files: result.fileCount, to: summaryFile)
                } catch {
                    Terminal.err("bops: cannot write the step summary \(summaryFile): \(error)")
                }
            }
            if left > 0 {
                Terminal.out(
                    "bops: \(left) more finding\(left == 1 ? "" : "s") not annotated (GitHub shows "
                        + "\(GitHubAnnotations.perStep) of each kind a step)"
                        + (summaryFile.isEmpty ? "; --format text lists all" : "; the step summary lists all")
                )
            }
        }
        if all.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
