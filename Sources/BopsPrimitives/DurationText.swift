/// Durations as people write them in specs, `bops.yaml` and on the command line: a sum of numbers
/// with units, `500ms`, `30s`, `15m`, `8h`, `2d`, `1h30m`. The one parser and printer of them.
public enum DurationText {
    static let units: [(suffix: String, milliseconds: Double)] = [
        ("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]

    /// The duration `text` names; `nil` for anything else (an empty text, a negative or unknown
    /// unit). With `bareSeconds`, a plain number is seconds (`--timeout 90`).
    public static func parse(_ text: String, bareSeconds: Bool = false) -> Duration? {
        if bareSeconds, let n = Double(text), n >= 0, n.isFinite {
            return .milliseconds(Int64((n * 1000).rounded()))
        }
        var rest = Substring(text)
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let n = Double(digits), n.isFinite else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter }
            guard let scale = units.first(where: { $0.suffix == unit })?.milliseconds else { return nil }
            rest = rest.dropFirst(unit.count)
            total += n * scale
        }
        guard total < 1e15 else { return nil }
        return .milliseconds(Int64(total.rounded()))
    }

    /// `2h30m`, `45s`, `1d`, `250ms`: the largest units first, zero parts left out.
    public static func format(_ duration: Duration) -> String {
        var ms = max(0, duration.milliseconds)
        if ms == 0 { return "0s" }
        var out = ""
        for (suffix, scale) in [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
            as [(String, Int64)]
        where ms >= scale {
            out += "\(ms / scale)\(suffix)"
            ms %= scale
        }
        if ms > 0 { out += "\(ms)ms" }
        return out
    }
}

extension Duration {
    /// Whole milliseconds (rounded toward zero).
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
