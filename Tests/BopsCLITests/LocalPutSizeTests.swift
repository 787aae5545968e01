import BopsTestSupport
import Foundation
import Testing

/// `bops local put --size`: an object of that many zero bytes that costs no disk.
@Suite("bops local put --size: objects of a size without their bytes", .serialized, .tags(.process))
struct LocalPutSizeTests {
    static func project() throws -> CLIHarness {
        let h = try CLIHarness()
        try h.write(
            "bops.yaml",
            "apiVersion: bops/v1\nkind: Project\nengine: local\naccount: \"111122223333\"\nregion: us-east-1\n"
        )
        return h
    }

    /// Kilobytes the project folder takes on disk (`du -sk`).
    static func diskKilobytes(_ path: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/du")
        process.arguments = ["-sk", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Int(text.split(separator: "\t").first ?? "") ?? -1
    }

    @Test func aSixGiBObjectHasItsSizeAndETagAndCostsNoDisk() throws {
        let h = try Self.project()
        let put = try h.run(["local", "put", "big", "huge.bin", "--size", "6442450944"])
        #expect(put.status == 0, "\(put.stderr)")
        #expect(
            put.stdout.contains("upload: s3://big/huge.bin \"58cf638a733f919007b4287cf5396d0c\" STANDARD"))
        let listed = try h.run(["local", "ls", "big", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try #require(
            JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: String]])
        #expect(rows.map { $0["size"] } == ["6442450944"])
        #expect(rows.first?["etag"] == "\"58cf638a733f919007b4287cf5396d0c\"")
        #expect(try Self.diskKilobytes(h.root) < 8 * 1024)
    }

    @Test func partsGiveTheMultipartETag() throws {
        let h = try Self.project()
        let put = try h.run([
            "local", "put", "big", "parts.bin", "--size", "6442450944", "--part-size", "8388608",
        ])
        #expect(put.status == 0, "\(put.stderr)")
        #expect(put.stdout.contains("-768\" STANDARD"), "\(put.stdout)")
    }

    @Test func sizeExcludesFileAndBody() throws {
        let h = try Self.project()
        try h.write("one.txt", "one")
        for extra in [["--body", "x"], ["--file", "one.txt"]] {
            let put = try h.run(["local", "put", "big", "k", "--size", "10"] + extra)
            #expect(put.status != 0)
            #expect(put.stderr.contains("--file, --body and --size exclude each other"), "\(put.stderr)")
        }
        let negative = try h.run(["local", "put", "big", "k", "--size", "-1"])
        #expect(negative.status != 0)
    }
}
