import BopsManifest

extension Gzip {
    /// gzip (RFC 1952) of `data` in stored (uncompressed) DEFLATE blocks: valid gzip that every
    /// reader accepts, which is all the engine needs for the manifests it generates.
    static func compressStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]
        var i = 0
        repeat {
            let n = min(65535, data.count - i)
            out.append(i + n == data.count ? 1 : 0)
            out += [UInt8(n & 0xff), UInt8(n >> 8), UInt8(~n & 0xff), UInt8((~n >> 8) & 0xff)]
            out += data[i..<(i + n)]
            i += n
        } while i < data.count
        let crc = Checksums.crc32(data, table: Checksums.crc32Table)
        for v in [crc, UInt32(truncatingIfNeeded: data.count)] {
            out += (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) }
        }
        return out
    }
}
