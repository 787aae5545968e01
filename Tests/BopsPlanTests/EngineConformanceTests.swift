import BopsJobs
import BopsTestSupport
import Testing

/// ``EngineConformance`` for the scripted engine the planner and reconciler tests run on: it keeps
/// statuses, tokens and tags as the real engines do, without running tasks.
@Suite struct ScriptedEngineConformanceTests {
    @Test(arguments: EngineConformance.Rule.allCases)
    func scriptedEngine(_ rule: EngineConformance.Rule) async throws {
        var request = sampleRequest()
        request.description = "conformance"
        request.tags = [S3Tag(key: "bops:spec", value: "conformance"), S3Tag(key: "team", value: "data")]
        let subject = EngineConformance.Subject(
            engine: ScriptedEngine(), request: request, tasks: 3, runsJobs: false
        ) {}
        try await EngineConformance.check(rule, on: subject)
    }
}
