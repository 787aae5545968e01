import BopsEmulator
import Foundation
import Testing

/// Server-side encryption headers over HTTP: validated on writes, refused on reads, and an SSE-C
/// object readable only with its key.
@Suite("emulator encryption headers", .tags(.process))
struct EncryptionTests {
    static func unsigned(_ c: inout EmulatorServer.Configuration) { c.verifySignatures = false }

    static let keyA = Data(repeating: 0x41, count: 32).base64EncodedString()
    static let keyB = Data(repeating: 0x42, count: 32).base64EncodedString()

    static func customer(_ key: String) -> [String: String] {
        [
            "x-amz-server-side-encryption-customer-algorithm": "AES256",
            "x-amz-server-side-encryption-customer-key": key,
        ]
    }

    @Test func customerKeysAreRequiredToRead() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("sse")
            let url = running.endpoint.url + "/sse/k"
            let put = await send("PUT", url, body: "secret", headers: Self.customer(Self.keyA))
            #expect(put.status == 200, "\(put.body)")
            #expect(put.headers["x-amz-server-side-encryption-customer-algorithm"] == "AES256")
            let without = await send("GET", url)
            #expect(without.status == 400)
            #expect(element("Code", in: without.body) == "InvalidRequest")
            #expect((await send("HEAD", url)).status == 400)
            let wrong = await send("GET", url, headers: Self.customer(Self.keyB))
            #expect(wrong.status == 403)
            #expect(element("Code", in: wrong.body) == "AccessDenied")
            let right = await send("GET", url, headers: Self.customer(Self.keyA))
            #expect(right.status == 200)
            #expect(right.body == "secret")

            let copy = running.endpoint.url + "/sse/copy"
            let noSourceKey = await send("PUT", copy, headers: ["x-amz-copy-source": "sse/k"])
            #expect(noSourceKey.status == 400)
            var sourceKey = [
                "x-amz-copy-source": "sse/k",
                "x-amz-copy-source-server-side-encryption-customer-algorithm": "AES256",
                "x-amz-copy-source-server-side-encryption-customer-key": Self.keyA,
            ]
            #expect((await send("PUT", copy, headers: sourceKey)).status == 200)
            #expect((await send("GET", copy)).body == "secret", "a copy without SSE-C headers is not SSE-C")
            sourceKey["x-amz-copy-source-server-side-encryption-customer-key"] = Self.keyB
            #expect((await send("PUT", copy, headers: sourceKey)).status == 403)

            _ = await send("PUT", running.endpoint.url + "/sse/plain", body: "p")
            let notApplicable = await send(
                "GET", running.endpoint.url + "/sse/plain", headers: Self.customer(Self.keyA))
            #expect(notApplicable.status == 400)
        }
    }

    /// Write headers S3 refuses, and the error code it answers.
    @Test(arguments: [
        (["x-amz-server-side-encryption": "aes:kms"], "InvalidArgument"),
        (
            ["x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:123456789012:key/k"],
            "InvalidArgument"
        ),
        (
            ["x-amz-server-side-encryption": "AES256", "x-amz-server-side-encryption-aws-kms-key-id": "k"],
            "InvalidArgument"
        ),
        (
            [
                "x-amz-server-side-encryption": "AES256",
                "x-amz-server-side-encryption-customer-algorithm": "AES256",
                "x-amz-server-side-encryption-customer-key": Data(repeating: 1, count: 32)
                    .base64EncodedString(),
            ], "InvalidArgument"
        ),
        (["x-amz-server-side-encryption-customer-algorithm": "AES256"], "InvalidArgument"),
        (
            [
                "x-amz-server-side-encryption-customer-algorithm": "AES128",
                "x-amz-server-side-encryption-customer-key": Data(repeating: 1, count: 32)
                    .base64EncodedString(),
            ], "InvalidEncryptionAlgorithmError"
        ),
        (
            [
                "x-amz-server-side-encryption-customer-algorithm": "AES256",
                "x-amz-server-side-encryption-customer-key": Data(repeating: 1, count: 16)
                    .base64EncodedString(),
            ], "InvalidArgument"
        ),
        (
            [
                "x-amz-server-side-encryption-customer-algorithm": "AES256",
                "x-amz-server-side-encryption-customer-key": Data(repeating: 1, count: 32)
                    .base64EncodedString(),
                "x-amz-server-side-encryption-customer-key-MD5": "AAAAAAAAAAAAAAAAAAAAAA==",
            ], "InvalidArgument"
        ),
    ])
    func refusedWriteHeaders(_ headers: [String: String], _ code: String) async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("sse")
            let put = await send("PUT", running.endpoint.url + "/sse/k", body: "x", headers: headers)
            #expect(put.status == 400, "\(headers): \(put.body)")
            #expect(element("Code", in: put.body) == code)
            #expect((await send("GET", running.endpoint.url + "/sse/k")).status == 404, "nothing stored")
        }
    }

    @Test func encryptionHeadersOnReadsAreRefused() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("sse")
            let url = running.endpoint.url + "/sse/k"
            _ = await send("PUT", url, body: "x", headers: ["x-amz-server-side-encryption": "aws:kms"])
            let get = await send("GET", url, headers: ["x-amz-server-side-encryption": "aws:kms"])
            #expect(get.status == 400)
            #expect(element("Code", in: get.body) == "InvalidArgument")
            #expect(
                (await send("HEAD", url, headers: ["x-amz-server-side-encryption": "AES256"])).status == 400)
            #expect((await send("GET", url)).headers["x-amz-server-side-encryption"] == "aws:kms")
        }
    }
}
