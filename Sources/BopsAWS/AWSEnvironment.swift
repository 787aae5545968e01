import BopsPrimitives
import FoundationEssentials

/// A read-only snapshot of environment variables. The AWS engine reads every setting through one of
/// these, never the process environment directly, so tests can pass their own.
///
/// Invariant: an empty value reads as unset (`AWS_PROFILE=` is the same as no `AWS_PROFILE`), as in
/// botocore.
public struct AWSEnvironment: Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The environment of this process.
    public static var process: AWSEnvironment { AWSEnvironment(ProcessInfo.processInfo.environment) }

    public subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// The first set variable among `names`.
    public func first(_ names: String...) -> String? {
        for name in names { if let value = self[name] { return value } }
        return nil
    }

    /// `true`, `1` or `yes` (any case).
    public func flag(_ name: String) -> Bool {
        guard let value = self[name]?.lowercased() else { return false }
        return value == "true" || value == "1" || value == "yes"
    }

    /// The user's home folder: `HOME`, else the account's home directory.
    var home: String { self["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path }

    /// Expands a leading `~/` against ``home``.
    func expand(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") {
            return PathText.join(home, String(path.dropFirst(2)))
        }
        return path
    }
}
