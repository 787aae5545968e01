import BopsAWS
import BopsEmulator
import BopsState
import BopsTestSupport
import Testing

/// ``StateStoreConformance`` for the S3 state backend over real HTTP, SigV4 signed and verified,
/// against `bops emulator`: each rule on a bucket of its own.
@Suite("state store conformance over bops emulator", .tags(.process))
struct StateStoreConformanceOverEmulatorTests {
    @Test(arguments: StateStoreConformance.Rule.allCases)
    func s3Store(_ rule: StateStoreConformance.Rule) async throws {
        let dir = try TempFolder(prefix: "bops-emulator-tests")
        let server = try EmulatorServer(
            configuration: .init(dataDir: dir.path, credentials: ["AKIDCONFORMANCE": "conformance-secret"]))
        try server.engine.store.createBucket("team-state", versioning: .enabled)
        let running = try await server.start()
        do {
            let engine = try AWSEngine(
                AWSEngineConfiguration(
                    region: "us-east-1",
                    environment: AWSEnvironment([
                        "AWS_ENDPOINT_URL": running.endpoint.url, "AWS_ACCESS_KEY_ID": "AKIDCONFORMANCE",
                        "AWS_SECRET_ACCESS_KEY": "conformance-secret", "AWS_EC2_METADATA_DISABLED": "true",
                        "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                    ])))
            let store = S3StateStore(
                bucket: "team-state", key: "bops/state.json", objects: S3ConditionalClient(engine: engine),
                firstPause: .milliseconds(5))
            try await StateStoreConformance.check(rule, on: store)
            try await engine.shutdown()
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }
}
