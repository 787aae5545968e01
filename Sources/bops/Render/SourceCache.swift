/// The bytes of the files a command read, so diagnostics can quote their source lines.
/// Lines are found only when a diagnostic asks for one.
struct SourceCache {
    private var files: [String: [UInt8]] = [:]

    mutating func add(file: String, bytes: [UInt8]) {
        files[file] = bytes
    }

    /// The 1-based line of a file, without its line break.
    func line(_ n: Int, of file: String) -> Substring? {
        guard let bytes = files[file], n >= 1 else { return nil }
        var line = 1
        var start = 0
        var i = 0
        while i < bytes.count, line < n {
            if bytes[i] == 0x0A {
                line += 1
                start = i + 1
            }
            i += 1
        }
        guard line == n, start <= bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return Substring(String(decoding: bytes[start..<end], as: UTF8.self))
    }
}
