import BopsEmulator
import Foundation
import Testing

/// PutObject's integrity headers: `Content-MD5` and `x-amz-checksum-*` checked and stored, and the
/// checksum returned only with `x-amz-checksum-mode: ENABLED`.
@Suite("emulator upload integrity", .tags(.process))
struct UploadIntegrityTests {
    static func unsigned(_ c: inout EmulatorServer.Configuration) { c.verifySignatures = false }

    /// The standard check values of each algorithm for the body `123456789` (CRC catalogue,
    /// FIPS 180 test vectors), as big-endian hex.
    static let checkValues: [(algorithm: String, hex: String)] = [
        ("crc32", "cbf43926"),
        ("crc32c", "e3069283"),
        ("crc64nvme", "ae8b14860a799888"),
        ("sha1", "f7c3bc1d808e04732adf679965ccc34ca7ae3441"),
        ("sha256", "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225"),
    ]

    static func base64(hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString()
    }

    @Test(arguments: checkValues.map(\.algorithm))
    func checksumIsVerifiedStoredAndReturnedOnRequest(_ algorithm: String) async throws {
        let hex = try #require(Self.checkValues.first { $0.algorithm == algorithm }?.hex)
        let value = Self.base64(hex: hex)
        let header = "x-amz-checksum-" + algorithm
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            let url = running.endpoint.url + "/bkt/k"
            let put = await send("PUT", url, body: "123456789", headers: [header: value])
            #expect(put.status == 200, "\(put.body)")
            #expect(put.headers[header] == value)
            #expect((await send("HEAD", url)).headers[header] == nil, "not without checksum mode")
            let head = await send("HEAD", url, headers: ["x-amz-checksum-mode": "ENABLED"])
            #expect(head.headers[header] == value)
            #expect(head.headers["x-amz-checksum-type"] == "FULL_OBJECT")
            let get = await send("GET", url, headers: ["x-amz-checksum-mode": "ENABLED"])
            #expect(get.headers[header] == value)
            let ranged = await send(
                "GET", url, headers: ["x-amz-checksum-mode": "ENABLED", "Range": "bytes=0-1"])
            #expect(ranged.headers[header] == nil, "a part of the object has not the object's checksum")

            let wrong = await send(
                "PUT", running.endpoint.url + "/bkt/bad", body: "12345678X", headers: [header: value])
            #expect(wrong.status == 400)
            #expect(element("Code", in: wrong.body) == "BadDigest")
            #expect(
                element("Message", in: wrong.body)
                    == "The \(algorithm.uppercased()) you specified did not match the calculated checksum.")
            let malformed = await send(
                "PUT", running.endpoint.url + "/bkt/bad", body: "x", headers: [header: "@@"])
            #expect(malformed.status == 400)
            #expect(element("Code", in: malformed.body) == "InvalidRequest")
            #expect(
                (await send("GET", running.endpoint.url + "/bkt/bad")).status == 404,
                "refused uploads store nothing")
        }
    }

    @Test func contentMD5IsChecked() async throws {
        try await withEmulator(Self.unsigned) { server, running in
            try server.engine.store.createBucket("bkt")
            let url = running.endpoint.url + "/bkt/k"
            // MD5("hello") = 5d41402abc4b2a76b9719d911017c592
            let right = Self.base64(hex: "5d41402abc4b2a76b9719d911017c592")
            #expect((await send("PUT", url, body: "hello", headers: ["Content-MD5": right])).status == 200)
            let mismatch = await send("PUT", url, body: "hellO", headers: ["Content-MD5": right])
            #expect(mismatch.status == 400)
            #expect(element("Code", in: mismatch.body) == "BadDigest")
            let malformed = await send("PUT", url, body: "hello", headers: ["Content-MD5": "not-an-md5"])
            #expect(malformed.status == 400)
            #expect(element("Code", in: malformed.body) == "InvalidDigest")
            let twoChecksums = await send(
                "PUT", url, body: "123456789",
                headers: [
                    "x-amz-checksum-crc32": Self.base64(hex: "cbf43926"),
                    "x-amz-checksum-crc32c": Self.base64(hex: "e3069283"),
                ])
            #expect(twoChecksums.status == 400)
            #expect((await send("GET", url)).body == "hello", "refused uploads change nothing")
        }
    }
}
