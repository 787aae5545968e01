/// UTF-8 well-formedness as RFC 3629 defines it: no overlong forms, no surrogates, nothing above
/// U+10FFFF. The YAML reader checks specs with it before libyaml sees them (so the error can name a
/// line and column), and the manifest readers check every key that has a byte above 0x7F.
public enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a well-formed sequence, or nil
    /// when all of `bytes` is valid.
    @inlinable
    public static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let (width, low, high): (Int, UInt8, UInt8)
            switch lead {
            case 0xC2...0xDF: (width, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (width, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (width, low, high) = (3, 0x80, 0xBF)
            case 0xED: (width, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (width, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (width, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (width, low, high) = (4, 0x80, 0x8F)
            default: return i
            }
            guard i + 1 < n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
            for k in 2..<width {
                guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return i }
            }
            i += width
        }
        return nil
    }

    /// ``firstInvalidByte(in:)-(UnsafeBufferPointer<UInt8>)`` of an array.
    public static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidByte(in: $0) }
    }
}
