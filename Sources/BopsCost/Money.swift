/// How estimates are written for people: dollars to the cent, smaller amounts to a tenth of a
/// cent, counts and bytes in short forms.
public enum Money {
    /// `$527.40`, `$0.25`, `$0.015`, `< $0.001`: cents, or tenths of a cent below a dollar when
    /// cents would change the amount by more than 1%.
    public static func text(_ amount: Double) -> String {
        if amount == 0 { return "$0.00" }
        if amount < 0.001 { return "< $0.001" }
        let cents = (amount * 100).rounded() / 100
        if amount < 1 && abs(amount - cents) > amount / 100 { return "$" + fixed(amount, digits: 3) }
        return "$" + grouped(fixed(amount, digits: 2))
    }

    /// A unit price as the table has it: `$0.25`, `$0.0025`, `$0.0000166667` (at most 10 decimals,
    /// no trailing zeros past the cents).
    public static func price(_ v: Double) -> String {
        var digits = 2
        while digits < 10 && abs(v * pow10(digits) - (v * pow10(digits)).rounded()) > 1e-6 { digits += 1 }
        let n = Int64((v * pow10(digits)).rounded())
        let scale = Int64(pow10(digits))
        let frac = String(n % scale)
        return "$" + grouped("\(n / scale)." + String(repeating: "0", count: digits - frac.count) + frac)
    }

    static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

    /// `v` with `digits` (2 or 3) decimals, rounded.
    public static func fixed(_ v: Double, digits: Int) -> String {
        let scale = digits == 3 ? 1000.0 : 100.0
        let n = Int64((v * scale).rounded())
        let whole = n / Int64(scale)
        let frac = String(n % Int64(scale))
        return "\(whole)." + String(repeating: "0", count: digits - frac.count) + frac
    }

    /// `1234567.50` as `1,234,567.50`.
    public static func grouped(_ s: String) -> String {
        let parts = s.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var out = ""
        while whole.count > 3 {
            out = "," + whole.suffix(3) + out
            whole = String(whole.dropLast(3))
        }
        return whole + out + (parts.count > 1 ? "." + parts[1] : "")
    }
}

extension Int64 {
    /// `950`, `12.3K`, `1.2M`, `3.4B`.
    public var formatted: String {
        let v = Double(self)
        if self < 1000 { return "\(self)" }
        for (limit, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "K")] where v >= limit {
            return Money.fixed(v / limit, digits: 3).dropLast(2) + suffix
        }
        return "\(self)"
    }

    /// `512 B`, `3.4 GB`, `50.0 TB` (powers of 1,024, as AWS bills GB).
    public var formattedBytes: String {
        let v = Double(self)
        if self < 1024 { return "\(self) B" }
        let units = ["KB", "MB", "GB", "TB", "PB", "EB"]
        var x = v / 1024
        var i = 0
        while x >= 1024 && i < units.count - 1 {
            x /= 1024
            i += 1
        }
        return Money.fixed(x, digits: 3).dropLast(2) + " " + units[i]
    }
}
