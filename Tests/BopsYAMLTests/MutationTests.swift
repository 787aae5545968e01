import BopsDiagnostics
import BopsNode
import BopsTestSupport
import BopsYAML
import Testing

/// Bytes that are meaningful to YAML or to UTF-8 decoding, inserted by mutations.
private let interesting: [UInt8] =
    Array(":-?&*!|>[]{},#%@`'\"\t\n\r ~<".utf8) + [0x00, 0x01, 0x7F, 0xC3, 0xFF, 0xE2, 0x80]

/// Applies 1 to 4 random edits (replace, insert, delete, duplicate a slice) to `bytes`.
private func mutate(_ bytes: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
    var b = bytes
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
        guard !b.isEmpty else { break }
        let i = Int.random(in: 0..<b.count, using: &rng)
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: b[i] = interesting.randomElement(using: &rng) ?? 0
        case 1: b.insert(interesting.randomElement(using: &rng) ?? 0, at: i)
        case 2: b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...8, using: &rng)))
        case 3:
            let end = min(b.count, i + Int.random(in: 1...40, using: &rng))
            b.insert(contentsOf: b[i..<end], at: Int.random(in: 0...b.count, using: &rng))
        default: b[i] = UInt8.random(in: 0...255, using: &rng)
        }
    }
    return b
}

/// Every node's span is ordered and inside the file.
private func checkSpans(_ node: Node, lines: Int) -> Bool {
    guard node.start <= node.end, node.start.line >= 1, node.start.column >= 1, node.end.line <= lines + 1
    else {
        return false
    }
    switch node.content {
    case .scalar: return true
    case .sequence(let items): return items.allSatisfy { checkSpans($0, lines: lines) }
    case .mapping(let pairs):
        return pairs.allSatisfy { checkSpans($0.key, lines: lines) && checkSpans($0.value, lines: lines) }
    }
}

/// Thousands of seeded mutations of a valid spec never crash, and every finding has a position in the file.
@Test(arguments: 0..<4)
func mutationsNeverCrash(batch: Int) {
    let original = Array(sampleSpec.utf8)
    var rng = SeededGenerator(seed: 0xB0B5_0000 + UInt64(batch))
    var withErrors = 0
    for _ in 0..<1_000 {
        let bytes = mutate(original, using: &rng)
        let lines =
            bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
            + bytes.filter { $0 == UInt8(ascii: "\r") }.count
        let (documents, diagnostics) = YAMLReader.parse(bytes, file: "m.yaml")
        if diagnostics.hasErrors { withErrors += 1 }
        for d in diagnostics {
            #expect(d.range?.file == "m.yaml")
            #expect((d.range?.start.line ?? 0) >= 1 && (d.range?.start.line ?? 0) <= lines + 1)
            #expect((d.range?.start.column ?? 0) >= 1)
            #expect(d.hint != nil || d.severity != .error)
        }
        for document in documents {
            #expect(checkSpans(document.root, lines: lines))
        }
    }
    // The mutations must actually exercise the error paths.
    #expect(withErrors > 200)
}
