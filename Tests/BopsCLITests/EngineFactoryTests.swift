import BopsAWS
import BopsJobs
import BopsLocalEngine
import BopsProject
import BopsTestSupport
import Foundation
import Testing

@testable import bops

@Suite("the engine factory")
struct EngineFactoryTests {
    /// The project folder of one test.
    let folder: TempFolder

    init() throws { folder = try TempFolder(prefix: "bops-factory") }

    func workspace(
        _ project: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (Workspace, EngineFactory.Built) {
        let root = folder.path
        try project.write(toFile: root + "/bops.yaml", atomically: true, encoding: .utf8)
        var built: EngineFactory.Built?
        let (workspace, diagnostics) = Workspace.open(root: root, bopsVersion: "test") { config in
            EngineFactory.make(config).map { made in
                built = made
                return made.engines
            }
        }
        let ws = try #require(
            workspace, "\(diagnostics.items.map(\.summary))", sourceLocation: sourceLocation)
        return (ws, try #require(built, sourceLocation: sourceLocation))
    }

    @Test func aSpecRegionGetsAnAWSEngineOfThatRegion() throws {
        let (ws, built) = try workspace(
            "apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: \"111122223333\"\nregion: us-east-1\n")
        let primary = try #require(ws.jobs as? AWSEngine)
        #expect((ws.jobs(in: nil) as? AWSEngine) === primary)
        #expect((ws.jobs(in: primary.region) as? AWSEngine) === primary)
        let other = try #require(ws.jobs(in: "eu-west-1") as? AWSEngine)
        #expect(other.region == "eu-west-1")
        #expect(other !== primary)
        #expect((ws.jobs(in: "eu-west-1") as? AWSEngine) === other, "one engine per region, made once")
        #expect(built.local == nil)
        #expect(ws.runJobs == nil, "aws runs jobs on its own")
        #expect(built.describe != nil)
    }

    @Test func theLocalEngineServesEveryRegionAndRunsJobsWhenAsked() throws {
        let (ws, built) = try workspace("apiVersion: bops/v1\nkind: Project\nengine: local\n")
        let local = try #require(built.local)
        #expect(ws.jobs as AnyObject === local)
        #expect(ws.jobs(in: "eu-west-1") as AnyObject === ws.jobs as AnyObject)
        #expect(ws.runJobs != nil)
        #expect(built.describe == nil)
        #expect(try local.store.bucketInfo(ws.config.stagingBucket) != nil, "the staging bucket is made")
    }

    @Test func anUnknownEngineIsAnErrorAtItsKey() throws {
        let root = folder.path
        try "apiVersion: bops/v1\nkind: Project\nengine: s3-express\n"
            .write(toFile: root + "/bops.yaml", atomically: true, encoding: .utf8)
        let (workspace, diagnostics) = Workspace.open(root: root, bopsVersion: "test") {
            EngineFactory.make($0).map(\.engines)
        }
        #expect(workspace == nil)
        let error = try #require(diagnostics.items.first)
        #expect(diagnostics.count == 1)
        #expect(error.summary == "unknown engine 's3-express'")
        #expect(error.hint == "use local or aws")
        #expect(error.range?.file.hasSuffix("bops.yaml") == true)
        #expect(error.range?.start.line == 3 && error.range?.start.column == 9)
    }

    @Test func hintsNameTheCommandOfTheEngine() {
        #expect(LocalAdvice().createBucket("logs", features: []) == "create it with: bops local mb logs")
        #expect(
            LocalAdvice().createBucket("vault", features: [.objectLock, .versioning])
                == "create it with: bops local mb vault --object-lock")
        #expect(
            LocalAdvice().createBucket("src", features: .versioning)
                == "create it with: bops local mb src --versioning")
        #expect(LocalAdvice().addReplication("src").contains("bops local put-replication src"))
        #expect(AWSAdvice().createBucket("logs", features: []) == "create it with: aws s3 mb s3://logs")
        #expect(
            AWSAdvice().createBucket("vault", features: .objectLock).contains(
                "--object-lock-enabled-for-bucket"))
        #expect(!AWSAdvice().createBucket("logs", features: []).contains("bops local"))
    }
}
