import BopsEmulator
import Foundation
import Testing

/// Listing, bucket and header semantics S3 clients rely on.
@Suite("emulator bucket and listing semantics", .tags(.process))
struct BucketSemanticsTests {
    static func unsigned(_ c: inout EmulatorServer.Configuration) { c.verifySignatures = false }

    @Test(arguments: ["?list-type=2&max-keys=0", "?max-keys=0", "?versions&max-keys=0"])
    func maxKeysZeroIsAnEmptyPageThatIsNotTruncated(_ query: String) async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            _ = await send("PUT", running.endpoint.url + "/bkt/k", body: "x")
            let listed = await send("GET", running.endpoint.url + "/bkt" + query)
            #expect(listed.status == 200)
            #expect(element("IsTruncated", in: listed.body) == "false", "\(listed.body)")
            #expect(!listed.body.contains("<Key>"))
        }
    }

    @Test func listObjectsV1PagesWithMarkers() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            for key in ["a/1", "a/2", "b", "c/1", "d"] {
                _ = await send("PUT", running.endpoint.url + "/bkt/" + key, body: key)
            }
            var keys: [String] = []
            var marker = ""
            for _ in 0..<10 {
                let page = await send(
                    "GET", running.endpoint.url + "/bkt?delimiter=/&max-keys=2&marker=" + marker)
                #expect(page.status == 200)
                let items = page.body.components(separatedBy: "<Key>").dropFirst().compactMap {
                    $0.components(separatedBy: "</Key>").first
                }
                let prefixes = page.body.components(separatedBy: "<CommonPrefixes><Prefix>").dropFirst()
                    .compactMap {
                        $0.components(separatedBy: "</Prefix>").first
                    }
                keys += items + prefixes
                guard element("IsTruncated", in: page.body) == "true" else { break }
                marker = try #require(element("NextMarker", in: page.body))
            }
            #expect(keys.sorted() == ["a/", "b", "c/", "d"])
        }
    }

    @Test func fetchOwnerAddsTheOwner() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("own")
            _ = await send("PUT", running.endpoint.url + "/own/k", body: "x")
            #expect(!(await send("GET", running.endpoint.url + "/own?list-type=2")).body.contains("<Owner>"))
            let owned = await send("GET", running.endpoint.url + "/own?list-type=2&fetch-owner=true")
            #expect(owned.body.contains("<Owner><ID>emulator</ID>"), "\(owned.body)")
        }
    }

    @Test func listBucketsPages() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            for name in ["aaa", "abb", "acc", "bbb"] { try server.engine.store.createBucket(name) }
            var names: [String] = []
            var token: String?
            for _ in 0..<5 {
                var url = running.endpoint.url + "/?prefix=a&max-buckets=2"
                if let token {
                    url +=
                        "&continuation-token="
                        + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                }
                let page = await send("GET", url)
                #expect(page.status == 200)
                names += page.body.components(separatedBy: "<Name>").dropFirst().compactMap {
                    $0.components(separatedBy: "</Name>").first
                }
                token = element("ContinuationToken", in: page.body)
                if token == nil { break }
            }
            #expect(names == ["aaa", "abb", "acc"])
            #expect((await send("GET", running.endpoint.url + "/?max-buckets=0")).status == 400)
        }
    }

    @Test func recreatingYourOwnBucket() async throws {
        try await withEmulator(Self.unsigned) { _, running in
            #expect((await send("PUT", running.endpoint.url + "/mine")).status == 200)
            #expect(
                (await send("PUT", running.endpoint.url + "/mine")).status == 200,
                "us-east-1 answers 200 again")
        }
        try await withEmulator({ c in
            c.verifySignatures = false
            c.region = "eu-west-1"
        }) { _, running in
            #expect((await send("PUT", running.endpoint.url + "/mine")).status == 200)
            let again = await send("PUT", running.endpoint.url + "/mine")
            #expect(again.status == 409)
            #expect(element("Code", in: again.body) == "BucketAlreadyOwnedByYou")
        }
    }

    @Test func deleteBucketOnlyWhenEmpty() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("del", versioning: .enabled)
            let url = running.endpoint.url + "/del"
            _ = await send("PUT", url + "/k", body: "x")
            _ = await send("DELETE", url + "/k")
            let full = await send("DELETE", url)
            #expect(full.status == 409, "a delete marker still counts")
            #expect(element("Code", in: full.body) == "BucketNotEmpty")
            for entry in try server.engine.store.listVersionEntries(bucket: "del") {
                _ = await send("DELETE", url + "/k?versionId=" + (entry.info.versionId ?? "null"))
            }
            #expect((await send("DELETE", url)).status == 204)
            #expect((await send("HEAD", url)).status == 404)
            #expect((await send("PUT", url)).status == 200, "the name can be used again")
            #expect((await send("GET", url + "?list-type=2")).body.contains("<KeyCount>0</KeyCount>"))
        }
    }

    @Test func tagLimits() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            let url = running.endpoint.url + "/bkt/k"
            let longKey = String(repeating: "k", count: 129)
            let longValue = String(repeating: "v", count: 257)
            for tagging in ["\(longKey)=v", "k=\(longValue)"] {
                let put = await send("PUT", url, body: "x", headers: ["x-amz-tagging": tagging])
                #expect(put.status == 400)
                #expect(element("Code", in: put.body) == "InvalidTag")
            }
            let fits = String(repeating: "k", count: 128) + "=" + String(repeating: "v", count: 256)
            #expect((await send("PUT", url, body: "x", headers: ["x-amz-tagging": fits])).status == 200)
            let body = "<Tagging><TagSet><Tag><Key>\(longKey)</Key><Value>v</Value></Tag></TagSet></Tagging>"
            let tagging = await send("PUT", url + "?tagging", body: body)
            #expect(tagging.status == 400)
            #expect(element("Code", in: tagging.body) == "InvalidTag")
        }
    }

    @Test func contentEncodingIsStoredVerbatim() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            let url = running.endpoint.url + "/bkt/k"
            _ = await send("PUT", url, body: "x", headers: ["Content-Encoding": "deflate, gzip"])
            let info = try server.engine.store.objectInfo(bucket: "bkt", key: "k")
            #expect(info.metadata.contentEncoding == "deflate, gzip")
            _ = await send("PUT", url, body: "x", headers: ["Content-Encoding": "aws-chunked, gzip"])
            #expect(
                try server.engine.store.objectInfo(bucket: "bkt", key: "k").metadata.contentEncoding == "gzip"
            )
        }
    }

    @Test func unservedCallsAnswer501() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            let answer = await send("GET", running.endpoint.url + "/bkt?website")
            #expect(answer.status == 501)
            #expect(element("Code", in: answer.body) == "NotImplemented")
        }
    }
}
