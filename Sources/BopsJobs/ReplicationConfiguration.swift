/// A bucket's replication configuration, as S3's `ReplicationConfiguration`.
public struct ReplicationConfiguration: Codable, Sendable, Hashable {
    public var role: String
    public var rules: [ReplicationRule]

    public init(role: String, rules: [ReplicationRule]) {
        self.role = role
        self.rules = rules
    }

    /// The enabled rules whose filter matches the object, highest priority first.
    public func rules(matchingKey key: String, tags: [S3Tag]) -> [ReplicationRule] {
        rules.enumerated()
            .filter {
                $0.element.status == .enabled && ($0.element.filter?.matches(key: key, tags: tags) ?? true)
            }
            .sorted { ($0.element.priority ?? 0, -$0.offset) > ($1.element.priority ?? 0, -$1.offset) }
            .map(\.element)
    }
}

public enum ReplicationRuleStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case enabled = "Enabled"
    case disabled = "Disabled"
}

/// One rule. A rule without `filter` applies to every object (the legacy `Prefix` form is `filter.prefix`).
public struct ReplicationRule: Codable, Sendable, Hashable {
    public var id: String?
    public var priority: Int?
    public var status: ReplicationRuleStatus
    public var filter: ReplicationRuleFilter?
    public var destination: ReplicationDestination
    public var deleteMarkerReplication: Bool?

    public init(
        id: String? = nil, priority: Int? = nil, status: ReplicationRuleStatus = .enabled,
        filter: ReplicationRuleFilter? = nil, destination: ReplicationDestination,
        deleteMarkerReplication: Bool? = nil
    ) {
        self.id = id
        self.priority = priority
        self.status = status
        self.filter = filter
        self.destination = destination
        self.deleteMarkerReplication = deleteMarkerReplication
    }

    enum CodingKeys: String, CodingKey {
        case id, priority, status, filter, destination
        case deleteMarkerReplication = "delete_marker_replication"
    }
}

/// A rule filter: at most one of `prefix`, `tag`, `and` (S3's shape).
public struct ReplicationRuleFilter: Codable, Sendable, Hashable {
    public var prefix: String?
    public var tag: S3Tag?
    public var and: ReplicationRuleAndOperator?

    public init(prefix: String? = nil, tag: S3Tag? = nil, and: ReplicationRuleAndOperator? = nil) {
        self.prefix = prefix
        self.tag = tag
        self.and = and
    }

    /// Whether an object with this key and these tags falls under the filter.
    public func matches(key: String, tags: [S3Tag]) -> Bool {
        if let prefix, !key.hasPrefix(prefix) { return false }
        if let tag, !tags.contains(tag) { return false }
        if let and {
            if let p = and.prefix, !key.hasPrefix(p) { return false }
            if !and.tags.allSatisfy({ tags.contains($0) }) { return false }
        }
        return true
    }
}

public struct ReplicationRuleAndOperator: Codable, Sendable, Hashable {
    public var prefix: String?
    public var tags: [S3Tag]

    public init(prefix: String? = nil, tags: [S3Tag] = []) {
        self.prefix = prefix
        self.tags = tags
    }
}

/// `bucket` is the destination bucket ARN; `storageClass` overrides the source's when set.
public struct ReplicationDestination: Codable, Sendable, Hashable {
    public var bucket: String
    public var storageClass: String?
    public var account: String?

    public init(bucket: String, storageClass: String? = nil, account: String? = nil) {
        self.bucket = bucket
        self.storageClass = storageClass
        self.account = account
    }

    enum CodingKeys: String, CodingKey {
        case bucket, account
        case storageClass = "storage_class"
    }
}
