internal import CZlib

/// The one wrapper of the system zlib: a `z_stream` owned by one object, ended in `deinit`, and
/// one conversion of zlib's return codes into ``GzipError``.
final class ZlibStream {
    enum Direction {
        case inflate
        case deflate(level: Int32)
    }

    /// Window bits 15 plus 16: a gzip (RFC 1952) wrapper around raw DEFLATE.
    private static let gzipWindowBits: Int32 = 15 + 16
    private let stream: UnsafeMutablePointer<z_stream>
    private let direction: Direction
    private var initialised = false

    init(_ direction: Direction) throws(GzipError) {
        self.direction = direction
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let size = Int32(MemoryLayout<z_stream>.size)
        let code: Int32
        switch direction {
        case .inflate:
            code = inflateInit2_(stream, Self.gzipWindowBits, zlibVersion(), size)
        case .deflate(let level):
            code = deflateInit2_(
                stream, level, Z_DEFLATED, Self.gzipWindowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(), size)
        }
        guard code == Z_OK else { throw Self.error(code, stream) }
        initialised = true
    }

    deinit {
        if initialised {
            switch direction {
            case .inflate: inflateEnd(stream)
            case .deflate: deflateEnd(stream)
            }
        }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates every gzip member of `input` (concatenated members are joined); zlib checks each
    /// member's CRC-32 and length.
    func inflateAll(_ input: [UInt8]) throws(GzipError) -> [UInt8] {
        guard input.count >= 2, input[0] == 0x1F, input[1] == 0x8B else {
            throw GzipError(input.isEmpty ? "gzip data is truncated" : "not gzip data (bad magic number)")
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        try input.withUnsafeBufferPointer { (source: UnsafeBufferPointer<UInt8>) throws(GzipError) in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = 0
            var remaining = source.count
            while true {
                refill(&remaining)
                let code = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = UInt32(buffer.count)
                    return inflate(stream, Z_NO_FLUSH)
                }
                out += chunk[0..<(chunk.count - Int(stream.pointee.avail_out))]
                switch code {
                case Z_STREAM_END:
                    guard stream.pointee.avail_in > 0 || remaining > 0 else { return }
                    let code = inflateReset(stream)
                    guard code == Z_OK else { throw Self.error(code, stream) }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.pointee.avail_in == 0 && remaining == 0:
                    throw GzipError("gzip data is truncated")
                default:
                    throw Self.error(code, stream)
                }
            }
        }
        return out
    }

    /// Deflates all of `input` into one gzip member (header without name or time).
    func deflateAll(_ input: [UInt8]) throws(GzipError) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        try input.withUnsafeBufferPointer { (source: UnsafeBufferPointer<UInt8>) throws(GzipError) in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            var remaining = source.count
            stream.pointee.avail_in = 0
            while true {
                refill(&remaining)
                let flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH
                let code = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = UInt32(buffer.count)
                    return deflate(stream, flush)
                }
                out += chunk[0..<(chunk.count - Int(stream.pointee.avail_out))]
                switch code {
                case Z_STREAM_END: return
                case Z_OK, Z_BUF_ERROR: continue
                default: throw Self.error(code, stream)
                }
            }
        }
        return out
    }

    /// Hands zlib the next slice of the input once it has taken the last one: `avail_in` is 32 bits,
    /// so input longer than 2^31 - 1 bytes goes in several slices.
    private func refill(_ remaining: inout Int) {
        guard stream.pointee.avail_in == 0 && remaining > 0 else { return }
        let take = min(remaining, Int(UInt32.max >> 1))
        stream.pointee.avail_in = UInt32(take)
        remaining -= take
    }

    /// zlib's codes and messages in bops's words.
    private static func error(_ code: Int32, _ stream: UnsafeMutablePointer<z_stream>) -> GzipError {
        let message = stream.pointee.msg.map { String(cString: $0) } ?? ""
        switch code {
        case Z_DATA_ERROR where message == "incorrect header check":
            return GzipError("not gzip data (bad magic number)")
        case Z_DATA_ERROR where message == "incorrect data check":
            return GzipError("gzip CRC-32 mismatch")
        case Z_DATA_ERROR where message == "incorrect length check":
            return GzipError("gzip length mismatch")
        case Z_DATA_ERROR:
            return GzipError("corrupt gzip data: \(message.isEmpty ? "invalid deflate stream" : message)")
        case Z_MEM_ERROR:
            return GzipError("zlib is out of memory")
        case Z_VERSION_ERROR:
            return GzipError("the system zlib is incompatible (\(String(cString: zlibVersion())))")
        default:
            return GzipError("zlib error \(code)\(message.isEmpty ? "" : ": " + message)")
        }
    }
}

/// CRC-32 (IEEE 802.3, as gzip, zip and S3's `CRC32` checksum use it), computed by zlib.
public enum CRC32 {
    /// The checksum of `bytes`; `checksum([])` is 0.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32_z(0, buffer.baseAddress, buffer.count))
        }
    }
}
