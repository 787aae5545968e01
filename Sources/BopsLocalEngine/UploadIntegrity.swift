public import BopsJobs
import Crypto
import FoundationEssentials

/// S3's checks of an upload's integrity headers, with S3's errors (all HTTP 400):
/// `InvalidDigest` for a `Content-MD5` that is not base64 of 16 bytes, `BadDigest` when it or an
/// `x-amz-checksum-<algorithm>` value differs from the body, `InvalidRequest` for a checksum value
/// of the wrong form or for more than one checksum header.
public enum UploadIntegrity {
    /// Checks `body` against `contentMD5` (base64) and `checksums`; returns the checksum to store
    /// (the one sent, verified), `nil` when none was sent.
    public static func verify(
        _ body: [UInt8], contentMD5: String?, checksums: [ObjectChecksum]
    ) throws -> ObjectChecksum? {
        if let contentMD5 {
            guard let digest = Data(base64Encoded: contentMD5), digest.count == 16 else {
                throw EngineError(
                    code: "InvalidDigest", message: "The Content-MD5 you specified was invalid.",
                    httpStatus: 400)
            }
            guard Array(digest) == Array(Insecure.MD5.hash(data: body)) else {
                throw EngineError(
                    code: "BadDigest",
                    message: "The Content-MD5 you specified did not match what we received.",
                    httpStatus: 400)
            }
        }
        guard let checksum = checksums.first else { return nil }
        guard checksums.count == 1 else {
            throw EngineError(
                code: "InvalidRequest",
                message:
                    "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                httpStatus: 400)
        }
        let expected = Checksums.digest(checksum.algorithm, body)
        guard let sent = Data(base64Encoded: checksum.value), sent.count == expected.count else {
            throw EngineError(
                code: "InvalidRequest",
                message:
                    "Value for x-amz-checksum-\(checksum.algorithm.rawValue.lowercased()) header is invalid.",
                httpStatus: 400)
        }
        guard Array(sent) == expected else {
            throw EngineError(
                code: "BadDigest",
                message:
                    "The \(checksum.algorithm.rawValue) you specified did not match the calculated checksum.",
                httpStatus: 400)
        }
        return checksum
    }

    /// The base64 MD5 of the bytes `base64` encodes and their count (an SSE-C key and the
    /// `-customer-key-MD5` it must have); `nil` when `base64` is not base64.
    public static func md5OfBase64(_ base64: String) -> (md5: String, byteCount: Int)? {
        guard let bytes = Data(base64Encoded: base64) else { return nil }
        return (Data(Insecure.MD5.hash(data: bytes)).base64EncodedString(), bytes.count)
    }
}
