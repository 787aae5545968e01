import BopsEncoding
import BopsJobs
import FoundationEssentials

/// `S3ComputeObjectChecksum`: computes a checksum of each object's data at rest (any storage
/// class, archived objects included, without a restore) and changes nothing.
///
/// The value goes into the completion report: a succeeded task's `ResultMessage` is a JSON object
/// `{"checksum_base64": ..., "checksum_hex": ..., "checksumAlgorithm": ..., "checksumType": ...,
/// "etag": ...}` (a COMPOSITE value of an object uploaded in parts keeps S3's `-<parts>` suffix in
/// `checksum_base64`; `checksum_hex` is the digest without it). Objects encrypted with SSE-C fail
/// with 400 `InvalidRequest`, as S3 does.
struct ChecksumExecutor: TaskExecutor {
    let store: LocalStore
    let algorithm: S3ChecksumAlgorithm
    let type: S3ComputeObjectChecksumType

    func execute(_ row: TaskRow) -> TaskResult {
        do {
            let version = try store.lookup(
                bucket: row.bucket, key: row.key, versionId: row.versionId, refresh: false)
            if version.info.serverSideEncryption?.isCustomerProvided == true {
                throw taskError(
                    "InvalidRequest",
                    "The Compute checksum operation does not support objects encrypted with SSE-C", 400)
            }
            let body = try store.readBlob(row.bucket, version)
            let checksum = Checksums.compute(algorithm, type: type, body, partSizes: version.info.partSizes)
            return .success([], message: Self.message(checksum, type: type, eTag: version.info.eTag))
        } catch {
            return .failure(error)
        }
    }

    static func message(_ checksum: ObjectChecksum, type: S3ComputeObjectChecksumType, eTag: String) -> String
    {
        let base64 = checksum.value.split(separator: "-").first.map(String.init) ?? checksum.value
        let hex = Hex.encode(Data(base64Encoded: base64) ?? Data())
        let fields: [(String, String)] = [
            ("checksum_base64", checksum.value), ("checksum_hex", hex),
            ("checksumAlgorithm", checksum.algorithm.rawValue), ("checksumType", type.rawValue),
            ("etag", eTag.trimmingQuotes()),
        ]
        return "{" + fields.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
    }
}
