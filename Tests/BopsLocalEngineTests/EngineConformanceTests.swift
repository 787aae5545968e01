import BopsJobs
import BopsTestSupport
import Testing

@testable import BopsLocalEngine

/// ``EngineConformance`` for the embedded local engine: it prepares and runs jobs when asked to
/// work, over its on-disk object store.
@Suite struct LocalEngineConformanceTests {
    @Test(arguments: EngineConformance.Rule.allCases)
    func localEngine(_ rule: EngineConformance.Rule) async throws {
        let f = try Fixture()
        try f.store.createBucket("src")
        try f.store.createBucket("dest")
        let keys = try f.putObjects("src", count: 4)
        let manifest = try await f.csvManifest(keys.map { "src,\($0)" })
        let request = f.request(copyOp(), manifest: manifest, token: "", confirm: true)
        let engine = f.engine
        let subject = EngineConformance.Subject(engine: engine, request: request, tasks: 4, runsJobs: true) {
            try await engine.work()
        }
        try await EngineConformance.check(rule, on: subject)
        withExtendedLifetime(f) {}
    }
}
