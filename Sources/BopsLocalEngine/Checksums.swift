import BopsJobs
import BopsPrimitives
import Crypto
import Foundation

/// The additional checksums S3 records, as S3 reports them: base64 of the big-endian digest.
enum Checksums {
    /// Throws `InvalidRequest` (HTTP 400) for the XXHASH family, which the local engine does not compute.
    static func compute(_ algorithm: S3ChecksumAlgorithm, _ body: [UInt8]) throws -> ObjectChecksum {
        let digest: [UInt8]
        switch algorithm {
        case .crc32: digest = bigEndian(UInt64(CRC32.checksum(body)), bytes: 4)
        case .crc32c: digest = bigEndian(UInt64(crc32(body, table: crc32cTable)), bytes: 4)
        case .crc64nvme: digest = bigEndian(crc64(body), bytes: 8)
        case .sha1: digest = Array(Insecure.SHA1.hash(data: body))
        case .sha256: digest = Array(SHA256.hash(data: body))
        case .sha512: digest = Array(SHA512.hash(data: body))
        case .md5: digest = Array(Insecure.MD5.hash(data: body))
        case .xxhash64, .xxhash3, .xxhash128:
            throw EngineError(
                code: "InvalidRequest",
                message: "The local engine does not compute \(algorithm.rawValue) checksums", httpStatus: 400)
        }
        return ObjectChecksum(algorithm: algorithm, value: Data(digest).base64EncodedString())
    }

    static func bigEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }

    /// CRC-32C (Castagnoli); plain CRC-32 comes from zlib (``CRC32``).
    static let crc32cTable = makeTable32(0x82F6_3B78)
    static let crc64Table: [UInt64] = (0..<256).map { i in
        var c = UInt64(i)
        for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0x9A6C_9329_AC4B_C9B5 : c >> 1 }
        return c
    }

    static func makeTable32(_ poly: UInt32) -> [UInt32] {
        (0..<256).map { i in
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ poly : c >> 1 }
            return c
        }
    }

    /// CRC-32 (reflected, initial and final value all ones) with the given table.
    static func crc32(_ bytes: [UInt8], table: [UInt32]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// CRC-64/NVME.
    static func crc64(_ bytes: [UInt8]) -> UInt64 {
        var c: UInt64 = ~0
        for b in bytes { c = crc64Table[Int((c ^ UInt64(b)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }
}

/// Content types by file extension, for seeding a bucket from a folder.
enum ContentTypes {
    static let byExtension: [String: String] = [
        "txt": "text/plain", "csv": "text/csv", "json": "application/json", "html": "text/html",
        "htm": "text/html", "css": "text/css", "js": "text/javascript", "xml": "application/xml",
        "yaml": "application/yaml", "yml": "application/yaml", "md": "text/markdown", "png": "image/png",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml",
        "pdf": "application/pdf", "gz": "application/gzip", "zip": "application/zip", "log": "text/plain",
        "parquet": "application/vnd.apache.parquet",
    ]

    static func guess(_ key: String) -> String {
        guard let dot = key.lastIndex(of: "."), !key[dot...].contains("/") else {
            return "binary/octet-stream"
        }
        return byExtension[key[key.index(after: dot)...].lowercased()] ?? "binary/octet-stream"
    }
}
