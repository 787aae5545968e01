import BopsState
import BopsTestSupport
import Testing

@testable import BopsAWS

/// ``StateStoreConformance`` for the S3 state backend over real HTTP against moto's S3 server:
/// each rule on a versioned bucket of its own.
@Suite(.enabled(if: Moto.available, Moto.skipMessage), .tags(.process))
struct StateStoreConformanceOverMotoTests {
    @Test(arguments: StateStoreConformance.Rule.allCases)
    func s3Store(_ rule: StateStoreConformance.Rule) async throws {
        let moto = try MotoFixture()
        defer { Task { try? await moto.engine.shutdown() } }
        let bucket = MotoFixture.uniqueBucket("conformance")
        try await moto.createBucket(bucket)
        try await moto.enableVersioning(bucket)
        let store = S3StateStore(
            bucket: bucket, key: "bops/state.json", objects: S3ConditionalClient(engine: moto.engine),
            firstPause: .milliseconds(5))
        try await StateStoreConformance.check(rule, on: store)
    }
}
