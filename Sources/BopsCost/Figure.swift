/// How well a plan knows a figure: counted, extrapolated from a sample, only a lower bound (a
/// listing stopped at its limit), or not at all.
public enum Exactness: String, Codable, Sendable, Hashable, CaseIterable {
    case exact
    case estimated
    case atLeast = "at_least"
    case unknown

    /// The weaker of two: a sum of an exact and an estimated figure is estimated.
    public func combined(with other: Exactness) -> Exactness {
        let order: [Exactness] = [.exact, .atLeast, .estimated, .unknown]
        return order[max(order.firstIndex(of: self)!, order.firstIndex(of: other)!)]
    }
}

/// A count (objects, bytes) with how well it is known. `value` is `nil` exactly when the exactness
/// is `unknown`.
public struct Figure: Codable, Sendable, Hashable {
    public var value: Int64?
    public var exactness: Exactness

    public init(_ value: Int64, _ exactness: Exactness = .exact) {
        self.value = value
        self.exactness = exactness
    }

    private init() {
        value = nil
        exactness = .unknown
    }

    public static let unknown = Figure()

    public static func exact(_ value: Int64) -> Figure { Figure(value, .exact) }
    public static func estimated(_ value: Int64) -> Figure { Figure(value, .estimated) }
    public static func atLeast(_ value: Int64) -> Figure { Figure(value, .atLeast) }

    /// The sum, as well known as the weaker of the two.
    public static func + (a: Figure, b: Figure) -> Figure {
        guard let x = a.value, let y = b.value else { return .unknown }
        return Figure(x + y, a.exactness.combined(with: b.exactness))
    }

    enum CodingKeys: String, CodingKey { case value, exactness }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encode(exactness, forKey: .exactness)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exactness = try c.decode(Exactness.self, forKey: .exactness)
        value = exactness == .unknown ? nil : try c.decode(Int64.self, forKey: .value)
    }
}
