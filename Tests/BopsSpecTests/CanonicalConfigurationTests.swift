import BopsSpec
import Foundation
import Testing

@Suite struct CanonicalConfigurationTests {
    static let path = "specs/backfill-logs-2024.yaml"

    static func load(_ edit: (String) -> String = { $0 }) throws -> LoadedSpec {
        let text = edit(try Repo.text(path))
        let result = SpecLoader.load(text: text, file: path, now: testNow)
        return try #require(result.specs.first, "\(result.diagnostics.rendered)")
    }

    static func replacing(_ old: String, _ new: String) -> (String) -> String {
        { text in
            #expect(text.contains(old), "fixture no longer contains \(old)")
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    /// Changes that leave the job definition alone: same digest.
    @Test(arguments: [
        ("priority: 10", "priority: 99"),
        ("cost-center: \"42\"", "cost-center: \"43\""),
        ("confirm: false", "confirm: true"),
        ("rerun: 0", "rerun: 3"),
        ("team: data-platform", "team: storage"),
        ("retainUntil: 2030-01-01T00:00:00Z", "retainUntil: 2030-01-01T02:00:00+02:00"),
        ("fields: [Bucket, Key]", "fields:\n        - Bucket\n        - Key"),
        ("file: manifests/logs-2024.csv", "file: ./manifests/logs-2024.csv"),
    ])
    func unchangedDefinitionKeepsTheDigest(_ change: (String, String)) throws {
        let base = try Self.load()
        let changed = try Self.load(Self.replacing(change.0, change.1))
        #expect(changed.spec.canonicalConfiguration == base.spec.canonicalConfiguration)
        #expect(
            changed.spec.configurationDigest(manifestSHA256: "ab")
                == base.spec.configurationDigest(manifestSHA256: "ab"))
    }

    /// Changes of the job definition: new digest.
    @Test(arguments: [
        ("storageClass: GLACIER_IR", "storageClass: DEEP_ARCHIVE"),
        ("description: Copy 2024 logs to the archive bucket", "description: Copy logs"),
        ("confirmationRequired: true", "confirmationRequired: false"),
        ("scope: failed", "scope: all"),
        ("region: us-east-1", "region: us-west-2"),
        ("contentType: text/plain", "contentType: text/csv"),
        ("tier: cold", "tier: colder"),
        ("requesterPays: false", "requesterPays: true"),
    ])
    func changedDefinitionChangesTheDigest(_ change: (String, String)) throws {
        let base = try Self.load()
        let changed = try Self.load(Self.replacing(change.0, change.1))
        #expect(
            changed.spec.configurationDigest(manifestSHA256: nil)
                != base.spec.configurationDigest(manifestSHA256: nil))
    }

    @Test func manifestContentHashIsPartOfTheDigest() throws {
        let spec = try Self.load().spec
        let a = spec.configurationDigest(manifestSHA256: String(repeating: "a", count: 64))
        let b = spec.configurationDigest(manifestSHA256: String(repeating: "b", count: 64))
        #expect(a != b && a != spec.configurationDigest(manifestSHA256: nil))
        #expect(a.count == 64 && a.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func defaultsAreFilledSoOmittingThemChangesNothing() throws {
        let explicit = try Self.load()
        let omitted = try Self.load { text in
            text.replacingOccurrences(of: "  confirmationRequired: true\n", with: "")
                .replacingOccurrences(of: "      requesterPays: false\n", with: "")
                .replacingOccurrences(of: "      fields: [Bucket, Key]\n", with: "")
        }
        #expect(omitted.spec.canonicalConfiguration == explicit.spec.canonicalConfiguration)
    }

    @Test func canonicalFormIsSortedCompactJSON() throws {
        let bytes = try Self.load().spec.canonicalConfiguration
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"account\":\"111122223333\",\"apiVersion\":\"bops/v1\","))
        #expect(!text.contains(" \"") && !text.contains("\n"))
        #expect(!text.contains("priority") && !text.contains("rerun") && !text.contains("cost-center"))
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        #expect(object?["confirmationRequired"] as? Bool == true)
    }

    @Test func resolvedFillsOnlyMissingProjectDefaults() throws {
        let spec = try Self.load().spec
        #expect(spec.resolved(account: "999999999999", region: "eu-west-1").region == "us-east-1")
        var bare = spec
        bare.region = nil
        #expect(bare.resolved(account: nil, region: "eu-west-1").region == "eu-west-1")
        #expect(
            bare.resolved(account: nil, region: "eu-west-1").configurationDigest(manifestSHA256: nil)
                != bare.configurationDigest(manifestSHA256: nil))
    }
}
