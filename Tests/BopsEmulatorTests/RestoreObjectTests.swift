import BopsEmulator
import BopsLocalEngine
import Foundation
import Testing

/// RestoreObject over HTTP: an archived object becomes readable, as the restore jobs make it.
@Suite("emulator RestoreObject", .tags(.process))
struct RestoreObjectTests {
    static let days =
        "<RestoreRequest><Days>2</Days><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters></RestoreRequest>"

    @Test func archivedObjectsAreRestored() async throws {
        try await withEmulator({ $0.verifySignatures = false }) { server, running in
            let store = server.engine.store
            try store.createBucket("cold")
            var attributes = ObjectAttributes()
            attributes.storageClass = "GLACIER"
            _ = try store.putObject(
                bucket: "cold", key: "k", body: Array("frozen".utf8), attributes: attributes)
            let url = running.endpoint.url + "/cold/k"
            let before = await send("GET", url)
            #expect(before.status == 403)
            #expect(element("Code", in: before.body) == "InvalidObjectState")
            let noDays = await send("POST", url + "?restore", body: "<RestoreRequest></RestoreRequest>")
            #expect(noDays.status == 400)
            #expect((await send("POST", url + "?restore", body: Self.days)).status == 202)
            let head = await send("HEAD", url)
            #expect(
                head.headers["x-amz-restore"]?.contains("ongoing-request=\"false\"") == true,
                "\(head.headers)")
            #expect((await send("GET", url)).body == "frozen")
            #expect((await send("POST", url + "?restore", body: Self.days)).status == 200, "already restored")

            _ = await send("PUT", running.endpoint.url + "/cold/warm", body: "w")
            let warm = await send("POST", running.endpoint.url + "/cold/warm?restore", body: Self.days)
            #expect(warm.status == 403)
            #expect(element("Code", in: warm.body) == "InvalidObjectState")
        }
    }
}
