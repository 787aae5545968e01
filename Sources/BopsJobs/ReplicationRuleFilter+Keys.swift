extension ReplicationRuleFilter {
    /// Whether an object with this key falls under the filter when its tags are not known: `true`
    /// by the key alone, `false` when the prefix rules it out, `nil` when its tags decide.
    public func matches(key: String) -> Bool? {
        if let prefix, !key.hasPrefix(prefix) { return false }
        if let p = and?.prefix, !key.hasPrefix(p) { return false }
        if tag != nil || !(and?.tags.isEmpty ?? true) { return nil }
        return true
    }
}

extension ReplicationConfiguration {
    /// Whether some enabled rule replicates an object with this key whose tags are not known:
    /// `true` when a rule's filter takes it by its key, `false` when every rule's prefix rules it
    /// out, `nil` when only rules with tag filters could take it.
    public func replicates(key: String) -> Bool? {
        var byTags = false
        for rule in rules where rule.status == .enabled {
            // A rule without a filter takes every key.
            let decision: Bool? = rule.filter.map { $0.matches(key: key) } ?? true
            switch decision {
            case true?: return true
            case nil: byTags = true
            case false?: continue
            }
        }
        return byTags ? nil : false
    }
}
