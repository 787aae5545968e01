public import FoundationEssentials

/// The recorded state: what bops created, one entry per spec name.
///
/// Invariants: `version` is the format version (a newer one is refused, never overwritten); `serial`
/// grows by one on every save and `bopsVersion` names the bops that saved it (both set by
/// ``LockedState/save(_:)``, the only way state is changed); `lineage` is fixed when the state is first
/// created and identifies it across copies. No credential is ever stored here.
public struct State: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    public var serial: Int
    public var lineage: String
    public var bopsVersion: String?
    public var jobs: [String: JobRecord]

    public init(lineage: String = UUID().uuidString.lowercased(), bopsVersion: String? = nil) {
        version = State.currentVersion
        serial = 0
        self.lineage = lineage
        self.bopsVersion = bopsVersion
        jobs = [:]
    }

    enum CodingKeys: String, CodingKey {
        case version, serial, lineage, jobs
        case bopsVersion = "bops_version"
    }
}
