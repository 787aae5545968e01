import BopsDiagnostics
import BopsProject
import BopsSpec

/// Reads and checks the specs named on a command line, keeping their bytes for diagnostics.
struct SpecInputs {
    var specs: [LoadedSpec]
    var diagnostics: Diagnostics
    var sources: SourceCache
    var fileCount: Int

    /// Loads `paths`; `project` names the project's spec folders, whose other specs resolve the
    /// names `dependsOn` gives (their own problems are not reported here).
    static func load(_ paths: [String], project: [String]) -> SpecInputs {
        let found = SpecFiles.find(paths)
        var diagnostics = found.diagnostics
        var sources = SourceCache()
        var inputs: [(path: String, bytes: [UInt8])] = []
        for file in found.files {
            switch SpecFiles.read(file) {
            case .success(let bytes):
                sources.add(file: file, bytes: bytes)
                inputs.append((file, bytes))
            case .failure(let d):
                diagnostics.append(d)
            }
        }
        let loaded = SpecLoader.load(inputs)
        diagnostics.append(contentsOf: loaded.diagnostics)
        var others: [LoadedSpec] = []
        if loaded.specs.contains(where: { !$0.spec.dependsOn.isEmpty }) {
            let mine = Set(found.files)
            let rest = SpecFiles.find(project).files.filter { !mine.contains($0) }.compactMap { file in
                (try? SpecFiles.read(file).get()).map { (path: file, bytes: $0) }
            }
            others = SpecLoader.load(rest).specs
            for spec in others {
                if case .success(let bytes) = SpecFiles.read(spec.file) {
                    sources.add(file: spec.file, bytes: bytes)
                }
            }
        }
        diagnostics.append(contentsOf: CampaignRules.check(loaded.specs, project: others))
        return SpecInputs(
            specs: loaded.specs, diagnostics: diagnostics, sources: sources, fileCount: found.files.count)
    }
}
