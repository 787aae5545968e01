import BopsAWSModel
import BopsEmulator
import Foundation
import Testing

/// PutObjectLegalHold, PutObjectRetention and PutObjectAcl over HTTP, with the Object Lock rules
/// the jobs enforce.
@Suite("emulator object lock and ACL writes", .tags(.process))
struct ObjectLockWriteTests {
    static func unsigned(_ c: inout EmulatorServer.Configuration) { c.verifySignatures = false }

    static func retention(_ mode: String, _ date: Date) -> String {
        "<Retention><Mode>\(mode)</Mode><RetainUntilDate>\(AWSTimestamp.iso8601(date))</RetainUntilDate></Retention>"
    }

    @Test func legalHoldAndRetention() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("locked", objectLock: true)
            try server.engine.store.createBucket("plain")
            let url = running.endpoint.url + "/locked/k"
            let id = try #require((await send("PUT", url, body: "x")).headers["x-amz-version-id"])
            let on = "<LegalHold><Status>ON</Status></LegalHold>"
            #expect((await send("PUT", url + "?legal-hold", body: on)).status == 200)
            #expect(element("Status", in: (await send("GET", url + "?legal-hold")).body) == "ON")
            #expect((await send("DELETE", url + "?versionId=\(id)")).status == 403)
            let off = "<LegalHold><Status>OFF</Status></LegalHold>"
            #expect((await send("PUT", url + "?legal-hold", body: off)).status == 200)

            let now = Date()
            let compliance = await send(
                "PUT", url + "?retention", body: Self.retention("COMPLIANCE", now + 86400))
            #expect(compliance.status == 200, "\(compliance.body)")
            #expect(element("Mode", in: (await send("GET", url + "?retention")).body) == "COMPLIANCE")
            let shorter = await send(
                "PUT", url + "?retention", body: Self.retention("COMPLIANCE", now + 3600))
            #expect(shorter.status == 403)
            #expect(element("Code", in: shorter.body) == "AccessDenied")
            #expect(
                (await send("PUT", url + "?retention", body: Self.retention("COMPLIANCE", now + 2 * 86400)))
                    .status == 200)
            let past = await send("PUT", url + "?retention", body: Self.retention("GOVERNANCE", now - 60))
            #expect(past.status == 400)
            #expect(element("Code", in: past.body) == "InvalidArgument")
            #expect((await send("DELETE", url + "?versionId=\(id)")).status == 403, "COMPLIANCE in force")

            let other = running.endpoint.url + "/locked/g"
            _ = await send("PUT", other, body: "y")
            #expect(
                (await send("PUT", other + "?retention", body: Self.retention("GOVERNANCE", now + 86400)))
                    .status == 200)
            let weaker = Self.retention("GOVERNANCE", now + 3600)
            #expect((await send("PUT", other + "?retention", body: weaker)).status == 403)
            let bypassed = await send(
                "PUT", other + "?retention", body: weaker,
                headers: ["x-amz-bypass-governance-retention": "true"])
            #expect(bypassed.status == 200)

            _ = await send("PUT", running.endpoint.url + "/plain/k", body: "z")
            let unlocked = await send("PUT", running.endpoint.url + "/plain/k?legal-hold", body: on)
            #expect(unlocked.status == 400)
            #expect(element("Code", in: unlocked.body) == "InvalidRequest")
        }
    }

    @Test func putObjectAclWithACannedACL() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("acl")
            let url = running.endpoint.url + "/acl/k"
            _ = await send("PUT", url, body: "x")
            #expect(!(await send("GET", url + "?acl")).body.contains("AllUsers"))
            #expect((await send("PUT", url + "?acl", headers: ["x-amz-acl": "public-read"])).status == 200)
            let acl = await send("GET", url + "?acl")
            #expect(acl.body.contains("http://acs.amazonaws.com/groups/global/AllUsers"), "\(acl.body)")
            let bad = await send("PUT", url + "?acl", headers: ["x-amz-acl": "everyone"])
            #expect(bad.status == 400)
        }
    }
}
