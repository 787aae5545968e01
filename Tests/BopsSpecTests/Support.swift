import BopsDiagnostics
import Foundation

/// Paths and loaders shared by the spec tests.
enum Repo {
    /// The repository root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }

    /// The example specs, as project-relative paths (`specs/backfill-logs-2024.yaml`).
    static func exampleSpecs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("specs").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "specs/" + $0 }
    }
}

/// A fixed clock: 2026-01-01T00:00:00Z.
let testNow = Date(timeIntervalSince1970: 1_767_225_600)

extension Diagnostics {
    var errors: [Diagnostic] { items.filter { $0.severity == .error } }

    /// `file:line:col: severity: summary` lines, for readable failure messages.
    var rendered: String {
        sorted.map { d in
            let at = d.range.map { "\($0.file):\($0.start.line):\($0.start.column)" } ?? "-"
            return "\(at): \(d.severity.rawValue): \(d.summary)" + (d.hint.map { " | help: \($0)" } ?? "")
        }.joined(separator: "\n")
    }
}
