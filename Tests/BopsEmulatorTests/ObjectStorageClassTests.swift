import BopsJobs
import BopsLocalEngine
import Foundation
import Testing

/// PutObject takes the storage classes S3 takes for the bucket, through the AWS CLI: every class
/// S3 documents for a general purpose bucket (REDUCED_REDUNDANCY included), EXPRESS_ONEZONE only
/// in a directory bucket, and 400 InvalidStorageClass for anything else.
@Suite("object storage classes through the AWS CLI", .serialized, .tags(.process))
struct ObjectStorageClassTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var bucket: String
        var storageClass: String
        var accepted: Bool
        var testDescription: String { "\(storageClass) in \(bucket): \(accepted ? "stored" : "refused")" }
    }

    static let general = "classes"

    static let rows: [Row] =
        [
            "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
            "DEEP_ARCHIVE", "GLACIER_IR",
        ].map { Row(bucket: general, storageClass: $0, accepted: true) } + [
            Row(bucket: general, storageClass: "EXPRESS_ONEZONE", accepted: false),
            Row(bucket: general, storageClass: "OUTPOSTS", accepted: false),
            Row(bucket: general, storageClass: "standard", accepted: false),
            Row(bucket: general, storageClass: "COLD", accepted: false),
        ]

    @Test(.enabled(if: AWSCLI.available, "needs the AWS CLI (pip install awscli)"), .timeLimit(.minutes(3)))
    func putObjectTakesTheBucketsClasses() async throws {
        try await withEmulator { _, running in
            let cli = try AWSCLI(endpoint: running.endpoint.url)
            try await cli.json(["s3api", "create-bucket", "--bucket", Self.general])
            let body = try cli.file("8 bytes!")
            for row in Self.rows {
                let key = "k-" + row.storageClass
                let put = [
                    "s3api", "put-object", "--bucket", row.bucket, "--key", key, "--body", body,
                    "--storage-class", row.storageClass,
                ]
                guard row.accepted else {
                    let error = try await cli.failure(put)
                    #expect(error.contains("(InvalidStorageClass)"), "\(row.testDescription): \(error)")
                    continue
                }
                try await cli.json(put)
                let head = try await cli.json(["s3api", "head-object", "--bucket", row.bucket, "--key", key])
                // S3 leaves the header out for STANDARD; the CLI then shows no StorageClass.
                let shown = head["StorageClass"] as? String ?? "STANDARD"
                #expect(shown == row.storageClass, "\(row.testDescription): \(head)")
                let listed = try await cli.json(["s3api", "list-objects-v2", "--bucket", row.bucket])
                let entry = (listed["Contents"] as? [[String: Any]])?.first { $0["Key"] as? String == key }
                #expect(entry?["StorageClass"] as? String == row.storageClass, "\(row.testDescription)")
            }
        }
    }

    /// A directory bucket (the SDKs reach those through S3 Express sessions, so the emulator's store
    /// is asked directly): EXPRESS_ONEZONE only.
    @Test(arguments: [("EXPRESS_ONEZONE", true), ("STANDARD", false), ("REDUCED_REDUNDANCY", false)])
    func aDirectoryBucketTakesOnlyExpressOneZone(_ storageClass: String, _ accepted: Bool) async throws {
        try await withEmulator { server, _ in
            let bucket = "hot--use1-az4--x-s3"
            try server.engine.store.createBucket(bucket)
            var attributes = ObjectAttributes()
            attributes.storageClass = ObjectStorageClass(rawValue: storageClass)
            do {
                let info = try server.engine.store.putObject(
                    bucket: bucket, key: "k", body: Array("8 bytes!".utf8), attributes: attributes)
                #expect(accepted, "\(storageClass) was stored in a directory bucket")
                #expect(info.storageClass.rawValue == storageClass)
            } catch let error as EngineError {
                #expect(!accepted, "\(storageClass): \(error)")
                #expect(error.code == "InvalidStorageClass")
                #expect(error.httpStatus == 400)
            }
        }
    }
}
