/// What one attempt of a request came to, as far as retrying is concerned.
public enum AttemptOutcome: Sendable, Hashable {
    /// An HTTP answer: its status, the AWS error code when the body had one, and `Retry-After`.
    case response(status: Int, errorCode: String?, retryAfter: String?)
    /// The connection or the answer timed out.
    case timeout
    /// The connection could not be made or broke before a full answer came.
    case connectionError
    /// Anything else (TLS failure, bad URL, cancelled): never retried.
    case fatal
}

/// What to do after an attempt.
public enum RetryDecision: Sendable, Hashable {
    case stop
    case retry(after: Duration)
}

/// botocore's standard retry mode as a pure function: which outcomes are retried, how many attempts,
/// and how long to wait between them.
///
/// Invariants: at most `maxAttempts` attempts in all (the first included); a 2xx answer and any
/// error not listed as transient or throttling is never retried; the wait before attempt `n + 1` is
/// `random * min(maxDelay, baseDelay * 2^(n-1))` (full jitter, `random` in `0..<1`), raised to the
/// answer's `Retry-After` seconds when it has one, and never above `maxDelay`.
public struct RetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(20)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let standard = RetryPolicy()
    /// One attempt, no retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Error codes AWS uses for throttling (botocore's standard list plus S3's `SlowDown`).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    /// Error codes of transient failures.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError",
        "InternalServiceException", "ServiceUnavailable",
    ]
    /// HTTP statuses that are retried whatever the code.
    public static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Whether `outcome` is worth another attempt (ignoring the attempt count).
    public func isRetryable(_ outcome: AttemptOutcome) -> Bool {
        switch outcome {
        case .timeout, .connectionError: return true
        case .fatal: return false
        case .response(let status, let code, _):
            if (200..<300).contains(status) { return false }
            if let code, Self.throttlingCodes.contains(code) || Self.transientCodes.contains(code) {
                return true
            }
            return Self.retryableStatuses.contains(status) || status >= 500
        }
    }

    /// The decision after attempt number `attempt` (1-based) ended in `outcome`; `random` is a
    /// uniform draw in `0..<1` (injected so the result is reproducible).
    public func decide(attempt: Int, outcome: AttemptOutcome, random: Double) -> RetryDecision {
        guard attempt < maxAttempts, isRetryable(outcome) else { return .stop }
        return .retry(after: delay(attempt: attempt, outcome: outcome, random: random))
    }

    /// The wait after attempt `attempt` (1-based).
    public func delay(attempt: Int, outcome: AttemptOutcome, random: Double) -> Duration {
        let unit = min(max(random, 0), 1)
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(Self.seconds(maxDelay), Self.seconds(baseDelay) * Double(1 << exponent))
        var wait = unit * ceiling
        if case .response(_, _, let retryAfter?) = outcome, let seconds = Self.retryAfterSeconds(retryAfter) {
            wait = max(wait, seconds)
        }
        wait = min(wait, Self.seconds(maxDelay))
        return .nanoseconds(Int64((wait * 1e9).rounded()))
    }

    /// `Retry-After` as delta seconds (`120`, `1.5`); HTTP dates are not honoured (AWS sends seconds).
    public static func retryAfterSeconds(_ text: String) -> Double? {
        guard let value = Double(text.trimmingWhitespace()), value >= 0, value.isFinite else {
            return nil
        }
        return value
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}

extension RetryPolicy {
    /// Whether `outcome` is a throttled answer (429, or a throttling code such as `SlowDown`):
    /// the service asks every caller to slow down, not only this request.
    public static func isThrottle(_ outcome: AttemptOutcome) -> Bool {
        guard case .response(let status, let code, _) = outcome else { return false }
        if status == 429 { return true }
        return code.map { throttlingCodes.contains($0) } ?? false
    }
}

/// The standard retry mode's retry quota (a token bucket shared by every request of one client),
/// as botocore and soto: a retry takes `retryCost` tokens (`timeoutCost` after a timeout or broken
/// connection); a request that succeeds gives back what its retries took, or `successIncrement`
/// when it was not retried; the bucket never holds more than `capacity`. With too few tokens a
/// retryable failure is not retried: when the service is failing, callers stop adding load.
public struct RetryQuota: Sendable, Hashable {
    public var capacity: Int
    public var available: Int
    public var retryCost: Int
    public var timeoutCost: Int
    public var successIncrement: Int

    public init(
        capacity: Int = 500, retryCost: Int = 5, timeoutCost: Int = 10, successIncrement: Int = 1
    ) {
        self.capacity = max(0, capacity)
        available = self.capacity
        self.retryCost = retryCost
        self.timeoutCost = timeoutCost
        self.successIncrement = successIncrement
    }

    public static let standard = RetryQuota()

    /// What a retry after `outcome` costs.
    public func cost(of outcome: AttemptOutcome) -> Int {
        switch outcome {
        case .timeout, .connectionError: timeoutCost
        default: retryCost
        }
    }

    /// Takes the cost of a retry after `outcome`; `nil` (and nothing taken) when the bucket holds
    /// too few tokens.
    public mutating func acquire(after outcome: AttemptOutcome) -> Int? {
        let cost = cost(of: outcome)
        guard available >= cost else { return nil }
        available -= cost
        return cost
    }

    /// A request succeeded after its retries took `taken` tokens (0: it was not retried).
    public mutating func release(taken: Int) {
        available = min(capacity, available + (taken > 0 ? taken : successIncrement))
    }
}
