/// Something a reviewer should know about a job before it runs: what cannot be undone, what makes
/// objects public, what costs more than it needs to, what hits a limit. Each has a stable ``ID``
/// (`spec.acknowledge` names it, and the plan then notes the spec's reason instead) and the key
/// of the spec it comes from.
public struct Risk: Codable, Sendable, Hashable {
    /// The risks bops knows, by the name `spec.acknowledge` takes.
    public enum ID: String, Codable, Sendable, Hashable, CaseIterable {
        case complianceRetention
        case legalHold
        case deleteTags
        case tagsReplaced
        case metadataReplaced
        case inPlaceCopy
        case publicAcl
        case minimumStorage
        case standardRestore
        case largeGeneratedManifest
        case oversizeObjects
        case replicationJobLimit

        public var kind: Kind {
            switch self {
            case .complianceRetention, .legalHold, .deleteTags, .tagsReplaced, .metadataReplaced,
                .inPlaceCopy:
                .irreversible
            case .publicAcl: .public
            case .minimumStorage, .standardRestore, .largeGeneratedManifest: .costly
            case .oversizeObjects, .replicationJobLimit: .limit
            }
        }
    }

    public enum Kind: String, Codable, Sendable, Hashable {
        case irreversible
        case `public`
        case costly
        case limit
    }

    public var id: ID
    public var kind: Kind
    public var summary: String
    /// Where in the spec: file, 1-based line and column, and the JSON pointer of the key.
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var pointer: String?
    /// The spec's reason, when `spec.acknowledge` names this risk.
    public var acknowledged: String?

    public init(
        _ id: ID, _ summary: String, file: String?, line: Int?, column: Int?, pointer: String?,
        acknowledged: String? = nil
    ) {
        self.id = id
        kind = id.kind
        self.summary = summary
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.acknowledged = acknowledged
    }

    /// `specs/a.yaml:12:7`, or the file alone, or nothing.
    public var place: String? {
        guard let file else { return nil }
        guard let line, let column else { return file }
        return "\(file):\(line):\(column)"
    }
}
