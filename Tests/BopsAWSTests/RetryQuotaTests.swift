import BopsAWSModel
import Foundation
import Testing

@testable import BopsAWS

/// The standard retry mode's shared retry quota and the sender's backoff gate.
@Suite(.tags(.process)) struct RetryQuotaTests {
    static let slowDown = AttemptOutcome.response(status: 503, errorCode: "SlowDown", retryAfter: nil)

    /// Outcome, cost of a retry after it, whether it is a throttle.
    static let costs: [(AttemptOutcome, Int, Bool)] = [
        (slowDown, 5, true),
        (.response(status: 429, errorCode: nil, retryAfter: nil), 5, true),
        (.response(status: 400, errorCode: "ThrottlingException", retryAfter: nil), 5, true),
        (.response(status: 400, errorCode: "RequestLimitExceeded", retryAfter: nil), 5, true),
        (.response(status: 500, errorCode: "InternalError", retryAfter: nil), 5, false),
        (.response(status: 503, errorCode: nil, retryAfter: nil), 5, false),
        (.timeout, 10, false),
        (.connectionError, 10, false),
    ]

    @Test(arguments: costs)
    func costsAndThrottles(outcome: AttemptOutcome, cost: Int, throttle: Bool) {
        #expect(RetryQuota.standard.cost(of: outcome) == cost)
        #expect(RetryPolicy.isThrottle(outcome) == throttle)
    }

    @Test func drainsByRetriesAndRefillsOnSuccess() {
        var quota = RetryQuota(capacity: 22)
        #expect(quota.acquire(after: .timeout) == 10)
        #expect(quota.acquire(after: Self.slowDown) == 5)
        #expect(quota.acquire(after: Self.slowDown) == 5)
        #expect(quota.available == 2)
        #expect(quota.acquire(after: Self.slowDown) == nil, "too few tokens: no retry")
        #expect(quota.available == 2, "a refused retry takes nothing")
        quota.release(taken: 15)
        #expect(quota.available == 17, "a request that succeeded after retries gives back what they took")
        quota.release(taken: 0)
        #expect(quota.available == 18, "a first-try success adds one")
        quota.release(taken: 10)
        #expect(quota.available == 22, "never above the capacity")
        #expect(RetryQuota.standard.available == 500)
    }

    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var calls = 0
        var waits: [Duration] = []
    }

    @Test func anEmptyQuotaStopsRetriesOfEveryCopy() async throws {
        let box = Box()
        let retrier = Retrier(
            policy: RetryPolicy(maxAttempts: 5), random: { 0 }, sleep: { _ in },
            quota: RetryQuota(capacity: 10))
        let copy = retrier
        for r in [retrier, copy, retrier] {
            let status = try await r.run(
                { _ -> Int in
                    box.lock.withLock { box.calls += 1 }
                    return 503
                }, classify: { .response(status: $0, errorCode: "SlowDown", retryAfter: nil) },
                classifyError: { _ in .fatal })
            #expect(status == 503)
        }
        // 10 tokens pay for two retries in all: 3 first attempts + 2 retries.
        #expect(box.calls == 5)
        #expect(retrier.budget.available == 0)
        let ok = try await copy.run(
            { _ -> Int in 200 }, classify: { .response(status: $0, errorCode: nil, retryAfter: nil) },
            classifyError: { _ in .fatal })
        #expect(ok == 200)
        #expect(retrier.budget.available == 1, "a success refills the shared bucket")
    }

    static let slowDownBody =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
        + "<Message>Please reduce your request rate.</Message><RequestId>R1</RequestId></Error>"

    func send(_ sender: AWSRequestSender, to server: LocalHTTPServer, key: String) async throws -> Int {
        try await sender.send(
            service: .s3, operation: "GetObject", region: "us-east-1", scheme: "http",
            host: server.authority, parts: HTTPRequestParts(method: "GET", path: "/bucket/\(key)"),
            credentials: .init(accessKeyId: "AKIATEST", secretAccessKey: "s")
        ).status
    }

    /// After one 503 SlowDown with `Retry-After: 1`, requests started meanwhile wait for the gate:
    /// none reaches the server before the second has passed, and every one then succeeds.
    @Test func aThrottledAnswerHoldsBackEveryRequestOfTheSender() async throws {
        let arrivals = Box()
        let start = ContinuousClock.now
        let seen = TimesBox()
        let server = try LocalHTTPServer { request in
            let n = arrivals.lock.withLock {
                arrivals.calls += 1
                return arrivals.calls
            }
            seen.add(request.path, ContinuousClock.now - start)
            if n == 1 {
                return .text(503, Self.slowDownBody, headers: [("Retry-After", "1")])
            }
            return .text(200, "ok")
        }
        defer { server.stop() }
        let sender = AWSRequestSender(
            transport: try AsyncHTTPTransport(),
            retrier: Retrier(policy: RetryPolicy(maxAttempts: 3), random: { 0 }))
        async let first = send(sender, to: server, key: "first")
        while arrivals.lock.withLock({ arrivals.calls }) < 1 { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(100))
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<8 { group.addTask { try await self.send(sender, to: server, key: "k\(i)") } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(try await first == 200)
        #expect(statuses == Array(repeating: 200, count: 8))
        let times = seen.all
        let throttledAt = try #require(times.first { $0.0 == "/bucket/first" }?.1)
        let others = times.filter { $0.0 != "/bucket/first" }.map(\.1)
        #expect(others.count == 8)
        for t in others {
            #expect(t - throttledAt >= .milliseconds(900), "sent before the gate opened: \(times)")
        }
        #expect(arrivals.calls == 10, "the throttled request retried once, the others went once")
    }

    /// N concurrent requests all answered 503 SlowDown: the shared quota bounds the retries of all.
    @Test func concurrentThrottledRequestsShareOneQuota() async throws {
        let arrivals = Box()
        let server = try LocalHTTPServer { _ in
            arrivals.lock.withLock { arrivals.calls += 1 }
            return .text(503, Self.slowDownBody)
        }
        defer { server.stop() }
        let sender = AWSRequestSender(
            transport: try AsyncHTTPTransport(),
            retrier: Retrier(
                policy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20)), random: { 0.5 },
                quota: RetryQuota(capacity: 15)))
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<6 { group.addTask { try await self.send(sender, to: server, key: "k\(i)") } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 503, count: 6), "the last answer is handed back")
        #expect(arrivals.calls == 6 + 3, "15 tokens pay for three retries among the six requests")
        #expect(sender.retrier.budget.available == 0)
    }
}

final class TimesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, Duration)] = []

    func add(_ path: String, _ t: Duration) { lock.withLock { items.append((path, t)) } }
    var all: [(String, Duration)] { lock.withLock { items } }
}
