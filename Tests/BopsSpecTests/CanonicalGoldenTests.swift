import BopsSpec
import Foundation
import Testing

/// Users' state records the configuration digest of every job, so the canonical form of a spec must
/// never change by accident: the canonical JSON of every example spec and of every document of
/// Fixtures/canonical-variants.yaml is pinned in Fixtures/canonical.golden, one line each.
@Suite struct CanonicalGoldenTests {
    static let golden = "Tests/BopsSpecTests/Fixtures/canonical.golden"

    static func lines() throws -> [String] {
        var files = try Repo.exampleSpecs()
        files.append("Tests/BopsSpecTests/Fixtures/canonical-variants.yaml")
        var out: [String] = []
        for path in files {
            let result = SpecLoader.load([(path: path, bytes: try Repo.bytes(path))], now: testNow)
            #expect(result.diagnostics.isEmpty, "\(path):\n\(result.diagnostics.rendered)")
            for loaded in result.specs {
                let json = String(decoding: loaded.spec.canonicalConfiguration, as: UTF8.self)
                out.append(
                    "\(loaded.spec.name) \(loaded.spec.configurationDigest(manifestSHA256: nil)) \(json)")
            }
        }
        return out
    }

    /// With `BOPS_UPDATE_GOLDEN=1` the file is rewritten; a change of an existing line there means
    /// users' recorded digests change, so only new lines may appear in review.
    @Test func canonicalFormsAndDigestsAreThePinnedOnes() throws {
        let actual = try Self.lines()
        if ProcessInfo.processInfo.environment["BOPS_UPDATE_GOLDEN"] == "1" {
            try (actual.joined(separator: "\n") + "\n").write(
                to: Repo.root.appendingPathComponent(Self.golden), atomically: true, encoding: .utf8)
        }
        #expect(actual.count >= 8)
        let pinned = try Repo.text(Self.golden).split(separator: "\n").map(String.init)
        #expect(actual.count == pinned.count)
        for (a, p) in zip(actual, pinned) { #expect(a == p) }
    }
}
