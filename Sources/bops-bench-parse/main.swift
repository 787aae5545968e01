// Benchmark baseline for `bops validate`: reads every *.yaml / *.yml file under the given
// directories and parses it with `YAMLReader.parse` (libyaml events -> node tree with marks),
// with no schema or semantic checks. Prints file, byte, document and error counts; exits 1 if any
// file has a YAML error.
import BopsPrimitives
import BopsYAML
import Foundation

func specFiles(under root: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
        let ext = (relative as NSString).pathExtension.lowercased()
        if ext == "yaml" || ext == "yml" { files.append((root as NSString).appendingPathComponent(relative)) }
    }
    return files.sorted()
}

let roots = CommandLine.arguments.dropFirst()
if roots.isEmpty {
    StandardStream.error.write("usage: bops-bench-parse DIR...\n")
    exit(2)
}
var files = 0
var bytes = 0
var documents = 0
var errors = 0
for root in roots {
    for path in specFiles(under: root) {
        guard let handle = FileHandle(forReadingAtPath: path),
            let data = try? handle.readToEnd()
        else {
            StandardStream.error.write("\(path): cannot read file\n")
            errors += 1
            continue
        }
        try? handle.close()
        let parsed = YAMLReader.parse([UInt8](data), file: path)
        files += 1
        bytes += data.count
        documents += parsed.documents.count
        if parsed.diagnostics.hasErrors { errors += 1 }
    }
}
print("\(files) files, \(bytes) bytes, \(documents) documents, \(errors) files with errors")
exit(errors == 0 ? 0 : 1)
