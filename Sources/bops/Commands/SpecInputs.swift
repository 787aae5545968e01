import BopsDiagnostics
import BopsProject
import BopsSpec

/// Reads and checks the specs named on a command line, keeping their bytes for diagnostics.
struct SpecInputs {
    var specs: [LoadedSpec]
    var diagnostics: Diagnostics
    var sources: SourceCache
    var fileCount: Int

    static func load(_ paths: [String]) -> SpecInputs {
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
        return SpecInputs(
            specs: loaded.specs, diagnostics: diagnostics, sources: sources, fileCount: found.files.count)
    }
}
