import BopsDiagnostics
import BopsNode
import BopsSchema
import Foundation
import Testing

/// A small deterministic generator (SplitMix64), so every failure can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Random mutations never crash and stay consistent")
struct MutationTests {
    static var present: Bool { JobSchemaTests.present }

    /// Replaces one random node of `node` by a mutation of it.
    func mutate(_ node: Node, _ rng: inout SplitMix, depth: Int = 0) -> Node {
        var copy = node
        let descend = Int.random(in: 0..<4, using: &rng) != 0
        switch node.content {
        case .mapping(var pairs) where descend && !pairs.isEmpty:
            let i = Int.random(in: 0..<pairs.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: pairs.remove(at: i)
            case 1:
                var key = pairs[i].key
                let text = (key.string ?? "k") + "x"
                key.content = .scalar(Scalar(text: text, style: .plain, value: .string(text)))
                pairs[i].key = key
            default: pairs[i].value = mutate(pairs[i].value, &rng, depth: depth + 1)
            }
            copy.content = .mapping(pairs)
        case .sequence(var items) where descend && !items.isEmpty:
            let i = Int.random(in: 0..<items.count, using: &rng)
            items[i] = mutate(items[i], &rng, depth: depth + 1)
            if Bool.random(using: &rng) { items.append(items[i]) }
            copy.content = .sequence(items)
        default:
            let replacements: [ScalarValue] = [
                .null, .bool(true), .int(-1), .int(Int.max), .float(1.5), .float(.infinity), .string(""),
                .string("GLACIERIR"), .string(String(repeating: "é", count: 300)),
            ]
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: copy.content = .sequence([node])
            case 1:
                var key = node
                key.content = .scalar(Scalar(text: "k/~", style: .plain, value: .string("k/~")))
                copy.content = .mapping([Node.Pair(key: key, value: node)])
            default:
                let v = replacements[Int.random(in: 0..<replacements.count, using: &rng)]
                copy.content = .scalar(Scalar(text: "x", style: .plain, value: v))
            }
        }
        return copy
    }

    @Test(
        "Mutated example specs: isValid agrees with validate, and every pointer resolves",
        .enabled(if: present))
    func mutatedSpecs() throws {
        let schema = try JobSchemaTests().load()
        let names = try FileManager.default.contentsOfDirectory(
            atPath: JobSchemaTests.repo.appendingPathComponent("specs").path
        ).filter { $0.hasSuffix(".yaml") }.sorted()
        var roots: [Node] = []
        for name in names { roots += try JobSchemaTests().documents(name).map(\.root) }
        var rng = SplitMix(state: 2024)
        var invalid = 0
        for round in 0..<3000 {
            var node = roots[round % roots.count]
            for _ in 0..<Int.random(in: 1...3, using: &rng) { node = mutate(node, &rng) }
            let found = schema.validate(node)
            #expect(schema.isValid(node) == found.isEmpty, "round \(round)")
            if !found.isEmpty { invalid += 1 }
            for v in found {
                #expect(node.lookup(pointer: v.pointer) != nil, "round \(round): \(v.pointer) \(v.message)")
                #expect(!v.message.isEmpty && v.start <= v.end)
            }
        }
        #expect(invalid > 1000, "the mutations should break most specs")
    }

    @Test("Random byte edits of JSON never crash the reader")
    func mutatedJSON() {
        let text = #"{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00", {"b": null, "c": [true, false]}], "d": "\\"}"#
        var rng = SplitMix(state: 7)
        let alphabet = Array(#"{}[]",:\u0123456789eE.-+ tfnlrsa"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF, 0xED]
        var parsed = 0
        for _ in 0..<5000 {
            var bytes = Array(text.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                default: if bytes.count > 1 { bytes.remove(at: i) }
                }
            }
            do {
                _ = try JSONReader.parse(bytes, file: "m.json")
                parsed += 1
            } catch {
                #expect(error.items.count == 1)
                let start = error.items.first?.range?.start
                #expect(start.map { $0.line >= 1 && $0.line <= 3 && $0.column >= 1 } == true)
            }
        }
        #expect(parsed < 5000)
    }
}
