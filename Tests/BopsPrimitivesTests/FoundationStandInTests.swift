import BopsPrimitives
import Foundation
import Testing

/// The stand-ins the binary uses instead of Foundation, each checked against the Foundation API it
/// replaces (tests may link Foundation; the binary does not).
struct FoundationStandInTests {
    @Test(
        "PathText agrees with NSString's path methods",
        arguments: [
            "specs/a.yaml", "/abs/path/file.tar.gz", "noext", "dir/", "/", "a//b/./c/../d.yml", ".hidden",
            "folder/.hidden", "x.", "../up/one.csv", "trailing/slash/",
        ])
    func pathText(path: String) {
        let ns = path as NSString
        #expect(PathText.lastComponent(path) == ns.lastPathComponent, "lastComponent of \(path)")
        #expect(PathText.pathExtension(path) == ns.pathExtension, "pathExtension of \(path)")
        #expect(PathText.deletingExtension(path) == ns.deletingPathExtension, "deletingExtension of \(path)")
        #expect(PathText.parent(path) == ns.deletingLastPathComponent, "parent of \(path)")
        #expect(PathText.join(path, "n.yaml") == ns.appendingPathComponent("n.yaml"), "join of \(path)")
    }

    @Test(
        "JSONAny reads what JSONSerialization reads, and writes what it reads back",
        arguments: [
            #"{"b": [1, 2.5, -3e2, true, null, "x\u00e9\n"], "a": {"nested": {}}}"#, #"[]"#, #""text""#,
            #"{"big": 9007199254740993, "neg": -0.0, "esc": "a\/b\"c\\d\t"}"#, #"[[[[]]], {"k": [{}]}]"#,
            #"[1, {"trailing": "comma",},]"#,
            #"["\ud83d\ude00 \u00e9\u0041", 0, -0, 1.5e-7, 12345678901234567890]"#,
        ])
    func jsonRoundTrip(text: String) throws {
        let ours = try JSONAny.parse(Array(text.utf8))
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        let written = try JSONAny.serialize(ours)
        let reread = try JSONSerialization.jsonObject(with: Data(written), options: [.fragmentsAllowed])
        #expect(NSDictionary(dictionary: ["v": reread]).isEqual(to: ["v": theirs]), "\(text)")
        #expect(try JSONAny.serialize(JSONAny.parse(written)) == written, "stable bytes for \(text)")
    }

    @Test(
        "JSONAny refuses what is not JSON, with the decoder's reason",
        arguments: [
            "{", "[1,,]", "nul", "", "{\"a\" 1}", "\"\u{01}\"", #""\udc00""#, #""\ud83d x""#, "01", "1.", "-",
            "[1] 2", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ])
    func jsonRefused(text: String) {
        #expect(throws: (any Error).self) { try JSONAny.parse(Array(text.utf8)) }
        do { _ = try JSONAny.parse(Array(text.utf8)) } catch { #expect(!JSONAny.reason(error).isEmpty) }
    }

    @Test("JSONAny refuses a string that is not UTF-8")
    func jsonInvalidUTF8() {
        #expect(throws: JSONAny.SyntaxError.self) { try JSONAny.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test("JSONAny's sorted pretty output is Foundation's sorted pretty output")
    func jsonPretty() throws {
        let value: [String: Any] = ["z": [1, 2], "a": ["k": "v/w"], "m": true]
        let ours = try JSONAny.serialize(value, pretty: true, escapeSlashes: true)
        let theirs = try JSONSerialization.data(
            withJSONObject: value, options: [.prettyPrinted, .sortedKeys])
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: theirs, as: UTF8.self))
    }

    @Test("DirectoryWalk lists what FileManager's enumerator lists, and skips what descend refuses")
    func directoryWalk() throws {
        let root = NSTemporaryDirectory() + "bops-walk-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for file in ["a.yaml", "sub/b.yml", "sub/deeper/c.txt", ".git/config", "sub/.hidden/d.yaml"] {
            let path = root + "/" + file
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/sub")
        let ours = Set(DirectoryWalk.entries(under: root).map(\.relative))
        let theirs = Set(FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String })
        #expect(ours == theirs)
        #expect(DirectoryWalk.entries(under: root).first { $0.name == "link" }?.kind == .symbolicLink)
        let visible = DirectoryWalk.entries(under: root, descend: { !$0.name.hasPrefix(".") }).map(\.relative)
        #expect(!visible.contains { $0.contains(".git/") || $0.contains(".hidden/") })
        #expect(visible.contains("sub/deeper/c.txt"))
    }

    @Test("FileReader reads a small file under a large limit without reserving the limit")
    func fileReaderAllocatesWhatItReads() throws {
        let path = NSTemporaryDirectory() + "bops-reader-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = String(repeating: "spec: line\n", count: 100)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try FileReader(path: path)
        let bytes = try reader.read(upTo: 64 << 20)
        #expect(bytes == Array(text.utf8))
        #expect(bytes.capacity < 1 << 16, "capacity \(bytes.capacity) for \(bytes.count) bytes")
        #expect(try reader.read(upTo: 10).isEmpty, "nothing after the end")
    }

    @Test("FileReader reads a file larger than its first guess in order")
    func fileReaderChunks() throws {
        let path = NSTemporaryDirectory() + "bops-reader-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = pseudoRandomBytes(300_000, seed: 7)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try FileReader(path: path)
        let first = try reader.read(upTo: 100_000)
        let rest = try reader.read(upTo: 1 << 20)
        #expect(first + rest == bytes)
    }

    @Test(
        "Trimming agrees with Foundation's character sets",
        arguments: ["  a b \t", "\n\tx\n", "", "   ", "\u{00A0}nbsp\u{00A0}", "\"quoted\"", "\u{2003}em"])
    func trimming(text: String) {
        #expect(
            text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)"
        )
        #expect(
            text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
            "\(text.debugDescription)")
        #expect(text.trimmingQuotes() == text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
    }
}
