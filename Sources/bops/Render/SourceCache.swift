/// The bytes of the files a command read, so diagnostics can quote their source lines.
struct SourceCache {
    private var files: [String: [Substring]] = [:]

    mutating func add(file: String, bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        files[file] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }

    /// The 1-based line of a file, without its line break.
    func line(_ n: Int, of file: String) -> Substring? {
        guard let lines = files[file], n >= 1, n <= lines.count else { return nil }
        return lines[n - 1]
    }
}
