import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsSpec
import BopsTestSupport
import Foundation
import Testing

@testable import BopsProject

/// `spec.acknowledge` skips a plan-time check by name, with a note that says so and why.
struct AcknowledgementTests {
    static func spec(acknowledge: [String]) -> String {
        """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: acknowledged
        spec:
          roleArn: arn:aws:iam::111122223333:role/r
          acknowledge:
        \(acknowledge.map { "    " + $0 }.joined(separator: "\n"))
          manifest:
            csv: { file: m.csv, fields: [Bucket, Key] }
          operation:
            copy: { destination: "arn:aws:s3:::dst" }
          report: { bucket: "arn:aws:s3:::reports", scope: all }

        """
    }

    static func findings(_ text: String) async throws -> (Diagnostics, file: String) {
        let temp = try TempFolder()
        let folder = temp.path
        let file = folder + "/acknowledged.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try "src,a.log\n".write(toFile: folder + "/m.csv", atomically: true, encoding: .utf8)
        let loaded = SpecLoader.load(text: text, file: file)
        try #require(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        let store = MemoryObjectStore()
        store.make("src")
        store.configure("src") { $0.lifecycle = [LifecycleRule(id: "expire", expirationDays: 1)] }
        store.make("dst")
        store.make("reports", objectLock: true)
        store.configure("reports") {
            $0.defaultRetention = ObjectLockDefaultRetention(mode: .governance, days: 1)
        }
        let found = await DesiredJobs(
            config: ProjectConfig(root: folder), objects: store, defaultAccount: "111122223333",
            defaultRegion: "us-east-1"
        ).build(loaded.specs, recorded: nil).diagnostics
        return (found, file)
    }

    @Test func theNamedChecksAreSkippedWithANoteEach() async throws {
        let (found, file) = try await Self.findings(
            Self.spec(acknowledge: [
                #"lifecycle: "the rule expires after a day; the job copies within the hour""#,
                #"reportRetention: "reports are read from the job's failures""#,
            ]))
        #expect(!found.hasErrors, "\(found.items.map(\.summary))")
        #expect(!found.items.contains { $0.summary.contains("lifecycle rule") })
        let notes = found.items.filter { $0.severity == .note }
        #expect(
            notes.map(\.summary) == [
                "spec acknowledged: plan-time check reportRetention skipped: reports are read from the job's failures",
                "spec acknowledged: plan-time check lifecycle skipped: the rule expires after a day; the job copies within the hour",
            ])
        #expect(notes.map(\.range?.start) == [Mark(line: 9, column: 22), Mark(line: 8, column: 16)])
        #expect(notes.allSatisfy { $0.range?.file == file })
    }

    @Test func withoutTheAcknowledgementTheChecksFind() async throws {
        let (found, _) = try await Self.findings(Self.spec(acknowledge: [#"reportRegion: "one region""#]))
        #expect(
            found.items.contains {
                $0.severity == .error && $0.summary.contains("Object Lock default retention")
            })
        #expect(
            found.items.contains { $0.severity == .warning && $0.summary.contains("lifecycle rule 'expire'") }
        )
    }

    @Test func anUnknownCheckIsAnErrorAtItsKey() {
        let loaded = SpecLoader.load(text: Self.spec(acknowledge: [#"lifecycles: "typo""#]), file: "a.yaml")
        let error = loaded.diagnostics.items.first { $0.severity == .error }
        #expect(error?.range?.start.line == 8, "\(loaded.diagnostics.items.map(\.summary))")
        #expect(error?.summary.contains("lifecycles") == true, "\(error?.summary ?? "")")
    }

    /// The schema's `spec.acknowledge` names exactly the checks ``PlanCheck`` lists and the risks
    /// ``Risk/ID`` lists but `oversizeObjects` (which `copy.oversize` decides), and no name is both.
    @Test func theSchemaNamesEveryCheck() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("schemas/job-spec.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let spec = (schema["properties"] as? [String: Any])?["spec"] as? [String: Any]
        let acknowledge = (spec?["properties"] as? [String: Any])?["acknowledge"] as? [String: Any]
        let names = try #require(acknowledge?["properties"] as? [String: Any]).keys.sorted()
        let risks = Risk.ID.allCases.filter { $0 != .oversizeObjects }.map(\.rawValue)
        #expect(names == (PlanCheck.allCases.map(\.rawValue) + risks).sorted())
        #expect(Set(PlanCheck.allCases.map(\.rawValue)).isDisjoint(with: risks))
    }
}
