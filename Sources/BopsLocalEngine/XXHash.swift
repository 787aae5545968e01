internal import CXXHash

/// The xxHash family over libxxhash (the one user of `CXXHash`): digests in xxHash's canonical,
/// big-endian byte order, as S3 encodes checksum values.
enum XXHash {
    /// XXH64 with seed 0: 8 bytes.
    static func xxh64(_ bytes: [UInt8]) -> [UInt8] {
        let value = bytes.withUnsafeBytes { XXH64($0.baseAddress, $0.count, 0) }
        return bigEndian(value)
    }

    /// XXH3 (64-bit) with the default secret and seed 0: 8 bytes.
    static func xxh3(_ bytes: [UInt8]) -> [UInt8] {
        let value = bytes.withUnsafeBytes { XXH3_64bits($0.baseAddress, $0.count) }
        return bigEndian(value)
    }

    /// XXH3 128-bit with seed 0: 16 bytes, the high half first.
    static func xxh128(_ bytes: [UInt8]) -> [UInt8] {
        let value = bytes.withUnsafeBytes { XXH3_128bits($0.baseAddress, $0.count) }
        return bigEndian(value.high64) + bigEndian(value.low64)
    }

    private static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }
}
