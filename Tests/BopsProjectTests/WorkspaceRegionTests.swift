import BopsAWS
import Foundation
import Testing

@testable import BopsProject

@Suite("jobs go to their spec's region")
struct WorkspaceRegionTests {
    @Test func aSpecRegionGetsAnEngineOfThatRegion() throws {
        let root = NSTemporaryDirectory() + "bops-ws-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try "apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: \"111122223333\"\nregion: us-east-1\n"
            .write(toFile: root + "/bops.yaml", atomically: true, encoding: .utf8)
        let (workspace, diagnostics) = Workspace.open(root: root, bopsVersion: "test")
        let ws = try #require(workspace, "\(diagnostics.items.map(\.summary))")
        let primary = try #require(ws.jobs as? AWSEngine)
        #expect((ws.jobs(in: nil) as? AWSEngine) === primary)
        #expect((ws.jobs(in: primary.region) as? AWSEngine) === primary)
        let other = try #require(ws.jobs(in: "eu-west-1") as? AWSEngine)
        #expect(other.region == "eu-west-1")
        #expect(other !== primary)
        #expect((ws.jobs(in: "eu-west-1") as? AWSEngine) === other, "one engine per region, made once")
    }

    @Test func theLocalEngineServesEveryRegion() throws {
        let root = NSTemporaryDirectory() + "bops-ws-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let (workspace, _) = Workspace.open(root: root, bopsVersion: "test")
        let ws = try #require(workspace)
        #expect(ws.local != nil)
        #expect(ws.jobs(in: "eu-west-1") as AnyObject === ws.jobs as AnyObject)
    }
}
