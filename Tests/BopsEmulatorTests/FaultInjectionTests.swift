import BopsEmulator
import Foundation
import Testing

@Suite(.tags(.process)) struct FaultInjectionTests {
    static let account = ["x-amz-account-id": "123456789012"]

    /// Statuses and codes of `count` sequential ListJobs answers from a server with these faults.
    func sequence(_ faults: FaultInjection, count: Int) async throws -> [String] {
        try await withEmulator({
            $0.verifySignatures = false
            $0.faults = faults
        }) { _, running in
            var out: [String] = []
            for _ in 0..<count {
                let answer = await send(
                    "GET", running.endpoint.url + "/v20180820/jobs", headers: Self.account)
                let code = element("Code", in: answer.body) ?? "-"
                out.append("\(answer.status.map(String.init) ?? "dropped") \(code)")
            }
            return out
        }
    }

    @Test func rateOneAnswersEveryRequestWithAConfiguredFault() async throws {
        let answers = try await sequence(FaultInjection(rate: 1, seed: 7), count: 40)
        let allowed: Set<String> = [
            "500 InternalServiceException", "503 SlowDown", "429 TooManyRequestsException",
        ]
        #expect(answers.allSatisfy { allowed.contains($0) }, "\(answers)")
        #expect(Set(answers) == allowed, "40 draws should use every kind: \(Set(answers))")
    }

    @Test func theSameSeedGivesTheSameSequence() async throws {
        let faults = FaultInjection(rate: 0.5, seed: 7)
        let first = try await sequence(faults, count: 30)
        let second = try await sequence(faults, count: 30)
        let other = try await sequence(FaultInjection(rate: 0.5, seed: 8), count: 30)
        #expect(first == second)
        #expect(first != other)
        #expect(first.contains("200 -") && first.contains { !$0.hasPrefix("200") }, "\(first)")
    }

    @Test func theRateIsTheShareOfFaultyAnswers() async throws {
        let answers = try await sequence(FaultInjection(rate: 0.1, seed: 42), count: 300)
        let faults = answers.filter { !$0.hasPrefix("200") }.count
        #expect((15...45).contains(faults), "\(faults) faults in 300 answers at rate 0.1")
    }

    @Test func droppedConnectionsGetNoAnswer() async throws {
        let answers = try await sequence(FaultInjection(rate: 1, seed: 1, kinds: [.dropConnection]), count: 3)
        #expect(answers == ["dropped -", "dropped -", "dropped -"])
    }

    @Test func s3PathsAnswerWithS3ErrorBodies() async throws {
        try await withEmulator({
            $0.verifySignatures = false
            $0.faults = FaultInjection(rate: 1, seed: 3, kinds: [.internalError])
        }) { _, running in
            let answer = await send("GET", running.endpoint.url + "/bucket?list-type=2")
            #expect(answer.status == 500)
            #expect(answer.body.contains("<Error><Code>InternalError</Code>"), "\(answer.body)")
            #expect(answer.headers["x-amz-request-id"]?.count == 16)
        }
    }

    @Test func latencyIsAddedToEveryAnswer() async throws {
        try await withEmulator({
            $0.verifySignatures = false
            $0.faults = FaultInjection(latency: .milliseconds(300))
        }) { _, running in
            let start = ContinuousClock.now
            let answer = await send("GET", running.endpoint.url + "/v20180820/jobs", headers: Self.account)
            #expect(answer.status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }
}
