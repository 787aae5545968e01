public import BopsDiagnostics
import BopsPrimitives
public import BopsSpec
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A spec is input from whoever wrote it (a pull request): a manifest file it names must resolve,
/// after following symlinks, to a path inside the project folder or inside a folder bops.yaml names
/// (`manifests.allowOutside`). Anything else is an error at the key, before the file is read,
/// quoted or uploaded, in validate, plan and apply alike, whatever the engine.
public enum ManifestConfinement {
    /// Where a manifest file may be read from.
    public enum Verdict: Sendable, Hashable {
        /// Inside the project.
        case inside(path: String)
        /// In a folder `manifests.allowOutside` names (the real folder given).
        case allowed(path: String, folder: String)
        /// Nowhere allowed: the diagnostic says where it resolves to.
        case refused(Diagnostic)
    }

    /// The verdict for the CSV manifest file of `loaded` (`nil` when its manifest is not a file).
    ///
    /// The project is `config`'s folder for the specs inside it. A spec file outside it (`bops
    /// validate ../other/specs`) belongs to the nearest folder above it that holds a bops.yaml, and
    /// without one to the working folder; `config`'s allow-list applies only to its own specs.
    public static func check(_ loaded: LoadedSpec, config: ProjectConfig) -> Verdict? {
        guard let path = loaded.manifestPath else { return nil }
        let real = realPath(path)
        var root = realPath(config.root.isEmpty ? "." : config.root)
        var allowList = config.manifestFoldersOutside
        if !isInside(realPath(loaded.file), root) {
            root = projectFolder(above: realPath(loaded.file)) ?? realPath(".")
            allowList = []
        }
        if isInside(real, root) { return .inside(path: path) }
        for folder in allowList {
            let allowed = realPath(config.resolve(folder))
            if isInside(real, allowed) { return .allowed(path: path, folder: allowed) }
        }
        let pointer = "/spec/manifest/csv/file"
        let written = loaded.range(of: pointer)
        var asWritten = path
        if case .csv(let csv) = loaded.spec.manifest, case .file(let relative) = csv.source {
            asWritten = relative
        }
        let via = real == asWritten ? "" : " (it resolves to \(real))"
        return .refused(
            .error(
                "the manifest file \(asWritten) is outside the project\(via)", at: written,
                hint: "keep manifests inside the project folder \(root); a project that keeps them elsewhere "
                    + "names the folder in bops.yaml: manifests: { allowOutside: [FOLDER] }",
                pointer: pointer))
    }

    /// The diagnostics of `check` for every spec (validate's use).
    public static func diagnostics(_ specs: [LoadedSpec], config: ProjectConfig) -> Diagnostics {
        var found = Diagnostics()
        for spec in specs {
            if case .refused(let d)? = check(spec, config: config) { found.append(d) }
        }
        return found
    }

    /// The nearest folder above `file` that holds bops.yaml (or bops.yml).
    static func projectFolder(above file: String) -> String? {
        var folder = PathText.parent(file)
        while !folder.isEmpty {
            for name in ["bops.yaml", "bops.yml"]
            where FileManager.default.fileExists(atPath: PathText.join(folder, name)) {
                return folder
            }
            let up = PathText.parent(folder)
            if up == folder { break }
            folder = up
        }
        return nil
    }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return PathText.standardized(joined)
    }

    /// `path` with every symlink followed; a part that does not exist yet is kept as written after
    /// the real path of its nearest existing folder, so a missing file is judged by where it would be.
    static func realPath(_ path: String) -> String {
        let full = absolute(path)
        if let resolved = realpath(full, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let parent = PathText.parent(full)
        guard parent != full, !parent.isEmpty else { return full }
        return PathText.join(realPath(parent), PathText.lastComponent(full))
    }
}
