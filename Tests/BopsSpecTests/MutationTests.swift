import BopsDiagnostics
import BopsSpec
import Testing

/// Seeded random edits of the example specs: loading never traps, and every diagnostic points
/// inside the edited file.
@Suite struct MutationTests {
    /// SplitMix64: a small deterministic generator so failures reproduce from the seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let tokens = [
        "", "-", ":", "{", "}", "[", "]", "null", "true", "0", "-1", "99999999999999999999", "\"", "'", "&a",
        "*a",
        "!!str", "|", ">", "#", "\t", "é", "2020-01-01T00:00:00Z", "s3://b/k", "arn:aws:s3:::b", "SSE-KMS",
        "replace", "copy: {}", "VersionId", "---", "\u{0}", "~",
    ]

    static func mutate(_ text: String, _ g: inout Generator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...3, using: &g) {
            guard !lines.isEmpty else { break }
            let i = Int.random(in: 0..<lines.count, using: &g)
            switch Int.random(in: 0..<6, using: &g) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2:
                var chars = Array(lines[i])
                if chars.count > 1 {
                    let j = Int.random(in: 0..<(chars.count - 1), using: &g)
                    chars.swapAt(j, j + 1)
                    lines[i] = String(chars)
                }
            case 3:
                if let colon = lines[i].firstIndex(of: ":") {
                    lines[i] = String(lines[i][...colon]) + " " + tokens.randomElement(using: &g)!
                }
            case 4:
                var chars = Array(lines[i])
                chars.insert(
                    contentsOf: tokens.randomElement(using: &g)!,
                    at: Int.random(in: 0...chars.count, using: &g))
                lines[i] = String(chars)
            default:
                lines[i] =
                    String(repeating: " ", count: Int.random(in: 0...6, using: &g))
                    + lines[i].drop { $0 == " " }
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: 0..<4)
    func mutatedSpecsNeverTrap(_ shard: Int) throws {
        let sources = try Repo.exampleSpecs().map { try Repo.text($0) }
        var g = Generator(state: UInt64(shard) &* 7919 &+ 1)
        var rejected = 0
        for n in 0..<750 {
            let source = sources[n % sources.count]
            let text = Self.mutate(source, &g)
            let result = SpecLoader.load(text: text, file: "m.yaml", now: testNow)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            for d in result.diagnostics {
                let r = try #require(d.range, "\(d.summary)")
                #expect(r.file == "m.yaml")
                #expect(r.start.line >= 1 && r.start.line <= lineCount + 1, "\(d.summary)\n\(text)")
                #expect(r.start.column >= 1)
                #expect(!d.summary.isEmpty)
            }
            if result.diagnostics.hasErrors {
                rejected += 1
                #expect(result.specs.count == 0, "\(result.diagnostics.rendered)")
            }
        }
        #expect(rejected > 100, "the mutations should break many specs")
    }
}
