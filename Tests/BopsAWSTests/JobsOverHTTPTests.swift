import BopsAWSModel
import BopsJobs
import BopsSigV4
import Foundation
import Logging
import Testing

@testable import BopsAWS

/// The job API over real HTTP against a small S3 Control stand-in on 127.0.0.1.
@Suite(.tags(.process)) struct JobsOverHTTPTests {
    static let account = "111122223333"

    /// A stand-in for CreateJob that honours ClientRequestToken like AWS: one job per token.
    final class JobsStandIn: @unchecked Sendable {
        let lock = NSLock()
        var jobsByToken: [String: String] = [:]
        var dropFirstAnswer = true

        func handle(_ request: ReceivedRequest) -> Reply {
            lock.withLock {
                guard request.method == "POST", request.path == "/v20180820/jobs" else {
                    return .text(404, "")
                }
                let body = String(decoding: request.body, as: UTF8.self)
                guard let start = body.range(of: "<ClientRequestToken>"),
                    let end = body.range(of: "</ClientRequestToken>")
                else {
                    return .text(400, "<Error><Code>BadRequest</Code><Message>no token</Message></Error>")
                }
                let token = String(body[start.upperBound..<end.lowerBound])
                let id = jobsByToken[token] ?? "job-\(jobsByToken.count + 1)"
                jobsByToken[token] = id
                if dropFirstAnswer {
                    dropFirstAnswer = false
                    return .drop
                }
                return .text(200, "<CreateJobResult><JobId>\(id)</JobId></CreateJobResult>")
            }
        }
    }

    static func engine(_ server: LocalHTTPServer, logger: Logger = silentLogger) throws -> AWSEngine {
        try AWSEngine(
            AWSEngineConfiguration(
                region: "us-east-1",
                environment: AWSEnvironment([
                    "AWS_ENDPOINT_URL_S3_CONTROL": server.url, "AWS_CONFIG_FILE": "/nonexistent/config",
                    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
                ]),
                logger: logger, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5)),
                credentials: StaticCredentialProvider(
                    AWSCredentials(accessKeyId: "AKIATEST", secretAccessKey: "test-secret"))))
    }

    static func request(token: String) -> CreateJobRequest {
        CreateJobRequest(
            accountId: account, confirmationRequired: false,
            operation: .s3PutObjectCopy(S3CopyObjectOperation(targetResource: "arn:aws:s3:::dst")),
            report: .disabled, clientRequestToken: token,
            manifest: JobManifest(
                spec: JobManifestSpec(format: .csv, fields: [.bucket, .key]),
                location: JobManifestLocation(objectArn: "arn:aws:s3:::m/manifest.csv", eTag: "abc")),
            priority: 10, roleArn: "arn:aws:iam::\(account):role/batch")
    }

    @Test func retriedCreateJobAfterADroppedAnswerYieldsOneJob() async throws {
        let standIn = JobsStandIn()
        let server = try LocalHTTPServer { standIn.handle($0) }
        defer { server.stop() }
        let engine = try Self.engine(server)
        let id = try await engine.createJob(Self.request(token: "bops-spec-1234"))
        try await engine.shutdown()
        #expect(id == "job-1")
        #expect(standIn.jobsByToken == ["bops-spec-1234": "job-1"])
        let posts = server.requests
        #expect(posts.count == 2)
        #expect(posts[0].body == posts[1].body)
        #expect(posts.allSatisfy { $0.header("x-amz-account-id") == Self.account })
        #expect(
            posts.allSatisfy { $0.header("Authorization")?.contains("/us-east-1/s3/aws4_request") == true })
        #expect(posts[0].header("X-Amz-Content-SHA256") == posts[0].body.sha256Hex)
    }

    @Test func throttledAndFailingAnswersAreRetriedThenReported() async throws {
        let count = Counter()
        let server = try LocalHTTPServer { request in
            let n = count.next()
            if n == 1 {
                return .text(
                    503,
                    "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
                    headers: [("Retry-After", "0")])
            }
            if n == 2 { return .text(500, "") }
            return .text(
                404,
                "<ErrorResponse><Error><Code>NoSuchJob</Code><Message>The specified job does not exist</Message></Error><RequestId>REQ-77</RequestId></ErrorResponse>",
                headers: [("x-amz-request-id", "REQ-77")])
        }
        defer { server.stop() }
        let engine = try Self.engine(server)
        defer { Task { try? await engine.shutdown() } }
        await #expect {
            _ = try await engine.describeJob(accountId: Self.account, jobId: "missing")
        } throws: { error in
            guard let error = error as? EngineError else { return false }
            return error.isNoSuchJob && error.requestId == "REQ-77" && error.httpStatus == 404
        }
        #expect(server.requests.count == 3)
        #expect(server.requests[0].path == "/v20180820/jobs/missing")
    }

    @Test func listAllJobsFollowsNextToken() async throws {
        let server = try LocalHTTPServer { request in
            let page2 = request.target.contains("nextToken=p2")
            let rows = (page2 ? ["c"] : ["a", "b"]).map {
                "<member><JobId>\($0)</JobId><Status>Complete</Status><Priority>1</Priority></member>"
            }.joined()
            return .text(
                200,
                "<ListJobsResult><Jobs>\(rows)</Jobs>\(page2 ? "" : "<NextToken>p2</NextToken>")</ListJobsResult>"
            )
        }
        defer { server.stop() }
        let engine = try Self.engine(server)
        defer { Task { try? await engine.shutdown() } }
        let jobs = try await engine.listAllJobs(accountId: Self.account, statuses: [.complete])
        #expect(jobs.map(\.jobId) == ["a", "b", "c"])
        #expect(server.requests.count == 2)
        #expect(server.requests[0].target.contains("jobStatuses=Complete"))
    }

    @Test func connectionRefusedIsATransportErrorAfterTheRetries() async throws {
        let server = try LocalHTTPServer { _ in .text(200, "") }
        server.stop()
        let engine = try Self.engine(server)
        defer { Task { try? await engine.shutdown() } }
        await #expect {
            _ = try await engine.getJobTagging(accountId: Self.account, jobId: "x")
        } throws: { error in
            (error as? TransportError)?.kind == .connection
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}

extension Array where Element == UInt8 {
    var sha256Hex: String { PayloadHash.bytes(self).value }
}
