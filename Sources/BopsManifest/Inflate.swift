/// A DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Huffman codes are decoded with a 9-bit lookup table and a canonical-code walk for longer codes.
/// Input is untrusted: every length, distance and code is checked, and errors are thrown, never trapped.
struct Inflate {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case truncated
        case badBlockType
        case storedLength
        case badCodeLengths
        case badCode
        case badDistance

        var description: String {
            switch self {
            case .truncated: "compressed data is truncated"
            case .badBlockType: "invalid block type"
            case .storedLength: "stored block length does not match its complement"
            case .badCodeLengths: "invalid Huffman code lengths"
            case .badCode: "invalid Huffman code"
            case .badDistance: "distance points before the start of the output"
            }
        }
    }

    /// A canonical Huffman code (counts per length and symbols in code order), with a fast table
    /// for codes of at most `fastBits` bits: entry = symbol << 4 | length, or 0 when longer.
    struct Huffman {
        static let fastBits = 9
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]
        var fast: [UInt32]

        /// False when the lengths over-subscribe the code space (more codes than bit patterns).
        var isValid = true

        init(lengths: ArraySlice<Int>) {
            symbols = []
            fast = [UInt32](repeating: 0, count: 1 << Self.fastBits)
            for l in lengths { counts[l] += 1 }
            var left = 1
            for len in 1..<16 {
                left <<= 1
                left -= counts[len]
                if left < 0 {
                    isValid = false
                    return
                }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for len in 1..<15 { offsets[len + 1] = offsets[len] + counts[len] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
            // Fill the fast table: walk codes in canonical order; store bit-reversed codes.
            var code = 0
            var index = 0
            for len in 1...Self.fastBits {
                for _ in 0..<counts[len] {
                    let symbol = symbols[index]
                    index += 1
                    var reversed = 0
                    for b in 0..<len where code & (1 << (len - 1 - b)) != 0 { reversed |= 1 << b }
                    var r = reversed
                    while r < 1 << Self.fastBits {
                        fast[r] = UInt32(symbol << 4 | len)
                        r += 1 << len
                    }
                    code += 1
                }
                code <<= 1
            }
        }
    }

    private let input: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    private var bits: UInt64 = 0
    private var bitCount = 0
    var output: [UInt8] = []

    init(_ input: UnsafeBufferPointer<UInt8>, at position: Int = 0) {
        self.input = input
        self.position = position
    }

    /// The byte offset after the last block, once `run()` has returned.
    var endPosition: Int { position - bitCount / 8 }

    @inline(__always)
    private mutating func need(_ n: Int) throws(Failure) {
        while bitCount < n {
            guard position < input.count else { throw .truncated }
            bits |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    @inline(__always)
    private mutating func take(_ n: Int) throws(Failure) -> Int {
        try need(n)
        let v = Int(bits & ((1 << UInt64(n)) - 1))
        bits >>= UInt64(n)
        bitCount -= n
        return v
    }

    @inline(__always)
    private mutating func decode(_ h: Huffman) throws(Failure) -> Int {
        // Top up opportunistically: near the end of input there may be fewer than 9 bits left.
        while bitCount < Huffman.fastBits && position < input.count {
            bits |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
        let entry = h.fast[Int(bits & UInt64((1 << Huffman.fastBits) - 1))]
        if entry != 0 {
            let len = Int(entry & 15)
            if len > bitCount { throw .truncated }
            bits >>= UInt64(len)
            bitCount -= len
            return Int(entry >> 4)
        }
        var code = 0
        var first = 0
        var index = 0
        for len in 1..<16 {
            code |= try take(1)
            let count = h.counts[len]
            if code - count < first { return h.symbols[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw .badCode
    }

    /// Decodes blocks until the final one; `output` then holds the data.
    mutating func run() throws(Failure) {
        var final = 0
        while final == 0 {
            final = try take(1)
            switch try take(2) {
            case 0: try stored()
            case 1: try codes(Self.fixedLiterals, Self.fixedDistances)
            case 2: try dynamic()
            default: throw .badBlockType
            }
        }
    }

    private mutating func stored() throws(Failure) {
        position -= bitCount / 8
        bits = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw .truncated }
        let len = Int(input[position]) | Int(input[position + 1]) << 8
        let nlen = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard len == ~nlen & 0xFFFF else { throw .storedLength }
        position += 4
        guard position + len <= input.count else { throw .truncated }
        output.append(contentsOf: input[position..<position + len])
        position += len
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private static let fixedLiterals: Huffman = {
        var l = [Int](repeating: 8, count: 288)
        for i in 144..<256 { l[i] = 9 }
        for i in 256..<280 { l[i] = 7 }
        return Huffman(lengths: l[...])
    }()
    private static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30)[...])

    private mutating func codes(_ literals: Huffman, _ distances: Huffman) throws(Failure) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let li = symbol - 257
            guard li < 29 else { throw .badCode }
            let length = Self.lengthBase[li] + (try take(Self.lengthExtra[li]))
            let di = try decode(distances)
            guard di < 30 else { throw .badCode }
            let distance = Self.distBase[di] + (try take(Self.distExtra[di]))
            guard distance <= output.count else { throw .badDistance }
            let from = output.count - distance
            for k in 0..<length { output.append(output[from + k]) }
        }
    }

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private mutating func dynamic() throws(Failure) {
        let nlen = try take(5) + 257
        let ndist = try take(5) + 1
        let ncode = try take(4) + 4
        guard nlen <= 286, ndist <= 30 else { throw .badCodeLengths }
        var lengths = [Int](repeating: 0, count: 320)
        for i in 0..<ncode { lengths[Self.codeLengthOrder[i]] = try take(3) }
        let lencode = Huffman(lengths: lengths[0..<19])
        guard lencode.isValid else { throw .badCodeLengths }
        var index = 0
        while index < nlen + ndist {
            var symbol = try decode(lencode)
            if symbol < 16 {
                lengths[index] = symbol
                index += 1
                continue
            }
            var value = 0
            if symbol == 16 {
                guard index > 0 else { throw .badCodeLengths }
                value = lengths[index - 1]
                symbol = 3 + (try take(2))
            } else if symbol == 17 {
                symbol = 3 + (try take(3))
            } else {
                symbol = 11 + (try take(7))
            }
            guard index + symbol <= nlen + ndist else { throw .badCodeLengths }
            for _ in 0..<symbol {
                lengths[index] = value
                index += 1
            }
        }
        guard lengths[256] != 0 else { throw .badCodeLengths }
        let literals = Huffman(lengths: lengths[0..<nlen])
        let distances = Huffman(lengths: lengths[nlen..<nlen + ndist])
        guard literals.isValid, distances.isValid else { throw .badCodeLengths }
        try codes(literals, distances)
    }
}
