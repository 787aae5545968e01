import BopsDiagnostics
import BopsSpec
import Testing

/// `dependsOn`: the per-spec rules and the project-wide ones (names, restored, cycles across files)
/// at the key each is about, from marked fixtures.
@Suite struct CampaignRulesTests {
    static let files = ["campaign-a.yaml", "campaign-b.yaml"]

    static func load() throws -> (
        sources: [String: MarkedSource], diagnostics: Diagnostics, specs: [LoadedSpec]
    ) {
        var sources: [String: MarkedSource] = [:]
        for name in files {
            sources[name] = MarkedSource(try Repo.text("Tests/BopsSpecTests/Fixtures/" + name))
        }
        let result = SpecLoader.load(
            files.map { (path: $0, bytes: Array(sources[$0]!.text.utf8)) }, now: testNow)
        var all = result.diagnostics
        all.append(contentsOf: CampaignRules.check(result.specs))
        return (sources, all, result.specs)
    }

    @Test(arguments: files)
    func everyFindingIsAtItsMarker(_ file: String) throws {
        let (sources, diagnostics, _) = try Self.load()
        let source = try #require(sources[file])
        let here = diagnostics.sorted.filter { $0.range?.file == file }
        source.expectExactly(here)
        #expect(diagnostics.allSatisfy { $0.range != nil })
    }

    @Test func aCorrectCampaignDecodesEveryField() throws {
        let (_, _, specs) = try Self.load()
        let ok = try #require(specs.first { $0.spec.name == "copy-ok" })
        #expect(
            ok.spec.dependsOn == [
                JobSpec.Dependency(spec: "restore-2019", when: .restored, delay: .seconds(5400), sample: 50),
                JobSpec.Dependency(spec: "tag-logs", when: .succeeded, maxFailedRatio: 0.05),
            ])
    }

    /// A spec given alone still resolves the names of the project's other specs.
    @Test func namesResolveAmongTheProjectsOtherSpecs() throws {
        let (_, _, specs) = try Self.load()
        let copy = try #require(specs.first { $0.spec.name == "copy-ok" })
        let others = specs.filter { $0.spec.name != "copy-ok" }
        #expect(CampaignRules.check([copy], project: others).isEmpty)
        let alone = CampaignRules.check([copy])
        #expect(
            alone.errors.map(\.summary) == [
                "copy-ok depends on restore-2019, which no spec defines",
                "copy-ok depends on tag-logs, which no spec defines",
            ])
    }

    /// dependsOn is not part of the job's definition: adding or changing it keeps the digest.
    @Test func dependsOnLeavesTheDigestAlone() throws {
        let (_, _, specs) = try Self.load()
        let ok = try #require(specs.first { $0.spec.name == "copy-ok" }).spec
        var without = ok
        without.dependsOn = []
        var changed = ok
        changed.dependsOn = [JobSpec.Dependency(spec: "x", when: .completed)]
        let digest = ok.configurationDigest(manifestSHA256: "m")
        #expect(without.configurationDigest(manifestSHA256: "m") == digest)
        #expect(changed.configurationDigest(manifestSHA256: "m") == digest)
    }
}
