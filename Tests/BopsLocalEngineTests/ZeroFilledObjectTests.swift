import BopsEncoding
import BopsJobs
import Crypto
import Foundation
import Testing

@testable import BopsLocalEngine

/// Objects put with a size and no bytes (`bops local put --size`): no data file, S3's ETag for the
/// zeros, reads of zeros, and Copy's 5 GiB limit.
@Suite struct ZeroFilledObjectTests {
    static let sixGiB: Int64 = 6_442_450_944
    static let report = JobReport(
        bucket: "arn:aws:s3:::reports", enabled: true, prefix: "r", reportScope: .allTasks)

    /// Regular files under `path`, recursively.
    static func files(under path: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: path)
        return (walker?.allObjects as? [String] ?? []).filter { relative in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
    }

    @Test func aSixGiBObjectIsOneRecordWithS3sETag() throws {
        let f = try Fixture()
        try f.store.createBucket("big")
        let info = try f.store.putZeroFilledObject(
            bucket: "big", key: "huge.bin", size: Self.sixGiB, attributes: ObjectAttributes())
        #expect(info.size == Self.sixGiB)
        // md5sum of `head -c 6442450944 /dev/zero`.
        #expect(info.eTag == "\"58cf638a733f919007b4287cf5396d0c\"")
        #expect(try f.store.objectInfo(bucket: "big", key: "huge.bin") == info)
        #expect(try f.store.isZeroFilled(bucket: "big", key: "huge.bin", versionId: nil))
        #expect(Self.files(under: f.store.bucketPath("big") + "/data").isEmpty)
        #expect(FileIO.size(f.store.logPath("big")) < 4096)
        let last = Self.sixGiB - 1
        let tail = try f.store.readObject(
            bucket: "big", key: "huge.bin", versionId: nil, range: (last - 9)...last)
        #expect(tail.body == [UInt8](repeating: 0, count: 10))
    }

    @Test func streamedMD5IsTheMD5OfTheZeros() throws {
        for count in [0, 1, ZeroFill.chunk - 1, ZeroFill.chunk, 3 * ZeroFill.chunk + 5] {
            let zeros = [UInt8](repeating: 0, count: count)
            #expect(ZeroFill.streamedMD5(count: Int64(count)) == Array(Insecure.MD5.hash(data: zeros)))
            #expect(ZeroFill.eTag(size: Int64(count), partSizes: nil) == LocalStore.eTag(zeros))
        }
        let zeros = [UInt8](repeating: 0, count: 2500)
        let parts = try #require(LocalStore.partSizes(2500, partSize: 1000))
        #expect(
            ZeroFill.eTag(size: 2500, partSizes: parts) == LocalStore.multipartETag(zeros, partSizes: parts))
    }

    @Test func theKnownDigestsDecodeToTheirHex() {
        for (size, hex) in ZeroFill.knownMD5 { #expect(Hex.encode(ZeroFill.md5(count: size)) == hex) }
    }

    @Test func aWholeReadAndRangesAreZeros() throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        _ = try f.store.putZeroFilledObject(
            bucket: "src", key: "z", size: 1000, attributes: ObjectAttributes())
        #expect(try f.store.readObject(bucket: "src", key: "z").body == [UInt8](repeating: 0, count: 1000))
        let range = try f.store.readObject(bucket: "src", key: "z", versionId: nil, range: 990...1999)
        #expect(range.body == [UInt8](repeating: 0, count: 10))
    }

    @Test func copyRefusesASourceOver5GiBWithS3sError() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        for (key, size) in [
            ("six", Self.sixGiB), ("over", CopySourceLimit.maxSize + 1), ("five", CopySourceLimit.maxSize),
        ] {
            _ = try f.store.putZeroFilledObject(
                bucket: "src", key: key, size: size, attributes: ObjectAttributes())
        }
        let m = try await f.csvManifest(["src,six", "src,over", "src,five"])
        let job = try await f.run(f.request(copyOp(), manifest: m, report: Self.report))
        #expect(job.progressSummary?.numberOfTasksFailed == 2)
        #expect(job.progressSummary?.numberOfTasksSucceeded == 1)
        let rows = try f.report(jobId: job.jobId).rows
        let failed = rows["failed"] ?? []
        #expect(Set(failed.map { $0[1] }) == ["six", "over"])
        for row in failed {
            #expect(row[4] == "400")
            #expect(row[5] == "InvalidRequest")
            #expect(
                row[6]
                    == "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120"
            )
        }
        #expect(rows["succeeded"]?.map { $0[1] } == ["five"])
        let copy = try f.store.objectInfo(bucket: "dest", key: "five")
        #expect(copy.size == CopySourceLimit.maxSize)
        #expect(copy.eTag == "\"ec4bcc8776ea04479b786e063a9ace45\"")
        #expect(try f.store.isZeroFilled(bucket: "dest", key: "five", versionId: nil))
        #expect(Self.files(under: f.store.bucketPath("dest") + "/data").isEmpty)
        #expect(try f.store.listObjectVersions(bucket: "dest").map(\.key) == ["five"])
    }

    @Test func computeChecksumReadsZerosAndTaggingKeepsTheObjectSizeOnly() async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        let size = 3 * 1024 + 7
        _ = try f.store.putZeroFilledObject(
            bucket: "src", key: "z", size: Int64(size), attributes: ObjectAttributes())
        let m = try await f.csvManifest(["src,z"])
        let op = S3ComputeObjectChecksumOperation(checksumAlgorithm: .sha256, checksumType: .fullObject)
        let job = try await f.run(f.request(.s3ComputeObjectChecksum(op), manifest: m, report: Self.report))
        let row = try #require(f.report(jobId: job.jobId).rows["succeeded"]?.first)
        let message = try #require(JSONSerialization.jsonObject(with: Data(row[6].utf8)) as? [String: String])
        let zeros = [UInt8](repeating: 0, count: size)
        #expect(message["checksum_base64"] == Data(SHA256.hash(data: zeros)).base64EncodedString())
        let tag = S3SetObjectTaggingOperation(tagSet: [S3Tag(key: "tier", value: "cold")])
        let tagged = try await f.run(f.request(.s3PutObjectTagging(tag), manifest: m))
        #expect(tagged.progressSummary?.numberOfTasksSucceeded == 1)
        let info = try f.store.objectInfo(bucket: "src", key: "z")
        #expect(info.tags == [S3Tag(key: "tier", value: "cold")] && info.size == Int64(size))
        #expect(try f.store.isZeroFilled(bucket: "src", key: "z", versionId: nil))
    }
}
