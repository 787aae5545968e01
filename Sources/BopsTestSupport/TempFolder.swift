public import Foundation

/// A fresh folder under the system's temporary folder, removed when the value is deinitialised.
public final class TempFolder: @unchecked Sendable {
    public let path: String

    /// - `prefix`: the start of the folder's name, to tell tests' leftovers apart.
    public init(prefix: String = "bops-test") throws {
        path = NSTemporaryDirectory().appending("/\(prefix)-\(UUID().uuidString.lowercased())")
            .replacingOccurrences(of: "//", with: "/")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The folder as a file URL.
    public var url: URL { URL(fileURLWithPath: path) }

    /// The path of `relative` inside the folder.
    public func file(_ relative: String) -> String { path + "/" + relative }

    /// Writes `text` to `relative`, making folders as needed; returns the path. An `executable`
    /// file gets mode 0755 (a script a test runs).
    @discardableResult
    public func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        try write(relative, Data(text.utf8), executable: executable)
    }

    /// Writes `bytes` to `relative`, making folders as needed; returns the path.
    @discardableResult
    public func write(_ relative: String, _ bytes: Data, executable: Bool = false) throws -> String {
        let full = file(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: full))
        if executable {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full)
        }
        return full
    }

    /// The folder `relative` inside this one, made with its parents; returns its path.
    @discardableResult
    public func folder(_ relative: String) throws -> String {
        let full = file(relative)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    /// The text of `relative`, or `nil` when it does not exist.
    public func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: file(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
