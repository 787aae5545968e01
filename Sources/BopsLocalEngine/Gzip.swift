/// Minimal gzip (RFC 1952) over DEFLATE (RFC 1951): full decompression, and compression into
/// stored blocks (valid gzip that every reader accepts; the engine only needs it for generated
/// manifests). Errors are `Gzip.Failure` with a reason.
enum Gzip {
    struct Failure: Error, Equatable {
        var message: String
    }

    static func decompress(_ data: [UInt8]) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        // Concatenated members are one stream, as gzip(1) reads them.
        while offset < data.count {
            guard data.count - offset >= 18, data[offset] == 0x1f, data[offset + 1] == 0x8b,
                data[offset + 2] == 8
            else {
                throw Failure(message: "not a gzip stream (bad header at byte \(offset))")
            }
            let flags = data[offset + 3]
            var p = offset + 10
            if flags & 4 != 0 {
                guard p + 2 <= data.count else { throw Failure(message: "truncated gzip header") }
                p += 2 + Int(data[p]) + Int(data[p + 1]) << 8
            }
            if flags & 8 != 0 { while p < data.count && data[p] != 0 { p += 1 }; p += 1 }
            if flags & 16 != 0 { while p < data.count && data[p] != 0 { p += 1 }; p += 1 }
            if flags & 2 != 0 { p += 2 }
            guard p <= data.count else { throw Failure(message: "truncated gzip header") }
            var inflater = Inflater(data, start: p)
            let member = try inflater.run()
            let end = inflater.alignedOffset
            guard end + 8 <= data.count else { throw Failure(message: "truncated gzip trailer") }
            let crc = (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[end + $1]) << (8 * UInt32($1)) }
            guard crc == Checksums.crc32(member, table: Checksums.crc32Table) else {
                throw Failure(message: "gzip CRC mismatch")
            }
            output += member
            offset = end + 8
        }
        return output
    }

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

/// A DEFLATE decoder over a byte array.
struct Inflater {
    let data: [UInt8]
    var pos: Int
    var bitBuffer: UInt32 = 0
    var bitCount: UInt32 = 0
    var out: [UInt8] = []

    init(_ data: [UInt8], start: Int) {
        self.data = data
        pos = start
    }

    /// The byte after the last one the stream used.
    var alignedOffset: Int { pos - Int(bitCount / 8) }

    struct Huffman {
        var counts = [UInt16](repeating: 0, count: 16)
        var symbols: [UInt16]

        init(lengths: [UInt8]) {
            symbols = [UInt16](repeating: 0, count: lengths.count)
            for l in lengths { counts[Int(l)] += 1 }
            counts[0] = 0
            var offsets = [UInt16](repeating: 0, count: 16)
            for i in 1..<16 { offsets[i] = offsets[i - 1] + counts[i - 1] }
            for (s, l) in lengths.enumerated() where l != 0 {
                symbols[Int(offsets[Int(l)])] = UInt16(s)
                offsets[Int(l)] += 1
            }
        }
    }

    mutating func bits(_ n: UInt32) throws(Gzip.Failure) -> UInt32 {
        while bitCount < n {
            guard pos < data.count else { throw Gzip.Failure(message: "truncated deflate stream") }
            bitBuffer |= UInt32(data[pos]) << bitCount
            pos += 1
            bitCount += 8
        }
        let v = bitBuffer & ((1 << n) - 1)
        bitBuffer >>= n
        bitCount -= n
        return v
    }

    mutating func decode(_ h: Huffman) throws(Gzip.Failure) -> Int {
        var code = 0
        var first = 0
        var index = 0
        for len in 1..<16 {
            code |= Int(try bits(1))
            let count = Int(h.counts[len])
            if code - count < first { return Int(h.symbols[index + (code - first)]) }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw Gzip.Failure(message: "invalid Huffman code")
    }

    static let lengthBase: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163,
        195, 227, 258,
    ]
    static let lengthExtra: [UInt32] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distBase: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distExtra: [UInt32] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    static let fixedLength = Huffman(
        lengths: [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112)
            + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8))
    static let fixedDistance = Huffman(lengths: [UInt8](repeating: 5, count: 30))

    mutating func run() throws(Gzip.Failure) -> [UInt8] {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try stored()
            case 1: try block(Self.fixedLength, Self.fixedDistance)
            case 2:
                let (l, d) = try dynamicTables()
                try block(l, d)
            default: throw Gzip.Failure(message: "invalid deflate block type")
            }
        }
        return out
    }

    mutating func stored() throws(Gzip.Failure) {
        pos -= Int(bitCount / 8)
        bitBuffer = 0
        bitCount = 0
        guard pos + 4 <= data.count else { throw Gzip.Failure(message: "truncated stored block") }
        let len = Int(data[pos]) | Int(data[pos + 1]) << 8
        let nlen = Int(data[pos + 2]) | Int(data[pos + 3]) << 8
        guard len == ~nlen & 0xffff else { throw Gzip.Failure(message: "corrupt stored block length") }
        pos += 4
        guard pos + len <= data.count else { throw Gzip.Failure(message: "truncated stored block") }
        out += data[pos..<(pos + len)]
        pos += len
    }

    mutating func dynamicTables() throws(Gzip.Failure) -> (Huffman, Huffman) {
        let nlen = Int(try bits(5)) + 257
        let ndist = Int(try bits(5)) + 1
        let ncode = Int(try bits(4)) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<ncode { codeLengths[order[i]] = UInt8(try bits(3)) }
        let codeTable = Huffman(lengths: codeLengths)
        var lengths: [UInt8] = []
        while lengths.count < nlen + ndist {
            let sym = try decode(codeTable)
            switch sym {
            case 0..<16: lengths.append(UInt8(sym))
            case 16:
                guard let prev = lengths.last else {
                    throw Gzip.Failure(message: "repeat with no previous length")
                }
                lengths += repeatElement(prev, count: 3 + Int(try bits(2)))
            case 17: lengths += repeatElement(0, count: 3 + Int(try bits(3)))
            default: lengths += repeatElement(0, count: 11 + Int(try bits(7)))
            }
        }
        guard lengths.count == nlen + ndist else { throw Gzip.Failure(message: "too many code lengths") }
        return (Huffman(lengths: Array(lengths[0..<nlen])), Huffman(lengths: Array(lengths[nlen...])))
    }

    mutating func block(_ lengthTable: Huffman, _ distTable: Huffman) throws(Gzip.Failure) {
        while true {
            let sym = try decode(lengthTable)
            if sym < 256 {
                out.append(UInt8(sym))
            } else if sym == 256 {
                return
            } else {
                let i = sym - 257
                guard i < 29 else { throw Gzip.Failure(message: "invalid length symbol") }
                let length = Self.lengthBase[i] + Int(try bits(Self.lengthExtra[i]))
                let d = try decode(distTable)
                guard d < 30 else { throw Gzip.Failure(message: "invalid distance symbol") }
                let distance = Self.distBase[d] + Int(try bits(Self.distExtra[d]))
                guard distance <= out.count else { throw Gzip.Failure(message: "distance too far back") }
                let start = out.count - distance
                for k in 0..<length { out.append(out[start + k]) }
            }
        }
    }
}
