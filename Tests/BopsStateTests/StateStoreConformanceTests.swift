import BopsState
import BopsTestSupport
import Testing

/// ``StateStoreConformance`` against the stores that live in this process: the file store and
/// the in-memory store of the tests. S3 over the emulator and over moto run it in their targets.
@Suite struct StateStoreConformanceTests {
    @Test(arguments: StateStoreConformance.Rule.allCases)
    func fileStore(_ rule: StateStoreConformance.Rule) async throws {
        let folder = try TempFolder()
        try await StateStoreConformance.check(rule, on: FileStateStore(path: folder.file(".bops/state.json")))
    }

    @Test(arguments: StateStoreConformance.Rule.allCases)
    func inMemoryStore(_ rule: StateStoreConformance.Rule) async throws {
        try await StateStoreConformance.check(rule, on: InMemoryStateStore())
    }

    @Test(arguments: StateStoreConformance.Rule.allCases)
    func s3StoreOverTheInMemoryObjectStore(_ rule: StateStoreConformance.Rule) async throws {
        try await StateStoreConformance.check(rule, on: s3Store(InMemoryObjectStore()))
    }
}
