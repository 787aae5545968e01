/// Hexadecimal text of bytes and numbers: the one encoder of digests, MACs, CRCs and ETags.
/// Lowercase unless a caller asks for uppercase (URI escapes, diagnostics).
public enum Hex {
    static let lower = Array("0123456789abcdef".utf8)
    static let upper = Array("0123456789ABCDEF".utf8)

    /// Two digits per byte, in order: `[0xde, 0xad]` is `dead`.
    public static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        let digits = uppercase ? upper : lower
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as exactly `width` digits (the low ones): `%08x` without Foundation's formatter.
    public static func fixed(_ value: UInt64, width: Int, uppercase: Bool = false) -> String {
        let digits = uppercase ? upper : lower
        var out = [UInt8](repeating: 0, count: width)
        for i in 0..<width { out[width - 1 - i] = digits[Int((value >> (4 * UInt64(i))) & 0xF)] }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digit `nibble` (0...15) as an ASCII byte.
    @inline(__always)
    public static func digit(_ nibble: UInt8, uppercase: Bool = false) -> UInt8 {
        (uppercase ? upper : lower)[Int(nibble & 0x0F)]
    }

    /// The value of an ASCII hex digit (either case), or `nil`.
    @inline(__always)
    public static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
