public import BopsDiagnostics
import BopsPrimitives
public import FoundationEssentials

/// Finds the spec files a command works on.
///
/// Files named on the command line are taken as they are; directories are walked recursively for
/// `*.yaml` and `*.yml`, skipping hidden folders and the project file `bops.yaml`. The result is
/// sorted and free of duplicates so that output is stable.
public enum SpecFiles {
    public static let projectFileNames: Set<String> = ["bops.yaml", "bops.yml"]

    public static func find(
        _ paths: [String], fileManager: FileManager = .default
    ) -> (
        files: [String], diagnostics: Diagnostics
    ) {
        var found: [String] = []
        var diagnostics = Diagnostics()
        for path in paths {
            var isDirectory = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "no such file or directory",
                        hint: "check the path; bops reads *.yaml and *.yml files",
                        subject: path))
                continue
            }
            if !isDirectory {
                found.append(path)
                continue
            }
            found.append(contentsOf: walk(path))
        }
        guard paths.count > 1 else { return (found, diagnostics) }
        var seen = Set<String>()
        let unique = found.filter { seen.insert(normalized($0)).inserted }
        return (unique, diagnostics)
    }

    private static func walk(_ root: String) -> [String] {
        let entries = DirectoryWalk.entries(
            under: root, descend: { !$0.name.hasPrefix(".") },
            include: { entry in
                guard !entry.name.hasPrefix("."), entry.kind == .regular || entry.kind == .symbolicLink else {
                    return false
                }
                let ext = PathText.pathExtension(entry.name).lowercased()
                return (ext == "yaml" || ext == "yml") && !projectFileNames.contains(entry.name)
            })
        return entries.map { root == "." ? $0.relative : PathText.join(root, $0.relative) }.sorted()
    }

    private static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Reads a file completely; a failure is a diagnostic naming the file.
    public static func read(_ path: String, maxBytes: Int = 64 << 20) -> Result<[UInt8], Diagnostic> {
        guard let handle = try? FileReader(path: path) else {
            return .failure(
                Diagnostic(
                    .error, "cannot read file", hint: "check that it exists and is readable", subject: path))
        }
        defer { handle.close() }
        do {
            let data = try handle.read(upTo: maxBytes + 1)
            if data.count > maxBytes {
                return .failure(
                    Diagnostic(
                        .error, "file is larger than \(maxBytes >> 20) MiB",
                        hint: "split it into several files", subject: path))
            }
            return .success(data)
        } catch {
            return .failure(Diagnostic(.error, "cannot read file: \(error.reason)", subject: path))
        }
    }
}
