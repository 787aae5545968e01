/// Runs a request under a ``RetryPolicy``: classifies each attempt, sleeps between attempts with an
/// injected sleeper and random source, and hands back the last answer or error.
public struct Retrier: Sendable {
    public var policy: RetryPolicy
    public var random: @Sendable () -> Double
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        policy: RetryPolicy = .standard,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.policy = policy
        self.random = random
        self.sleep = sleep
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
        while true {
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
            guard case .retry(let wait) = policy.decide(attempt: number, outcome: outcome, random: random())
            else {
                return try result.get()
            }
            onRetry(number, outcome, wait)
            try await sleep(wait)
            number += 1
        }
    }
}
