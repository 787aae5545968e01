import BopsEmulator
import Foundation
import Testing

/// The emulator's conditional writes over HTTP, answered as S3 answers them.
@Suite("emulator conditional writes", .tags(.process))
struct ConditionalRequestTests {
    func unsigned(_ c: inout EmulatorServer.Configuration) { c.verifySignatures = false }

    @Test func putObjectWithIfNoneMatchAndIfMatch() async throws {
        try await withEmulator(unsigned) { server, running in
            try server.engine.store.createBucket("state")
            let url = running.endpoint.url + "/state/bops/state.json"
            let created = await send("PUT", url, body: "one", headers: ["If-None-Match": "*"])
            #expect(created.status == 200)
            let eTag = try #require(created.headers["etag"])
            let again = await send("PUT", url, body: "two", headers: ["If-None-Match": "*"])
            #expect(again.status == 412)
            #expect(element("Code", in: again.body) == "PreconditionFailed")
            #expect(element("Condition", in: again.body) == "If-None-Match")
            let stale = await send("PUT", url, body: "two", headers: ["If-Match": "\"0123\""])
            #expect(stale.status == 412)
            #expect(element("Condition", in: stale.body) == "If-Match")
            let swapped = await send("PUT", url, body: "two", headers: ["If-Match": eTag])
            #expect(swapped.status == 200)
            #expect(swapped.headers["etag"] != eTag)
            #expect((await send("GET", url)).body == "two")
            let missing = await send(
                "PUT", running.endpoint.url + "/state/nope", body: "x", headers: ["If-Match": eTag])
            #expect(missing.status == 404)
            #expect(element("Code", in: missing.body) == "NoSuchKey")
            let unsupported = await send("PUT", url, body: "x", headers: ["If-None-Match": eTag])
            #expect(unsupported.status == 501, "S3 answers 501 NotImplemented for If-None-Match with an ETag")
            #expect(element("Code", in: unsupported.body) == "NotImplemented")
            #expect((await send("GET", url)).body == "two", "refused writes change nothing")
        }
    }

    @Test func deleteObjectWithAndWithoutIfMatch() async throws {
        try await withEmulator(unsigned) { server, running in
            try server.engine.store.createBucket("state")
            let url = running.endpoint.url + "/state/k.lock"
            let eTag = try #require((await send("PUT", url, body: "lock")).headers["etag"])
            #expect((await send("DELETE", url, headers: ["If-Match": "\"ffff\""])).status == 412)
            #expect((await send("GET", url)).status == 200, "a refused delete leaves the object")
            #expect((await send("DELETE", url, headers: ["If-Match": eTag])).status == 204)
            #expect((await send("GET", url)).status == 404)
            #expect((await send("DELETE", url)).status == 204, "deleting a missing key succeeds")
            let conditional = await send("DELETE", url, headers: ["If-Match": eTag])
            #expect(conditional.status == 404)
            #expect(element("Code", in: conditional.body) == "NoSuchKey")
        }
    }

    /// Of many creates racing on one key, exactly one succeeds.
    @Test func racingCreatesHaveOneWinner() async throws {
        try await withEmulator(unsigned) { server, running in
            try server.engine.store.createBucket("state")
            let url = running.endpoint.url + "/state/race.lock"
            let statuses = await withTaskGroup(of: Int?.self) { group in
                for i in 0..<16 {
                    group.addTask {
                        await send("PUT", url, body: "holder \(i)", headers: ["If-None-Match": "*"]).status
                    }
                }
                var all: [Int?] = []
                for await s in group { all.append(s) }
                return all
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 412 }.count == 15, "\(statuses)")
        }
    }

    @Test func injectedConflictsAndAnswersLostAfterActing() async throws {
        try await withEmulator({ c in
            c.verifySignatures = false
            c.faults = FaultInjection(rate: 1, kinds: [.conflict], pathContains: "conflict")
        }) { server, running in
            try server.engine.store.createBucket("state")
            let hit = await send("PUT", running.endpoint.url + "/state/conflict.json", body: "x")
            #expect(hit.status == 409)
            #expect(element("Code", in: hit.body) == "ConditionalRequestConflict")
            #expect((await send("PUT", running.endpoint.url + "/state/other.json", body: "x")).status == 200)
        }
        try await withEmulator({ c in
            c.verifySignatures = false
            c.faults = FaultInjection(rate: 1, kinds: [.dropAfterActing], pathContains: "landed")
        }) { server, running in
            try server.engine.store.createBucket("state")
            let dropped = await send("PUT", running.endpoint.url + "/state/landed.json", body: "x")
            #expect(dropped.status == nil, "no answer")
            #expect(
                try server.engine.store.readObject(bucket: "state", key: "landed.json").body
                    == Array("x".utf8))
        }
    }
}
