/// `bops.yaml`'s `review`: how much a plan reads to size each job for its estimate.
public struct ReviewLimits: Sendable, Hashable {
    /// A CSV manifest of at most this many rows has every object HEADed; a longer one a seeded
    /// random sample of this many.
    public var headLimit = 1000
    /// On the aws engine, a generated manifest's source bucket is listed up to this many keys.
    public var listLimit = 100_000

    public init() {}
}
