public import BopsPrimitives

/// One `dependsOn` entry as the planner takes it: the spec whose current job (latest generation)
/// must meet `when`, and for how long it must have held.
public struct Dependency: Codable, Sendable, Hashable {
    public enum Condition: String, Codable, Sendable, Hashable, CaseIterable {
        case completed
        case succeeded
        case restored
    }

    public var spec: String
    public var when: Condition
    /// With `succeeded`: the share of failed tasks still accepted.
    public var maxFailedRatio: Double
    public var delay: Duration?
    /// With `restored`: at most this many objects are looked at (a seeded sample above it).
    public var sample: Int

    public init(
        spec: String, when: Condition, maxFailedRatio: Double = 0, delay: Duration? = nil,
        sample: Int = 10_000
    ) {
        self.spec = spec
        self.when = when
        self.maxFailedRatio = maxFailedRatio
        self.delay = delay
        self.sample = sample
    }

    /// The name under which the dependency's record keeps when the condition first held
    /// (`JobRecord.heldSince`): `completed`, `restored`, `succeeded<=0.05`.
    public var conditionKey: String {
        when == .succeeded ? "succeeded<=\(maxFailedRatio)" : when.rawValue
    }

    /// `restored`, `succeeded (at most 5% failed)`, `completed, then 8h`.
    public var phrase: String {
        var text = when.rawValue
        if when == .succeeded && maxFailedRatio > 0 {
            text += " (at most \(Percent.text(maxFailedRatio)) failed)"
        }
        if let delay { text += ", then \(DurationText.format(delay))" }
        return text
    }

    enum CodingKeys: String, CodingKey {
        case spec, when, sample
        case maxFailedRatio = "max_failed_ratio"
        case delaySeconds = "delay_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        spec = try c.decode(String.self, forKey: .spec)
        when = try c.decode(Condition.self, forKey: .when)
        maxFailedRatio = try c.decodeIfPresent(Double.self, forKey: .maxFailedRatio) ?? 0
        delay = try c.decodeIfPresent(Double.self, forKey: .delaySeconds).map {
            .milliseconds(Int64($0 * 1000))
        }
        sample = try c.decodeIfPresent(Int.self, forKey: .sample) ?? 10_000
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(spec, forKey: .spec)
        try c.encode(when, forKey: .when)
        if when == .succeeded { try c.encode(maxFailedRatio, forKey: .maxFailedRatio) }
        if let delay { try c.encode(Double(delay.milliseconds) / 1000, forKey: .delaySeconds) }
        if when == .restored { try c.encode(sample, forKey: .sample) }
    }
}

/// Shares as people read them: `5%`, `0.5%`, `12.3%`.
public enum Percent {
    public static func text(_ ratio: Double) -> String {
        let p = ratio * 100
        if p == p.rounded() { return "\(Int(p))%" }
        return "\((p * 10).rounded() / 10)%"
    }
}
