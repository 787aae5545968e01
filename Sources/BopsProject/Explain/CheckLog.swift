import Synchronization

/// Where the checks of a build record what they did (``CheckRecord``), by spec name: a split
/// spec's parts under the spec's name. Given to ``DesiredJobs/checkLog`` by `bops plan --explain`;
/// without one nothing is recorded.
public final class CheckLog: Sendable {
    private let records = Mutex<[String: [CheckRecord]]>([:])

    public init() {}

    /// Adds `record` to the records of `spec`.
    public func record(_ record: CheckRecord, spec: String) {
        records.withLock { $0[spec, default: []].append(record) }
    }

    /// The records of `spec`, in the order the checks ran.
    public func records(of spec: String) -> [CheckRecord] {
        records.withLock { $0[spec] ?? [] }
    }

    /// The names of the specs with records.
    public var specs: [String] { records.withLock { $0.keys.sorted() } }
}

/// A ``CheckLog`` bound to one spec, carried by the checks that run for it.
public struct CheckRecorder: Sendable {
    public let log: CheckLog
    public let spec: String

    public init(log: CheckLog, spec: String) {
        self.log = log
        self.spec = spec
    }

    func record(_ record: CheckRecord) { log.record(record, spec: spec) }
}
