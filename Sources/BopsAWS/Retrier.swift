import BopsPrimitives
import FoundationEssentials

/// Runs a request under a ``RetryPolicy``: classifies each attempt, sleeps between attempts with an
/// injected sleeper and random source, and hands back the last answer or error.
///
/// Every copy of one retrier shares its ``RetryQuota`` and its backoff gate, so all the requests of
/// one sender slow down together: a retry is made only while the quota has tokens, and after a
/// throttled answer (``RetryPolicy/isThrottle(_:)``) no request of the sender is sent before the
/// wait that answer decided (its `Retry-After` when it has one) has passed.
public struct Retrier: Sendable {
    public var policy: RetryPolicy
    public var random: @Sendable () -> Double
    public var sleep: @Sendable (Duration) async throws -> Void
    /// The quota and gate, shared by the copies of this retrier.
    public let budget: RetryBudget

    public init(
        policy: RetryPolicy = .standard,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        quota: RetryQuota = .standard
    ) {
        self.policy = policy
        self.random = random
        self.sleep = sleep
        budget = RetryBudget(quota: quota)
    }

    /// Calls `attempt(n)` for n = 1, 2, ... until `classify` says to stop. A value is returned as
    /// soon as it should not be retried (an error answer included); a thrown error is rethrown once
    /// the policy gives up. `onRetry` hears of each retry before the wait.
    public func run<Value: Sendable>(
        _ attempt: (Int) async throws -> Value,
        classify: (Value) -> AttemptOutcome,
        classifyError: (any Error) -> AttemptOutcome,
        onRetry: (Int, AttemptOutcome, Duration) -> Void = { _, _, _ in }
    ) async throws -> Value {
        var number = 1
        var taken = 0
        while true {
            if let wait = budget.gateWait() { try await sleep(wait) }
            let result: Result<Value, any Error>
            do {
                result = .success(try await attempt(number))
            } catch let error as CancellationError {
                throw error
            } catch {
                result = .failure(error)
            }
            let outcome: AttemptOutcome
            switch result {
            case .success(let value): outcome = classify(value)
            case .failure(let error): outcome = classifyError(error)
            }
            guard case .retry(let wait) = policy.decide(attempt: number, outcome: outcome, random: random()),
                let cost = budget.acquire(after: outcome)
            else {
                if case .success = result, !policy.isRetryable(outcome) { budget.release(taken: taken) }
                return try result.get()
            }
            taken += cost
            if RetryPolicy.isThrottle(outcome) { budget.closeGate(for: wait) }
            onRetry(number, outcome, wait)
            try await sleep(wait)
            number += 1
        }
    }
}

/// The state the copies of one ``Retrier`` share: the retry quota and the backoff gate (the
/// instant before which no request is sent). Thread-safe.
public final class RetryBudget: @unchecked Sendable {
    private let lock = Lock()
    private var quota: RetryQuota
    private var openAt: ContinuousClock.Instant?

    public init(quota: RetryQuota) { self.quota = quota }

    /// Tokens left in the quota.
    public var available: Int { lock.withLock { quota.available } }

    func acquire(after outcome: AttemptOutcome) -> Int? { lock.withLock { quota.acquire(after: outcome) } }

    func release(taken: Int) { lock.withLock { quota.release(taken: taken) } }

    /// No request is sent for `wait` from now (a later close keeps the later instant).
    func closeGate(for wait: Duration) {
        let until = ContinuousClock.now + wait
        lock.withLock { openAt = max(openAt ?? until, until) }
    }

    /// How long a request must wait before it is sent; `nil` when the gate is open.
    func gateWait() -> Duration? {
        lock.withLock {
            guard let openAt else { return nil }
            let now = ContinuousClock.now
            if openAt <= now {
                self.openAt = nil
                return nil
            }
            return openAt - now
        }
    }
}
