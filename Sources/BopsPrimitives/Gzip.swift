/// Why a gzip stream was refused, in words fit for a diagnostic.
public struct GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}

/// gzip (RFC 1952) through the system zlib: S3 inventory data files (`*.csv.gz`) and the
/// manifests the local engine generates.
public enum Gzip {
    /// Decompresses every member of a gzip stream (concatenated members are joined), checking each
    /// member's CRC-32 and length. Throws for data that is not gzip, damaged or truncated.
    public static func decompress(_ data: [UInt8]) throws(GzipError) -> [UInt8] {
        try ZlibStream(.inflate).inflateAll(data)
    }

    /// One gzip member of `data`, DEFLATE-compressed at `level` (0 stored ... 9 smallest); the
    /// header carries no file name and no time, so equal input gives equal output. Throws only
    /// when zlib cannot allocate its state or `level` is outside 0...9.
    public static func compress(_ data: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        try ZlibStream(.deflate(level: level)).deflateAll(data)
    }
}
