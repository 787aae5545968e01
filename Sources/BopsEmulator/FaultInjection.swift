import BopsPrimitives
import FoundationEssentials

/// Faults the emulator injects so clients' retry and convergence logic can be tested.
///
/// Each request draws from a seeded generator in arrival order: with probability `rate` it is
/// answered by one of `kinds` (chosen uniformly) instead of being served; the operation then has
/// no effect. `latency` is added to every answer. With the same seed and the same sequence of
/// requests the same faults come back.
public struct FaultInjection: Sendable, Hashable {
    /// The kinds of injected answers.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// HTTP 500: `InternalError` (S3) or `InternalServiceException` (S3 Control).
        case internalError = "internal-error"
        /// HTTP 503 `SlowDown`, as S3 answers when a prefix is over its request rate.
        case slowDown = "slow-down"
        /// HTTP 429 `TooManyRequestsException` (S3 Control's throttling error; also used on S3 paths).
        case throttling
        /// The connection is closed without an answer.
        case dropConnection = "drop-connection"
        /// HTTP 409 `ConditionalRequestConflict`, as S3 answers racing conditional writes.
        case conflict
        /// The request is served, then the connection is closed before the answer: the client does
        /// not learn that its request landed, and retries it.
        case dropAfterActing = "drop-after-acting"
    }

    /// 0...1: the share of requests answered by a fault. 0 disables injection.
    public var rate: Double
    /// The seed of the generator; the same seed gives the same fault sequence.
    public var seed: UInt64
    /// The faults to choose from; empty means every kind except `dropConnection`.
    public var kinds: [Kind]
    /// Added before every answer, fault or not.
    public var latency: Duration
    /// When set, only requests whose path contains this text draw faults (`state.json` aims them at
    /// the state calls); others are always served.
    public var pathContains: String?

    public init(
        rate: Double = 0, seed: UInt64 = 0, kinds: [Kind] = [], latency: Duration = .zero,
        pathContains: String? = nil
    ) {
        self.rate = min(1, max(0, rate))
        self.seed = seed
        self.kinds = kinds
        self.latency = latency
        self.pathContains = pathContains.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// No faults, no latency.
    public static let none = FaultInjection()

    var effectiveKinds: [Kind] { kinds.isEmpty ? [.internalError, .slowDown, .throttling] : kinds }
}

/// The seeded draw behind ``FaultInjection``: SplitMix64 behind a lock, one draw per request.
final class FaultInjector: @unchecked Sendable {
    let plan: FaultInjection
    private var state: UInt64
    private let lock = Lock()

    init(_ plan: FaultInjection) {
        self.plan = plan
        state = plan.seed
    }

    private func nextLocked() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The fault for the next request, or `nil` to serve it.
    func draw() -> FaultInjection.Kind? {
        guard plan.rate > 0 else { return nil }
        return lock.withLock {
            let roll = Double(nextLocked() >> 11) / Double(1 << 53)
            let pick = nextLocked()
            guard roll < plan.rate else { return nil }
            let kinds = plan.effectiveKinds
            return kinds[Int(pick % UInt64(kinds.count))]
        }
    }
}
