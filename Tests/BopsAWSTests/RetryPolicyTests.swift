import Testing

@testable import BopsAWS

@Suite struct RetryPolicyTests {
    static let retryable: [(AttemptOutcome, Bool)] = [
        (.response(status: 200, errorCode: nil, retryAfter: nil), false),
        (.response(status: 400, errorCode: "BadRequestException", retryAfter: nil), false),
        (.response(status: 404, errorCode: "NoSuchJob", retryAfter: nil), false),
        (.response(status: 403, errorCode: "AccessDenied", retryAfter: nil), false),
        (.response(status: 400, errorCode: "IdempotencyException", retryAfter: nil), false),
        (.response(status: 400, errorCode: "Throttling", retryAfter: nil), true),
        (.response(status: 400, errorCode: "ThrottlingException", retryAfter: nil), true),
        (.response(status: 400, errorCode: "TooManyRequestsException", retryAfter: nil), true),
        (.response(status: 503, errorCode: "SlowDown", retryAfter: nil), true),
        (.response(status: 400, errorCode: "RequestLimitExceeded", retryAfter: nil), true),
        (.response(status: 400, errorCode: "RequestTimeout", retryAfter: nil), true),
        (.response(status: 429, errorCode: nil, retryAfter: nil), true),
        (.response(status: 500, errorCode: "InternalError", retryAfter: nil), true),
        (.response(status: 502, errorCode: nil, retryAfter: nil), true),
        (.response(status: 503, errorCode: nil, retryAfter: nil), true),
        (.response(status: 504, errorCode: nil, retryAfter: nil), true),
        (.timeout, true),
        (.connectionError, true),
        (.fatal, false),
    ]

    @Test(arguments: retryable)
    func classifiesOutcomes(outcome: AttemptOutcome, expected: Bool) {
        #expect(RetryPolicy.standard.isRetryable(outcome) == expected)
    }

    /// attempt, random draw, expected wait in milliseconds (base 100 ms, cap 20 s, full jitter).
    static let delays: [(Int, Double, Int)] = [
        (1, 0.0, 0), (1, 0.5, 50), (1, 0.999, 100), (2, 0.5, 100), (3, 0.5, 200), (4, 1.0, 800),
        (9, 1.0, 20_000), (12, 0.5, 10_000), (40, 1.0, 20_000),
    ]

    @Test(arguments: delays)
    func backsOffExponentiallyWithFullJitter(attempt: Int, random: Double, milliseconds: Int) {
        let policy = RetryPolicy(maxAttempts: 100)
        let wait = policy.delay(attempt: attempt, outcome: .timeout, random: random)
        #expect(abs(RetryPolicy.seconds(wait) * 1000 - Double(milliseconds)) < 1.01)
    }

    @Test func honoursRetryAfterButNotAboveTheCap() {
        let policy = RetryPolicy.standard
        let slow = AttemptOutcome.response(status: 503, errorCode: "SlowDown", retryAfter: "3")
        #expect(policy.decide(attempt: 1, outcome: slow, random: 0.1) == .retry(after: .seconds(3)))
        let huge = AttemptOutcome.response(status: 429, errorCode: nil, retryAfter: "3600")
        #expect(policy.decide(attempt: 1, outcome: huge, random: 0.1) == .retry(after: .seconds(20)))
        let junk = AttemptOutcome.response(status: 429, errorCode: nil, retryAfter: "soon")
        #expect(policy.decide(attempt: 1, outcome: junk, random: 0.5) == .retry(after: .milliseconds(50)))
    }

    @Test func stopsAtMaxAttempts() {
        let policy = RetryPolicy(maxAttempts: 3)
        #expect(policy.decide(attempt: 1, outcome: .timeout, random: 0) != .stop)
        #expect(policy.decide(attempt: 2, outcome: .timeout, random: 0) != .stop)
        #expect(policy.decide(attempt: 3, outcome: .timeout, random: 0) == .stop)
        #expect(RetryPolicy.none.decide(attempt: 1, outcome: .timeout, random: 0) == .stop)
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    final class Box: @unchecked Sendable {
        var waits: [Duration] = []
        var calls = 0
    }

    @Test func loopRetriesUntilSuccessAndSleepsTheDecidedWaits() async throws {
        let box = Box()
        let retrier = Retrier(
            policy: RetryPolicy(maxAttempts: 5), random: { 0.5 }, sleep: { box.waits.append($0) })
        let value = try await retrier.run(
            { attempt -> Int in
                box.calls += 1
                return attempt < 3 ? 503 : 200
            },
            classify: { .response(status: $0, errorCode: nil, retryAfter: nil) },
            classifyError: { _ in .fatal })
        #expect(value == 200)
        #expect(box.calls == 3)
        #expect(box.waits == [.milliseconds(50), .milliseconds(100)])
    }

    struct Boom: Error {}

    @Test func loopRethrowsTheLastErrorAndNeverRetriesFatalOnes() async {
        let box = Box()
        let retrier = Retrier(
            policy: RetryPolicy(maxAttempts: 3), random: { 0 }, sleep: { box.waits.append($0) })
        await #expect(throws: Boom.self) {
            try await retrier.run(
                { _ -> Int in
                    box.calls += 1
                    throw Boom()
                }, classify: { _ in .fatal }, classifyError: { _ in .connectionError })
        }
        #expect(box.calls == 3)
        box.calls = 0
        await #expect(throws: Boom.self) {
            try await retrier.run(
                { _ -> Int in
                    box.calls += 1
                    throw Boom()
                }, classify: { _ in .fatal }, classifyError: { _ in .fatal })
        }
        #expect(box.calls == 1)
    }

    @Test func returnsAnErrorAnswerAfterTheLastAttempt() async throws {
        let box = Box()
        let retrier = Retrier(
            policy: RetryPolicy(maxAttempts: 2), random: { 0 }, sleep: { box.waits.append($0) })
        let value = try await retrier.run(
            { _ -> Int in
                box.calls += 1
                return 500
            }, classify: { .response(status: $0, errorCode: nil, retryAfter: nil) },
            classifyError: { _ in .fatal })
        #expect(value == 500)
        #expect(box.calls == 2)
    }
}
