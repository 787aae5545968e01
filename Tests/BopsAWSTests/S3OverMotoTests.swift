import BopsAWSModel
import BopsDiagnostics
import BopsJobs
import BopsProject
import BopsTestSupport
import Foundation
import Testing

@testable import BopsAWS

/// The S3 calls over real HTTP against moto's server.
@Suite(.enabled(if: Moto.available, Moto.skipMessage), .tags(.process))
struct S3OverMotoTests {
    @Test func putHeadGetObject() async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let bucket = MotoFixture.uniqueBucket("objects")
        try await moto.createBucket(bucket)
        let body = Array("bucket,key\nsrc,a b/c+d.txt\n".utf8)
        let key = "dir/ü key+plus.csv"
        let put = try await moto.engine.putObject(
            bucket: bucket, key: key, body: body, contentType: "text/csv")
        #expect(put.eTag == "\"\(try md5sum(body))\"")
        let head = try #require(try await moto.engine.headObject(bucket: bucket, key: key, versionId: nil))
        #expect(head.eTag == put.eTag)
        #expect(head.size == Int64(body.count))
        #expect(head.metadata.contentType == "text/csv")
        #expect(try await moto.engine.getObject(bucket: bucket, key: key, versionId: nil) == body)
        #expect(try await moto.engine.headObject(bucket: bucket, key: "nope", versionId: nil) == nil)
        await #expect {
            _ = try await moto.engine.getObject(bucket: bucket, key: "nope", versionId: nil)
        } throws: { ($0 as? EngineError)?.code == EngineError.noSuchKey }
        await #expect {
            _ = try await moto.engine.headObject(bucket: bucket + "-missing", key: "k", versionId: nil)
        } throws: { ($0 as? EngineError)?.code == EngineError.noSuchBucket }
    }

    @Test func stagingAFileUploadsOnceUnderItsContentAddress() async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let bucket = MotoFixture.uniqueBucket("staging")
        try await moto.createBucket(bucket)
        let dir = try TempFolder(prefix: "bops-aws")
        let rows = (0..<60_000).map { "src-bucket,key-\($0).txt" }.joined(separator: "\n") + "\n"
        let file = try dir.write("manifest.csv", rows)
        let first = try await moto.engine.stageFile(
            bucket: bucket, prefix: "bops/manifests/", file: file, suffix: ".csv", contentType: "text/csv")
        #expect(first.uploaded)
        #expect(first.key == "bops/manifests/\(first.digest.sha256Hex).csv")
        #expect(first.digest.length == Int64(rows.utf8.count))
        #expect(first.eTag == "\"\(try md5sum(Array(rows.utf8)))\"")
        let second = try await moto.engine.stageFile(
            bucket: bucket, prefix: "bops/manifests/", file: file, suffix: ".csv", contentType: "text/csv")
        #expect(!second.uploaded)
        #expect(second.key == first.key)
        #expect(
            try await moto.engine.getObject(bucket: bucket, key: first.key, versionId: nil)
                == Array(rows.utf8))
    }

    @Test func listObjectsFollowsContinuationTokens() async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let bucket = MotoFixture.uniqueBucket("listing")
        try await moto.createBucket(bucket)
        let keys = (0..<7).map { "p/k\($0) space+plus" } + ["other/x"]
        for key in keys {
            _ = try await moto.engine.putObject(bucket: bucket, key: key, body: [1], contentType: nil)
        }
        let listed = try await moto.engine.listObjects(bucket: bucket, prefix: "p/", pageSize: 3)
        #expect(listed.map(\.key) == keys.filter { $0.hasPrefix("p/") }.sorted())
        #expect(try await moto.engine.listObjects(bucket: bucket, prefix: nil).count == 8)
    }

    @Test func bucketSettingsVersioningReplicationObjectLock() async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let source = MotoFixture.uniqueBucket("source")
        let plain = MotoFixture.uniqueBucket("plain")
        let locked = MotoFixture.uniqueBucket("locked")
        try await moto.createBucket(source)
        try await moto.createBucket(plain)
        try await moto.createBucket(locked, objectLock: true)
        #expect(try await moto.engine.bucketVersioning(bucket: plain) == nil)
        try await moto.enableVersioning(source)
        #expect(try await moto.engine.bucketVersioning(bucket: source) == .enabled)
        #expect(try await moto.engine.replicationConfiguration(bucket: source) == nil)
        try await moto.enableVersioning(plain)
        try await moto.putReplication(source, destination: plain)
        let replication = try #require(try await moto.engine.replicationConfiguration(bucket: source))
        #expect(replication.role == "arn:aws:iam::123456789012:role/replication")
        #expect(replication.rules.first?.destination.bucket == "arn:aws:s3:::\(plain)")
        #expect(try await moto.engine.objectLockEnabled(bucket: locked))
        #expect(try await !moto.engine.objectLockEnabled(bucket: plain))
        #expect(try await moto.engine.bucketExists(plain))
        #expect(try await !moto.engine.bucketExists(plain + "-missing"))
    }

    @Test func preflightFindsEachProblemOnItsLine() async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let manifests = MotoFixture.uniqueBucket("manifests")
        let source = MotoFixture.uniqueBucket("unversioned")
        let destination = MotoFixture.uniqueBucket("unlocked")
        try await moto.createBucket(manifests)
        try await moto.createBucket(source)
        try await moto.createBucket(destination)
        let put = try await moto.engine.putObject(
            bucket: manifests, key: "m.csv", body: Array("b,k\n".utf8), contentType: nil)
        func place(_ line: Int, _ pointer: String) -> PreflightInput.Place {
            PreflightInput.Place(
                range: SourceRange(
                    file: "specs/job.yaml", start: Mark(line: line, column: 5),
                    end: Mark(line: line, column: 20)),
                pointer: pointer)
        }
        let bad = PreflightInput(
            manifest: .init(
                bucket: manifests, key: "m.csv", eTag: "0123", place: place(7, "/spec/manifest/etag")),
            replicationSource: .init(source, place: place(3, "/spec/operation/source")),
            objectLockDestination: .init(destination, place: place(4, "/spec/operation/bucket")),
            reportBucket: .init(manifests + "-gone", place: place(9, "/spec/report/bucket")))
        let found = await Preflight(objects: moto.engine).check(bad)
        let lines = found.items.compactMap { $0.range?.start.line }
        #expect(lines == [7, 3, 3, 4, 9])
        try #require(found.items.count == 5)
        #expect(found.items[0].summary.contains("pins 0123"))
        #expect(found.items[1].summary.contains("versioning is not enabled"))
        #expect(found.items[2].summary.contains("no replication configuration"))
        #expect(found.items[3].summary.contains("Object Lock is not enabled"))
        #expect(found.items[4].summary.contains("does not exist"))
        #expect(found.items.allSatisfy { $0.severity == .error && $0.hint != nil && $0.pointer != nil })

        let good = PreflightInput(
            manifest: .init(bucket: manifests, key: "m.csv", eTag: put.eTag), reportBucket: .init(manifests))
        #expect(await Preflight(objects: moto.engine).check(good).isEmpty)
        let missing = await Preflight(objects: moto.engine).check(
            PreflightInput(manifest: .init(bucket: manifests, key: "none.csv")))
        #expect(missing.items.map(\.summary) == ["manifest s3://\(manifests)/none.csv does not exist"])
    }
}

/// The MD5 of `bytes` in hex, by coreutils' md5sum (an oracle independent of the engine).
func md5sum(_ bytes: [UInt8]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["md5sum"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(bytes))
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(text.prefix(32))
}
