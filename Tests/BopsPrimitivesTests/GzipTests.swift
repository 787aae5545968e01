import BopsPrimitives
import BopsTestSupport
import Foundation
import Testing

@Suite(.tags(.process)) struct GzipTests {
    static let inputs: [(String, [UInt8])] = [
        ("empty", []),
        ("random 100 KB", pseudoRandomBytes(100_000, seed: 7)),
        ("text 300 KB", Array(String(repeating: "bucket,logs/2024/01/event-00042.json\n", count: 8000).utf8)),
        (
            "runs",
            Array(repeating: 0x61, count: 70_000) + pseudoRandomBytes(5_000, seed: 3)
                + Array(repeating: 0x62, count: 300)
        ),
        (
            "mixed",
            (0..<200).flatMap { i in
                Array("row \(i % 17) ".utf8) + pseudoRandomBytes(i % 9, seed: UInt64(i + 1))
            }
        ),
    ]

    @Test(arguments: inputs, [1, 6, 9])
    func inflatesWhatGzipWrites(_ input: (String, [UInt8]), level: Int) throws {
        let compressed = try Tool.output("/bin/gzip", ["-\(level)", "-c", "-n"], input: input.1)
        #expect(compressed.count >= 18)
        #expect(try Gzip.decompress(compressed) == input.1)
    }

    @Test func inflatesStoredBlocksAndConcatenatedMembersFromPython() throws {
        let dir = try TempFolder(prefix: "bops-manifest")
        let path = dir.file("two.gz")
        let script = """
            import gzip, sys
            a = bytes(range(256)) * 300
            b = b"second member, level 9 " * 100
            with open(sys.argv[1], "wb") as f:
                f.write(gzip.compress(a, compresslevel=0) + gzip.compress(b, compresslevel=9))
            """
        _ = try Tool.output("/usr/bin/env", ["python3", "-c", script, path])
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let expected =
            Array((0..<300).flatMap { _ in (0..<256).map { UInt8($0) } })
            + Array(String(repeating: "second member, level 9 ", count: 100).utf8)
        #expect(try Gzip.decompress(data) == expected)
    }

    @Test func refusesDamagedData() throws {
        let good = try Tool.output(
            "/bin/gzip", ["-6", "-c", "-n"], input: Array(String(repeating: "abc,def\n", count: 500).utf8))
        var badCRC = good
        badCRC[badCRC.count - 8] ^= 0xFF
        var truncated = good
        truncated.removeLast(12)
        var badMagic = good
        badMagic[0] = 0
        var corrupt = good
        corrupt[10] = 0xFF  // block type 3 (reserved) in the first block header
        for (bytes, message) in [
            (badCRC, "CRC-32"), (truncated, "truncated"), (badMagic, "magic"), (corrupt, "corrupt"),
        ] {
            #expect {
                _ = try Gzip.decompress(bytes)
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    @Test func randomGarbageNeverCrashes() {
        for seed in 1...200 {
            var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
            bytes += pseudoRandomBytes(200 + seed, seed: UInt64(seed))
            _ = try? Gzip.decompress(bytes)
        }
    }
}
