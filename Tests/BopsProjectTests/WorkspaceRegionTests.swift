import BopsDiagnostics
import BopsJobs
import BopsPlan
import BopsSpec
import BopsTestSupport
import Foundation
import Testing

@testable import BopsProject

/// Engines whose regional builder makes a named engine per region and fails for the regions in
/// `failing`, counting how often it is asked.
final class RegionalBuilder: @unchecked Sendable {
    let failing: Set<String>
    private let lock = NSLock()
    private var asked: [String] = []

    init(failing: Set<String> = []) { self.failing = failing }

    var requests: [String] { lock.withLock { asked } }

    func make(_ region: String) throws -> any JobsEngine {
        lock.withLock { asked.append(region) }
        if failing.contains(region) {
            throw EngineError(code: "InvalidEndpoint", message: "no endpoint for \(region)")
        }
        return CountingJobsEngine(region)
    }
}

@Suite("jobs go to their spec's region")
struct WorkspaceRegionTests {
    /// The project folder of one test.
    let folder: TempFolder

    init() throws { folder = try TempFolder(prefix: "bops-project") }

    static let project =
        "apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: \"111122223333\"\nregion: us-east-1\n"

    func workspace(
        primary: CountingJobsEngine, builder: RegionalBuilder?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Workspace {
        let root = folder.path
        try Self.project.write(toFile: root + "/bops.yaml", atomically: true, encoding: .utf8)
        var regional: Engines.RegionalJobs?
        if let builder { regional = { region in try builder.make(region) } }
        let (workspace, diagnostics) = Workspace.open(root: root, bopsVersion: "test") { _ in
            .success(
                Engines(jobs: primary, objects: MemoryObjectStore(), region: "us-east-1", regional: regional))
        }
        return try #require(workspace, "\(diagnostics.items.map(\.summary))", sourceLocation: sourceLocation)
    }

    static func spec(region: String) -> String {
        """
        apiVersion: bops/v1
        kind: BatchJob
        metadata:
          name: far-away
        spec:
          region: \(region)
          roleArn: arn:aws:iam::111122223333:role/r
          manifest:
            csv:
              location: s3://manifests/m.csv
              fields: [Bucket, Key, VersionId]
          operation:
            replicate: {}
          report:
            scope: disabled

        """
    }

    @Test func aSpecRegionGetsAnEngineOfThatRegionMadeOnce() throws {
        let primary = CountingJobsEngine("us-east-1")
        let builder = RegionalBuilder()
        let ws = try workspace(primary: primary, builder: builder)
        #expect(ws.jobs(in: nil) as AnyObject === primary)
        #expect(ws.jobs(in: "us-east-1") as AnyObject === primary)
        let other = try #require(ws.jobs(in: "eu-west-1") as? CountingJobsEngine)
        #expect(other.name == "eu-west-1")
        #expect(ws.jobs(in: "eu-west-1") as AnyObject === other, "one engine per region, made once")
        #expect(builder.requests == ["eu-west-1"])
    }

    @Test func anEngineWithoutRegionalBuilderServesEveryRegion() throws {
        let primary = CountingJobsEngine("any")
        let ws = try workspace(primary: primary, builder: nil)
        #expect(ws.jobs(in: "eu-west-1") as AnyObject === primary)
        #expect(ws.jobs(in: nil) as AnyObject === primary)
    }

    @Test func aRegionWhoseEngineCannotBeMadeIsAnErrorNotThePrimary() async throws {
        let primary = CountingJobsEngine("us-east-1")
        let builder = RegionalBuilder(failing: ["eu-south-9"])
        let ws = try workspace(primary: primary, builder: builder)

        do {
            _ = try ws.engine(in: "eu-south-9")
            Issue.record("a region without engine must throw")
        } catch {
            #expect(error.region == "eu-south-9")
            #expect(error.reason.contains("no endpoint for eu-south-9"))
        }
        let stand = ws.jobs(in: "eu-south-9")
        #expect(stand as AnyObject !== primary)
        await #expect {
            _ = try await stand.describeJob(accountId: "111122223333", jobId: "job-1")
        } throws: { error in
            let e = error as? EngineError
            return e?.code == "RegionUnavailable" && e?.message.contains("region eu-south-9") == true
        }
        #expect(primary.calls == 0, "no call falls back to the primary region")
        #expect(builder.requests == ["eu-south-9"], "a failed region is tried once")

        let file = "specs/far-away.yaml"
        let loaded = SpecLoader.load(text: Self.spec(region: "eu-south-9"), file: file)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.summary))")
        await #expect {
            _ = try await ws.plan(loaded.specs, options: PlanOptions())
        } throws: { error in
            guard let found = error as? Diagnostics, let first = found.items.first, found.count == 1 else {
                return false
            }
            return first.summary.contains("spec far-away") && first.summary.contains("region eu-south-9")
                && first.range?.file == file && first.range?.start == Mark(line: 6, column: 11)
                && first.pointer == "/spec/region" && first.hint?.contains("us-east-1") == true
        }
        #expect(primary.calls == 0)
    }
}
