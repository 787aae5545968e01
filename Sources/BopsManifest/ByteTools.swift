/// Small byte-level helpers shared by the manifest readers.
enum ByteTools {
    /// A fast, non-cryptographic 64-bit hash (multiply-xorshift over 8-byte words, murmur3's
    /// finaliser). Never returns 0, which the duplicate table uses as "empty".
    @inline(__always)
    static func hash64(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(truncatingIfNeeded: count) &* m)
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* m
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* m
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h == 0 ? 1 : h
    }
}
