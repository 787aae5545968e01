/// gzip (RFC 1952) decompression, for S3 inventory data files (`*.csv.gz`).
public enum Gzip {
    /// Why a gzip stream was refused.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Decompresses every member of a gzip stream (concatenated members are joined), checking
    /// each member's CRC-32 and length.
    public static func decompress(_ data: [UInt8]) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        var position = 0
        try data.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(Failure) in
            repeat {
                position = try member(p, at: position, into: &out)
            } while position < p.count
        }
        return out
    }

    private static func member(
        _ p: UnsafeBufferPointer<UInt8>, at start: Int, into out: inout [UInt8]
    ) throws(Failure) -> Int {
        var i = start
        guard p.count - i >= 18 else { throw Failure(description: "gzip data is truncated") }
        guard p[i] == 0x1F, p[i + 1] == 0x8B else { throw Failure(description: "not gzip data (bad magic number)") }
        guard p[i + 2] == 8 else { throw Failure(description: "unsupported gzip compression method \(p[i + 2])") }
        let flags = p[i + 3]
        guard flags & 0xE0 == 0 else { throw Failure(description: "reserved gzip header flags are set") }
        i += 10
        if flags & 0x04 != 0 {
            guard i + 2 <= p.count else { throw Failure(description: "gzip data is truncated") }
            i += 2 + (Int(p[i]) | Int(p[i + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
            while i < p.count && p[i] != 0 { i += 1 }
            i += 1
        }
        if flags & 0x02 != 0 { i += 2 }
        guard i <= p.count else { throw Failure(description: "gzip data is truncated") }
        var inflate = Inflate(p, at: i)
        do {
            try inflate.run()
        } catch {
            throw Failure(description: "corrupt gzip data: \(error.description)")
        }
        i = inflate.endPosition
        guard i + 8 <= p.count else { throw Failure(description: "gzip data is truncated (no trailer)") }
        let crc = UInt32(p[i]) | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2]) << 16 | UInt32(p[i + 3]) << 24
        let size = UInt32(p[i + 4]) | UInt32(p[i + 5]) << 8 | UInt32(p[i + 6]) << 16 | UInt32(p[i + 7]) << 24
        guard CRC32.checksum(inflate.output) == crc else { throw Failure(description: "gzip CRC-32 mismatch") }
        guard UInt32(truncatingIfNeeded: inflate.output.count) == size else {
            throw Failure(description: "gzip length mismatch")
        }
        out.append(contentsOf: inflate.output)
        return i + 8
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as gzip uses it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }
}
