import BopsAWSModel
import BopsJobs
import BopsTestSupport
import Foundation
import Testing

@testable import BopsEmulator

/// The calls added for SDK helpers, as botocore serialises them (both addressing styles), read by
/// the emulator, and each answer parsed by botocore's parser for that operation.
@Suite(
    .enabled(if: BotocoreOracle.available, Comment(rawValue: BotocoreOracle.unavailableReason)),
    .tags(.process))
struct BotocoreNewCallsTests {
    typealias Call = BotocoreRequestsTests.Call

    @Test(arguments: ["path", "virtual"])
    func multipartCopyDeleteAndListings(_ addressing: String) async throws {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        let server = try EmulatorServer(
            configuration: .init(
                dataDir: dir.path, verifySignatures: false,
                virtualHostSuffixes: ["s3.amazonaws.com", "localhost"]))
        func s3(
            _ operation: String, _ params: [String: Any], body: String? = nil,
            check: @escaping ([String: Any], Answer) -> Void = { _, _ in }
        ) -> Call {
            Call(
                service: "s3", operation: operation, params: params, addressing: addressing, body: body,
                check: check)
        }
        try server.engine.store.createBucket("mpu", versioning: .enabled)
        var uploadId = ""
        _ = try await BotocoreRequestsTests.run(
            [
                s3(
                    "PutObject", ["Bucket": "mpu", "Key": "src/a b.txt", "ContentType": "text/plain"],
                    body: "hello world"),
                s3(
                    "CreateMultipartUpload",
                    ["Bucket": "mpu", "Key": "joined/k", "ChecksumAlgorithm": "CRC32"]
                ) {
                    parsed, _ in
                    uploadId = parsed["UploadId"] as? String ?? ""
                    #expect(parsed["Key"] as? String == "joined/k")
                    #expect(parsed["ChecksumAlgorithm"] as? String == "CRC32")
                },
            ], server: server)
        #expect(!uploadId.isEmpty)
        var partETag = ""
        _ = try await BotocoreRequestsTests.run(
            [
                s3(
                    "UploadPart",
                    ["Bucket": "mpu", "Key": "joined/k", "UploadId": uploadId, "PartNumber": 1],
                    body: "part one"
                ) { parsed, _ in
                    partETag = parsed["ETag"] as? String ?? ""
                    #expect(parsed["ChecksumCRC32"] as? String != nil)
                },
                s3(
                    "UploadPartCopy",
                    [
                        "Bucket": "mpu", "Key": "joined/k", "UploadId": uploadId, "PartNumber": 2,
                        "CopySource": "mpu/src/a b.txt", "CopySourceRange": "bytes=0-4",
                    ]
                ) { parsed, _ in
                    let result = parsed["CopyPartResult"] as? [String: Any]
                    #expect(
                        result?["ETag"] as? String == "\"5d41402abc4b2a76b9719d911017c592\"", "MD5 of 'hello'"
                    )
                },
                s3("ListParts", ["Bucket": "mpu", "Key": "joined/k", "UploadId": uploadId]) { parsed, _ in
                    let parts = parsed["Parts"] as? [[String: Any]] ?? []
                    #expect(parts.compactMap { ($0["PartNumber"] as? NSNumber)?.intValue } == [1, 2])
                    #expect((parts.first?["Size"] as? NSNumber)?.intValue == 8)
                },
                s3("ListMultipartUploads", ["Bucket": "mpu"]) { parsed, _ in
                    let uploads = parsed["Uploads"] as? [[String: Any]] ?? []
                    #expect(uploads.compactMap { $0["UploadId"] as? String } == [uploadId])
                },
            ], server: server)
        _ = try await BotocoreRequestsTests.run(
            [
                s3(
                    "CompleteMultipartUpload",
                    [
                        "Bucket": "mpu", "Key": "joined/k", "UploadId": uploadId,
                        "MultipartUpload": ["Parts": [["PartNumber": 1, "ETag": partETag]]],
                    ]
                ) { parsed, _ in
                    #expect((parsed["ETag"] as? String)?.hasSuffix("-1\"") == true, "\(parsed)")
                    #expect(parsed["VersionId"] as? String != nil)
                },
                s3(
                    "CopyObject",
                    [
                        "Bucket": "mpu", "Key": "copy", "CopySource": "mpu/src/a b.txt",
                        "MetadataDirective": "REPLACE",
                        "ContentType": "text/csv",
                    ]
                ) { parsed, _ in
                    let result = parsed["CopyObjectResult"] as? [String: Any]
                    #expect(
                        result?["ETag"] as? String == "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"",
                        "MD5 of the body")
                    #expect(result?["LastModified"] != nil)
                },
                s3("DeleteObject", ["Bucket": "mpu", "Key": "copy"]) { parsed, _ in
                    #expect(parsed["DeleteMarker"] as? Bool == true)
                },
                s3("ListObjectVersions", ["Bucket": "mpu", "Prefix": "copy"]) { parsed, _ in
                    #expect((parsed["Versions"] as? [[String: Any]])?.count == 1)
                    let markers = parsed["DeleteMarkers"] as? [[String: Any]] ?? []
                    #expect(markers.first?["IsLatest"] as? Bool == true)
                },
                s3("ListObjects", ["Bucket": "mpu", "Delimiter": "/"]) { parsed, _ in
                    let prefixes = (parsed["CommonPrefixes"] as? [[String: Any]])?.compactMap {
                        $0["Prefix"] as? String
                    }
                    #expect(prefixes == ["joined/", "src/"])
                    #expect(parsed["IsTruncated"] as? Bool == false)
                },
                s3(
                    "GetObjectAttributes",
                    [
                        "Bucket": "mpu", "Key": "joined/k",
                        "ObjectAttributes": [
                            "ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize",
                        ],
                    ]
                ) { parsed, _ in
                    #expect((parsed["ETag"] as? String)?.hasSuffix("-1") == true, "\(parsed)")
                    #expect((parsed["ObjectSize"] as? NSNumber)?.intValue == 8)
                    #expect(parsed["StorageClass"] as? String == "STANDARD")
                    let parts = parsed["ObjectParts"] as? [String: Any]
                    #expect((parts?["TotalPartsCount"] as? NSNumber)?.intValue == 1)
                    let checksum = parsed["Checksum"] as? [String: Any]
                    #expect((checksum?["ChecksumCRC32"] as? String)?.hasSuffix("-1") == true)
                    #expect(parsed["VersionId"] as? String != nil)
                },
                s3(
                    "DeleteObjects",
                    ["Bucket": "mpu", "Delete": ["Objects": [["Key": "src/a b.txt"], ["Key": "joined/k"]]]]
                ) { parsed, _ in
                    let deleted = parsed["Deleted"] as? [[String: Any]] ?? []
                    #expect(deleted.compactMap { $0["Key"] as? String } == ["src/a b.txt", "joined/k"])
                    #expect(deleted.allSatisfy { $0["DeleteMarker"] as? Bool == true })
                },
                s3("GetBucketLocation", ["Bucket": "mpu"]),
            ], server: server)
        #expect(try server.engine.store.listObjectVersions(bucket: "mpu").allSatisfy { !$0.isLatest })
    }
}
