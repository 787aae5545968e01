#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `IpAddress`'s test: an address (`203.0.113.5`, `2001:db8::1`) within a range written as an address
/// or in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`); an address of the other family, or text
/// that is no address, is outside every range.
enum IPAddressMatch {
    static func contains(_ range: String, _ address: String) -> Bool {
        let parts = range.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let net = bytes(String(parts[0])), let host = bytes(address), net.count == host.count else {
            return false
        }
        let width = net.count * 8
        var prefix = width
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...width).contains(p), parts[1].allSatisfy(\.isNumber) else {
                return false
            }
            prefix = p
        }
        for bit in 0..<prefix {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if net[bit / 8] & mask != host[bit / 8] & mask { return false }
        }
        return true
    }

    /// The address's 4 or 16 bytes, `nil` for text that is neither form.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
