import BopsJobs
import BopsPrimitives
import Crypto
import FoundationEssentials

/// The additional checksums S3 records and Compute checksum reports, as S3 encodes them: base64
/// of the big-endian digest.
///
/// Libraries do the hashing (swift-crypto: MD5, SHA-1, SHA-256, SHA-512; zlib: CRC32; libxxhash:
/// XXHASH64, XXHASH3, XXHASH128); CRC32C and CRC64NVME are table-driven here.
enum Checksums {
    /// The full-object checksum of `body`.
    static func compute(_ algorithm: S3ChecksumAlgorithm, _ body: [UInt8]) -> ObjectChecksum {
        ObjectChecksum(algorithm: algorithm, value: Data(digest(algorithm, body)).base64EncodedString())
    }

    /// The checksum of `body` as Compute checksum gives it.
    ///
    /// `FULL_OBJECT` is the digest of the whole object. `COMPOSITE` is S3's checksum of checksums for
    /// an object uploaded in parts: the digest of the concatenated part digests, then `-<parts>`.
    /// An object uploaded in one request has a single part that is the object itself, so S3 reports
    /// the plain full-object value for it (no `-1` suffix); this engine does the same.
    static func compute(
        _ algorithm: S3ChecksumAlgorithm, type: S3ComputeObjectChecksumType, _ body: [UInt8],
        partSizes: [Int64]?
    ) -> ObjectChecksum {
        guard type == .composite, let partSizes, partSizes.count > 1 else { return compute(algorithm, body) }
        var joined: [UInt8] = []
        var start = 0
        for size in partSizes {
            let end = min(body.count, start + Int(size))
            joined += digest(algorithm, Array(body[start..<end]))
            start = end
        }
        let value = Data(digest(algorithm, joined)).base64EncodedString() + "-\(partSizes.count)"
        return ObjectChecksum(algorithm: algorithm, value: value)
    }

    /// The big-endian digest bytes.
    static func digest(_ algorithm: S3ChecksumAlgorithm, _ body: [UInt8]) -> [UInt8] {
        switch algorithm {
        case .crc32: bigEndian(UInt64(CRC32.checksum(body)), bytes: 4)
        case .crc32c: bigEndian(UInt64(crc32c(body)), bytes: 4)
        case .crc64nvme: bigEndian(crc64nvme(body), bytes: 8)
        case .sha1: Array(Insecure.SHA1.hash(data: body))
        case .sha256: Array(SHA256.hash(data: body))
        case .sha512: Array(SHA512.hash(data: body))
        case .md5: Array(Insecure.MD5.hash(data: body))
        case .xxhash64: XXHash.xxh64(body)
        case .xxhash3: XXHash.xxh3(body)
        case .xxhash128: XXHash.xxh128(body)
        }
    }

    static func bigEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }

    /// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78).
    static let crc32cTable: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }

    /// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5).
    static let crc64Table: [UInt64] = (0..<256).map { i in
        var c = UInt64(i)
        for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0x9A6C_9329_AC4B_C9B5 : c >> 1 }
        return c
    }

    /// CRC-32C: initial and final value all ones.
    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crc32cTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// CRC-64/NVME: initial and final value all ones.
    static func crc64nvme(_ bytes: [UInt8]) -> UInt64 {
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
