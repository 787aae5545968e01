import BopsEmulator
import BopsJobs
import Foundation
import Testing

/// Versioned buckets over HTTP: delete markers, reads and deletes by version id, suspended
/// versioning's null version, ListObjectVersions.
@Suite("emulator versioning", .tags(.process))
struct VersioningTests {
    static func unsigned(_ c: inout EmulatorServer.Configuration) { c.verifySignatures = false }

    @Test func deleteInAVersionedBucketAddsADeleteMarker() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("ver", versioning: .enabled)
            let url = running.endpoint.url + "/ver/k"
            let v1 = try #require((await send("PUT", url, body: "one")).headers["x-amz-version-id"])
            let v2 = try #require((await send("PUT", url, body: "two")).headers["x-amz-version-id"])
            let deleted = await send("DELETE", url)
            #expect(deleted.status == 204)
            #expect(deleted.headers["x-amz-delete-marker"] == "true")
            let marker = try #require(deleted.headers["x-amz-version-id"])
            #expect(![v1, v2].contains(marker))

            let gone = await send("GET", url)
            #expect(gone.status == 404)
            #expect(element("Code", in: gone.body) == "NoSuchKey")
            #expect(gone.headers["x-amz-delete-marker"] == "true")
            #expect(gone.headers["x-amz-version-id"] == marker)
            #expect((await send("HEAD", url)).headers["x-amz-delete-marker"] == "true")

            #expect((await send("GET", url + "?versionId=\(v1)")).body == "one")
            #expect((await send("HEAD", url + "?versionId=\(v2)")).status == 200)
            let namedMarker = await send("GET", url + "?versionId=\(marker)")
            #expect(namedMarker.status == 405)
            #expect(element("Code", in: namedMarker.body) == "MethodNotAllowed")
            #expect(namedMarker.headers["x-amz-delete-marker"] == "true")
            #expect((await send("GET", url + "?versionId=nope")).status == 404)

            let listed = await send("GET", running.endpoint.url + "/ver?versions")
            #expect(listed.status == 200)
            #expect(listed.body.components(separatedBy: "<Version>").count - 1 == 2)
            #expect(listed.body.components(separatedBy: "<DeleteMarker>").count - 1 == 1)
            #expect(element("IsLatest", in: listed.body) == "true", "the marker comes first and is latest")

            let unmarked = await send("DELETE", url + "?versionId=\(marker)")
            #expect(unmarked.status == 204)
            #expect(unmarked.headers["x-amz-delete-marker"] == "true")
            #expect(unmarked.headers["x-amz-version-id"] == marker)
            #expect(
                (await send("GET", url)).body == "two", "removing the marker brings back the last version")

            #expect((await send("DELETE", url + "?versionId=\(v2)")).status == 204)
            #expect((await send("GET", url)).body == "one", "deleting a version for good")
            #expect((await send("GET", url + "?versionId=\(v2)")).status == 404)
        }
    }

    @Test func suspendedVersioningWritesTheNullVersion() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            let store = server.engine.store
            try store.createBucket("sus", versioning: .enabled)
            let url = running.endpoint.url + "/sus/k"
            let kept = try #require((await send("PUT", url, body: "versioned")).headers["x-amz-version-id"])
            try store.putBucketVersioning("sus", .suspended)
            _ = await send("PUT", url, body: "null one")
            _ = await send("PUT", url, body: "null two")
            #expect(
                (await send("GET", url + "?versionId=null")).body == "null two", "one null version, replaced")
            let deleted = await send("DELETE", url)
            #expect(deleted.headers["x-amz-delete-marker"] == "true")
            #expect(deleted.headers["x-amz-version-id"] == "null")
            #expect((await send("GET", url)).status == 404)
            #expect(
                (await send("GET", url + "?versionId=null")).status == 405, "the null version is the marker")
            #expect((await send("GET", url + "?versionId=\(kept)")).body == "versioned")
            let versions = try store.listVersionEntries(bucket: "sus")
            #expect(versions.map(\.isDeleteMarker) == [true, false])
        }
    }

    @Test func unversionedDeleteRemovesTheObject() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("unv")
            let url = running.endpoint.url + "/unv/k"
            _ = await send("PUT", url, body: "x")
            let deleted = await send("DELETE", url)
            #expect(deleted.status == 204)
            #expect(deleted.headers["x-amz-delete-marker"] == nil)
            #expect((await send("GET", url)).headers["x-amz-delete-marker"] == nil)
            #expect(try server.engine.store.listVersionEntries(bucket: "unv").isEmpty)
        }
    }

    @Test func objectLockProtectsVersionsFromDeletion() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("lock", objectLock: true)
            let url = running.endpoint.url + "/lock/k"
            let held = await send("PUT", url, body: "x", headers: ["x-amz-object-lock-legal-hold": "ON"])
            let id = try #require(held.headers["x-amz-version-id"])
            let refused = await send("DELETE", url + "?versionId=\(id)")
            #expect(refused.status == 403)
            #expect(element("Code", in: refused.body) == "AccessDenied")
            #expect(
                (await send("DELETE", url)).headers["x-amz-delete-marker"] == "true", "a marker is allowed")
            #expect((await send("GET", url + "?versionId=\(id)")).body == "x")
        }
    }
}
