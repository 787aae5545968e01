import BopsAWS
import BopsAWSModel
import BopsJobs
import BopsSigV4
import Foundation
import Testing

/// The aws engine's role check against a stand-in IAM on 127.0.0.1 that answers as IAM does a
/// caller whose own policies deny it `iam:GetRole` or `iam:SimulatePrincipalPolicy`: a 403
/// `AccessDenied` body of IAM's shape. The check must say it was skipped, never pass.
@Suite(.tags(.process)) struct IAMRoleCheckTests {
    static let role = "arn:aws:iam::111122223333:role/batch-copy"
    static let caller = "arn:aws:iam::111122223333:user/ci"
    static let trust = """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", \
        "Principal": {"Service": "batchoperations.s3.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
        """
    static let needs = [
        NeededPermission(action: "s3:GetObject", resource: "arn:aws:s3:::src/*"),
        NeededPermission(action: "s3:PutObject", resource: "arn:aws:s3:::dst/*"),
    ]

    /// What the stand-in denies.
    struct Denials: Sendable {
        var getRole = false
        var simulate = false
    }

    static func standIn(_ denials: Denials) throws -> LocalHTTPServer {
        try LocalHTTPServer { request in
            let parts = HTTPRequestParts(
                method: request.method, path: request.path,
                headers: request.headers.map { HTTPField($0.name, $0.value) }, body: request.body)
            let read: IAMRequest
            do { read = try IAMRequests.read(parts) } catch { return .text(400, "\(error)") }
            switch read {
            case .getRole(let name):
                if denials.getRole { return denied("iam:GetRole", "role/\(name)") }
                let role = IAMRole(
                    roleName: name, roleId: "AROA12345678901234567", arn: role, createDate: Date(),
                    assumeRolePolicyDocument: trust)
                return .respond(
                    status: 200, headers: [], body: IAMResponses.getRoleBody(role, requestId: "r"))
            case .simulatePrincipalPolicy(let input):
                if denials.simulate { return denied("iam:SimulatePrincipalPolicy", "role/batch-copy") }
                let results = input.actionNames.flatMap { action in
                    (input.resourceArns ?? ["*"]).map {
                        IAMEvaluationResult(
                            actionName: action, resourceName: $0,
                            decision: action == "s3:GetObject" ? .allowed : .implicitDeny)
                    }
                }
                return .respond(
                    status: 200, headers: [],
                    body: IAMResponses.simulatePrincipalPolicyBody(
                        IAMSimulationPage(results: results), requestId: "r"))
            default:
                return .text(400, "unexpected \(read)")
            }
        }
    }

    static func denied(_ action: String, _ resource: String) -> Reply {
        .respond(
            status: 403, headers: [],
            body: IAMResponses.errorBody(
                status: 403, code: "AccessDenied",
                message:
                    "User: \(caller) is not authorized to perform: \(action) on resource: arn:aws:iam::111122223333:\(resource) "
                    + "because no identity-based policy allows the \(action) action",
                requestId: "denied-1"))
    }

    static func engine(_ server: LocalHTTPServer) throws -> AWSEngine {
        try AWSEngine(
            AWSEngineConfiguration(
                region: "eu-west-1",
                environment: AWSEnvironment([
                    "AWS_ENDPOINT_URL_IAM": server.url, "AWS_CONFIG_FILE": "/nonexistent/config",
                    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
                ]),
                retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5)),
                credentials: StaticCredentialProvider(
                    AWSCredentials(accessKeyId: "AKIATEST", secretAccessKey: "test-secret"))))
    }

    @Test func aCallerWhoMayNotSimulateGetsASkippedCheckNotAPass() async throws {
        let server = try Self.standIn(Denials(simulate: true))
        let engine = try Self.engine(server)
        defer { Task { try? await engine.shutdown() } }
        let check = try await engine.checkRole(Self.role, needs: Self.needs)
        #expect(check.roleFound)
        #expect(check.trustsBatchOperations == true)
        #expect(check.results.isEmpty)
        let skipped = try #require(check.skipped)
        #expect(skipped.contains("iam:SimulatePrincipalPolicy"))
        #expect(skipped.contains(Self.role))
        #expect(skipped.contains("AccessDenied"))
    }

    @Test func aCallerWhoMayNotReadTheRoleStillGetsTheSimulation() async throws {
        let server = try Self.standIn(Denials(getRole: true))
        let engine = try Self.engine(server)
        defer { Task { try? await engine.shutdown() } }
        let check = try await engine.checkRole(Self.role, needs: Self.needs)
        #expect(check.trustsBatchOperations == nil)
        #expect(check.results.map(\.decision) == [.allowed, .implicitDeny])
        #expect(check.results.map(\.permission) == Self.needs)
        let skipped = try #require(check.skipped)
        #expect(skipped.contains("iam:GetRole"))
        #expect(skipped.contains("trust policy"))
    }

    @Test func aCallerDeniedBothIsSkippedForBoth() async throws {
        let server = try Self.standIn(Denials(getRole: true, simulate: true))
        let engine = try Self.engine(server)
        defer { Task { try? await engine.shutdown() } }
        let check = try await engine.checkRole(Self.role, needs: Self.needs)
        #expect(check.trustsBatchOperations == nil && check.results.isEmpty)
        let skipped = try #require(check.skipped)
        #expect(skipped.contains("iam:GetRole") && skipped.contains("iam:SimulatePrincipalPolicy"))
    }

    @Test func iamIsCalledGloballyWhateverTheEngineRegion() async throws {
        let server = try Self.standIn(Denials())
        let engine = try Self.engine(server)
        defer { Task { try? await engine.shutdown() } }
        let check = try await engine.checkRole(Self.role, needs: Self.needs)
        #expect(check.skipped == nil)
        let scopes = server.requests.compactMap { $0.header("authorization") }
        #expect(!scopes.isEmpty)
        #expect(scopes.allSatisfy { $0.contains("/us-east-1/iam/aws4_request") }, "\(scopes)")
    }

    @Test func notARoleArnIsARoleNotFound() async throws {
        let server = try Self.standIn(Denials())
        let engine = try Self.engine(server)
        defer { Task { try? await engine.shutdown() } }
        let check = try await engine.checkRole("arn:aws:iam::111122223333:user/ci", needs: Self.needs)
        #expect(!check.roleFound)
        #expect(server.requests.isEmpty)
    }
}
