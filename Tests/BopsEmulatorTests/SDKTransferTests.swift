import BopsEmulator
import BopsTestSupport
import Foundation
import Testing

/// What SDK users run against the emulator: boto3's managed transfers and helpers
/// (`python/s3_sdk.py`), and the AWS CLI's `s3 cp`, `sync`, `ls` and `rm --recursive`.
@Suite("emulator under SDK transfers", .serialized, .tags(.process))
struct SDKTransferTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("python/s3_sdk.py").path

    @Test(.enabled(if: Python.hasBoto3, "boto3 is not installed: pip install boto3"), .timeLimit(.minutes(5)))
    func boto3TransfersAndHelpers() async throws {
        let work = try TempFolder(prefix: "bops-sdk")
        try await withEmulator { _, running in
            let result = try await Task.detached {
                try Python.run(
                    "/usr/bin/env", ["python3", Self.script],
                    environment: EmulatorTestKey.sdkEnvironment(
                        running, ["BOPS_WORK_DIR": work.path, "BOPS_SIZES_MIB": "20,100"]))
            }.value
            #expect(result.status == 0, "s3_sdk.py failed (exit \(result.status)):\n\(result.output)")
            #expect(result.output.contains("OK:"), "\(result.output)")
            #expect(result.output.contains("FIGURE: 100 MiB"), "\(result.output)")
        }
    }

    @Test(
        .enabled(if: AWSCLI.available, "the AWS CLI is not installed: pip install awscli"),
        .timeLimit(.minutes(5)))
    func awsCLIRoundTrips() async throws {
        let work = try TempFolder(prefix: "bops-cli")
        try await withEmulator { server, running in
            try server.engine.store.createBucket("cli")
            let cli = try AWSCLI(endpoint: running.endpoint.url)
            func ok(_ arguments: [String]) async throws {
                let (status, output) = try await cli.run(arguments)
                #expect(status == 0, "aws \(arguments.joined(separator: " ")): \(output)")
            }
            var big = [UInt8](repeating: 0, count: 20 << 20)
            for i in big.indices { big[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
            let source = work.file("big.bin")
            try Data(big).write(to: URL(fileURLWithPath: source))
            try await ok(["s3", "cp", source, "s3://cli/big.bin"])
            let stored = try server.engine.store.objectInfo(bucket: "cli", key: "big.bin")
            #expect(stored.eTag.hasSuffix("-3\""), "a multipart upload of 3 parts: \(stored.eTag)")
            let copy = work.file("copy.bin")
            try await ok(["s3", "cp", "s3://cli/big.bin", copy])
            #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(big), "cp round trip")

            for name in ["a.txt", "sub/b.txt", "sub/deeper/c.txt"] {
                try work.write("tree/" + name, "file " + name)
            }
            try await ok(["s3", "sync", work.file("tree"), "s3://cli/tree"])
            let listed = try await cli.run(["s3", "ls", "--recursive", "s3://cli/tree/"])
            #expect(listed.status == 0)
            for name in ["a.txt", "sub/b.txt", "sub/deeper/c.txt"] {
                #expect(listed.output.contains("tree/" + name), "\(listed.output)")
            }
            let again = try await cli.run(["s3", "sync", work.file("tree"), "s3://cli/tree"])
            #expect(again.status == 0 && !again.output.contains("upload:"), "a second sync uploads nothing")
            try await ok(["s3", "sync", "s3://cli/tree", work.file("back")])
            #expect(work.read("back/sub/deeper/c.txt") == "file sub/deeper/c.txt")
            try await ok(["s3", "rm", "--recursive", "s3://cli/tree"])
            #expect(try server.engine.store.listObjectVersions(bucket: "cli", prefix: "tree/").isEmpty)
            #expect(try server.engine.store.listObjectVersions(bucket: "cli").map(\.key) == ["big.bin"])
        }
    }
}
