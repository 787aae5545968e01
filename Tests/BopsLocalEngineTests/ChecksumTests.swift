import BopsJobs
import BopsTestSupport
import Foundation
import Testing

@testable import BopsLocalEngine

/// Every checksum algorithm against independent implementations from PyPI: zlib and hashlib (the
/// standard library), `crc32c`, `crc` (CRC-64/NVME by its published parameters) and `xxhash`.
@Suite(.enabled(if: PythonChecksums.available, PythonChecksums.reason), .tags(.process))
struct ChecksumTests {
    static let inputs: [[UInt8]] = [
        [], Array("123456789".utf8), Array("The quick brown fox jumps over the lazy dog".utf8),
        (0..<4099).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) },
    ]

    @Test(arguments: S3ChecksumAlgorithm.allCases)
    func fullObjectMatchesPython(_ algorithm: S3ChecksumAlgorithm) throws {
        let expected = try PythonChecksums.values(algorithm, inputs: Self.inputs)
        for (input, value) in zip(Self.inputs, expected) {
            #expect(Checksums.compute(algorithm, input).value == value, "\(input.count) bytes")
        }
    }

    @Test(arguments: S3ChecksumAlgorithm.allCases)
    func compositeIsTheChecksumOfPartChecksums(_ algorithm: S3ChecksumAlgorithm) throws {
        let body = Self.inputs[3]
        let parts = try #require(LocalStore.partSizes(Int64(body.count), partSize: 1024))
        #expect(parts == [1024, 1024, 1024, 1024, 3])
        var joined: [UInt8] = []
        var start = 0
        for size in parts {
            joined += Checksums.digest(algorithm, Array(body[start..<start + Int(size)]))
            start += Int(size)
        }
        let composite = Checksums.compute(algorithm, type: .composite, body, partSizes: parts)
        let outer = try PythonChecksums.values(algorithm, inputs: [joined])[0]
        #expect(composite.value == outer + "-5")
        let single = Checksums.compute(algorithm, type: .composite, body, partSizes: nil)
        #expect(single == Checksums.compute(algorithm, body))
        #expect(Checksums.compute(algorithm, type: .fullObject, body, partSizes: parts) == single)
    }

    @Test func knownCheckValues() {
        let check = Array("123456789".utf8)
        #expect(Checksums.crc32c(check) == 0xE306_9283)
        #expect(Checksums.crc64nvme(check) == 0xAE8B_1486_0A79_9888)
    }

    @Test func computeChecksumJobWritesTheValueIntoTheReport() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        let body = Self.inputs[3]
        var a = ObjectAttributes()
        a.partSize = 1024
        let info = try f.store.putObject(bucket: "src", key: "parts", body: body, attributes: a)
        #expect(info.eTag.hasSuffix("-5\""))
        _ = try f.store.putObject(bucket: "src", key: "single", body: body, attributes: ObjectAttributes())
        let m = try await f.csvManifest(["src,parts", "src,single"])
        let report = JobReport(
            bucket: "arn:aws:s3:::reports", format: .csv20180820, enabled: true, prefix: "r",
            reportScope: .allTasks)
        let op = S3ComputeObjectChecksumOperation(checksumAlgorithm: .sha256, checksumType: .composite)
        let job = try await f.run(f.request(.s3ComputeObjectChecksum(op), manifest: m, report: report))
        let (_, rows) = try f.report(jobId: job.jobId)
        let messages = try (rows["succeeded"] ?? []).map { row in
            try #require(JSONSerialization.jsonObject(with: Data(row[6].utf8)) as? [String: String])
        }
        #expect(messages.count == 2)
        let whole = try PythonChecksums.values(.sha256, inputs: [body])[0]
        #expect(messages[1]["checksum_base64"] == whole)
        #expect(messages[1]["checksumType"] == "COMPOSITE" && messages[1]["checksumAlgorithm"] == "SHA256")
        #expect(messages[0]["checksum_base64"]?.hasSuffix("-5") == true)
        #expect(messages[0]["etag"] == info.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        let hex = Data(base64Encoded: whole)!.map { String(format: "%02x", $0) }.joined()
        #expect(messages[1]["checksum_hex"] == hex)
    }
}

/// The PyPI implementations, run by python3: base64 of each big-endian digest.
enum PythonChecksums {
    static let script = """
        import base64, hashlib, json, sys, zlib
        import crc, crc32c, xxhash
        nvme = crc.Calculator(crc.Configuration(width=64, polynomial=0xad93d23594c93659,
            init_value=0xffffffffffffffff, final_xor_value=0xffffffffffffffff,
            reverse_input=True, reverse_output=True))
        algorithms = {
            "CRC32": lambda b: zlib.crc32(b).to_bytes(4, "big"),
            "CRC32C": lambda b: crc32c.crc32c(b).to_bytes(4, "big"),
            "CRC64NVME": lambda b: nvme.checksum(b).to_bytes(8, "big"),
            "MD5": lambda b: hashlib.md5(b).digest(),
            "SHA1": lambda b: hashlib.sha1(b).digest(),
            "SHA256": lambda b: hashlib.sha256(b).digest(),
            "SHA512": lambda b: hashlib.sha512(b).digest(),
            "XXHASH64": lambda b: xxhash.xxh64(b).digest(),
            "XXHASH3": lambda b: xxhash.xxh3_64(b).digest(),
            "XXHASH128": lambda b: xxhash.xxh3_128(b).digest(),
        }
        request = json.load(sys.stdin)
        f = algorithms[request["algorithm"]]
        print(json.dumps([base64.b64encode(f(base64.b64decode(i))).decode() for i in request["inputs"]]))
        """

    static let availability: (Bool, String) = {
        guard let run = try? BotocoreOracle.run(["-c", "import crc, crc32c, xxhash"]), run.status == 0 else {
            return (false, "checksum oracle tests skipped: pip install crc crc32c xxhash")
        }
        return (true, "")
    }()

    static var available: Bool { availability.0 }
    static var reason: Comment { Comment(rawValue: availability.1) }

    static func values(_ algorithm: S3ChecksumAlgorithm, inputs: [[UInt8]]) throws -> [String] {
        let request: [String: Any] = [
            "algorithm": algorithm.rawValue, "inputs": inputs.map { Data($0).base64EncodedString() },
        ]
        let run = try BotocoreOracle.run(
            ["-c", script], input: try JSONSerialization.data(withJSONObject: request))
        guard run.status == 0 else { throw BotocoreOracle.Failure(run.stderr) }
        return try JSONDecoder().decode([String].self, from: run.stdout)
    }
}
