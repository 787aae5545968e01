/// Path normalisation for the canonical URI of non-S3 services.
enum PathNormalization {
    /// Removes `.` and `..` segments and empty segments (`//`), keeps a leading `/` and keeps a
    /// trailing `/` when at least one segment remains. `..` above the root is dropped.
    static func normalize(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".":
                continue
            case "..":
                _ = segments.popLast()
            default:
                segments.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        return leading + segments.joined(separator: "/") + trailing
    }
}
