import BopsTestSupport
import Foundation

@testable import BopsAWS

/// Builds the default credential chain over an environment made only of `values`, with the home
/// folder, config files and IMDS pointed away from the machine's own (IMDS off unless asked for).
struct ChainFixture {
    let dir: TempFolder
    let environment: AWSEnvironment
    let transport: AsyncHTTPTransport

    init(_ values: [String: String], dir: TempFolder? = nil) throws {
        let dir = try dir ?? TempFolder(prefix: "bops-aws")
        var all = [
            "HOME": dir.path,
            "AWS_CONFIG_FILE": dir.path + "/config",
            "AWS_SHARED_CREDENTIALS_FILE": dir.path + "/credentials",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        all.merge(values) { _, new in new }
        self.dir = dir
        self.environment = AWSEnvironment(all)
        self.transport = try AsyncHTTPTransport()
    }

    func chain(clock: @escaping @Sendable () -> Date = { Date() }) throws -> CredentialChain {
        let shared = try SharedConfig.load(environment: environment)
        let sender = AWSRequestSender(
            transport: transport, retrier: Retrier(policy: RetryPolicy(maxAttempts: 2)))
        let sts = STSClient(
            sender: sender, endpoints: try AWSEndpoints(environment: environment), region: "us-east-1")
        return CredentialChain(
            sources: try CredentialChain.standardSources(
                environment: environment, config: shared, sts: sts, transport: transport),
            clock: clock)
    }

    func resolve() async throws -> ResolvedCredentials {
        defer { Task { [transport] in try? await transport.shutdown() } }
        return try await chain().credentials()
    }
}
