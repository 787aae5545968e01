/// File paths as text, the way Foundation's `NSString` path methods treat them, without Foundation.
///
/// Invariant: every function is lexical: none reads the file system (``ManifestConfinement`` in
/// BopsProject follows symlinks itself, with `realpath`).
public enum PathText {
    /// `folder` and `name` joined by one `/`: `("a", "b")` is `a/b`, `("/", "b")` is `/b`, `("", "b")`
    /// is `b`; trailing slashes of `name` are dropped.
    public static func join(_ folder: String, _ name: String) -> String {
        let tail = String(name.reversed().drop(while: { $0 == "/" }).reversed())
        if folder.isEmpty { return tail }
        if tail.isEmpty { return folder }
        return folder.hasSuffix("/") ? folder + tail : folder + "/" + tail
    }

    /// The last component: `a/b.csv` is `b.csv`, `a/b/` is `b`, `/` is `/`.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    /// The path without its last component: `a/b` is `a`, `/a` is `/`, `b` is empty, `/` is `/`;
    /// repeated slashes become one (`a//b/c` is `a/b`).
    public static func parent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(collapsingSlashes(path))
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return trimmingTrailingSlashes(String(trimmed[..<slash]))
    }

    /// The extension of the last component without its dot: `a/b.tar.gz` is `gz`, `.profile` has none.
    public static func pathExtension(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The path without the extension of its last component, dot included: `a/b.json` is `a/b`,
    /// `x.` is `x`, `.profile` stays; repeated slashes become one.
    public static func deletingExtension(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(collapsingSlashes(path))
        let name = lastComponent(trimmed)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return trimmed }
        return String(trimmed.dropLast(name.distance(from: dot, to: name.endIndex)))
    }

    /// `path` with empty and `.` components removed and `..` applied to the component before it;
    /// `..` above the root stays at the root, and above a relative start it is kept. No trailing `/`.
    public static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    private static func collapsingSlashes(_ path: String) -> String {
        guard path.contains("//") else { return path }
        var out = ""
        for c in path where !(c == "/" && out.last == "/") { out.append(c) }
        return out
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var out = Substring(path)
        while out.count > 1, out.hasSuffix("/") { out = out.dropLast() }
        return String(out)
    }
}
