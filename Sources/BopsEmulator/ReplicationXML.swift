import BopsJobs

/// S3's `ReplicationConfiguration` document (`Role` and flattened `Rule` elements) to and from
/// the model.
enum ReplicationXML {
    static func decode(_ root: XElement) throws(APIError) -> ReplicationConfiguration {
        guard let role = root.value("Role") else {
            throw APIError(400, "MalformedXML", "ReplicationConfiguration needs a Role")
        }
        var rules: [ReplicationRule] = []
        for (index, rule) in root.children.filter({ $0.name == "Rule" }).enumerated() {
            let where_ = "ReplicationConfiguration/Rule[\(index + 1)]"
            guard let statusText = rule.value("Status"),
                let status = ReplicationRuleStatus(rawValue: statusText)
            else {
                throw APIError(400, "MalformedXML", "\(where_)/Status must be Enabled or Disabled")
            }
            guard let destination = rule.child("Destination"), let bucket = destination.value("Bucket") else {
                throw APIError(400, "MalformedXML", "\(where_)/Destination/Bucket is required")
            }
            var priority: Int?
            if let text = rule.value("Priority") {
                guard let value = Int(text) else {
                    throw APIError(400, "MalformedXML", "\(where_)/Priority must be an integer")
                }
                priority = value
            }
            var filter: ReplicationRuleFilter?
            if let f = rule.child("Filter") {
                var value = ReplicationRuleFilter(prefix: f.value("Prefix"), tag: f.child("Tag").map(tag))
                if let and = f.child("And") {
                    value.and = ReplicationRuleAndOperator(
                        prefix: and.value("Prefix"), tags: and.children.filter { $0.name == "Tag" }.map(tag))
                }
                filter = value
            } else if let prefix = rule.value("Prefix") {
                filter = ReplicationRuleFilter(prefix: prefix)
            }
            rules.append(
                ReplicationRule(
                    id: rule.value("ID"), priority: priority, status: status, filter: filter,
                    destination: ReplicationDestination(
                        bucket: bucket, storageClass: destination.value("StorageClass"),
                        account: destination.value("Account")),
                    deleteMarkerReplication: rule.child("DeleteMarkerReplication").map {
                        $0.value("Status") == "Enabled"
                    }))
        }
        guard !rules.isEmpty else {
            throw APIError(400, "MalformedXML", "ReplicationConfiguration needs a Rule")
        }
        return ReplicationConfiguration(role: role, rules: rules)
    }

    private static func tag(_ element: XElement) -> S3Tag {
        S3Tag(key: element.value("Key") ?? "", value: element.value("Value") ?? "")
    }

    private static func tagElement(_ tag: S3Tag) -> XElement {
        XElement("Tag", children: [XElement("Key", text: tag.key), XElement("Value", text: tag.value)])
    }

    static func encode(_ configuration: ReplicationConfiguration) -> XElement {
        var root = XElement(
            "ReplicationConfiguration", children: [XElement("Role", text: configuration.role)])
        root.attributes["xmlns"] = Answer.s3Namespace
        for rule in configuration.rules {
            var children: [XElement] = []
            if let id = rule.id { children.append(XElement("ID", text: id)) }
            if let priority = rule.priority { children.append(XElement("Priority", text: String(priority))) }
            if let filter = rule.filter {
                var f = XElement("Filter")
                if let prefix = filter.prefix { f.children.append(XElement("Prefix", text: prefix)) }
                if let tag = filter.tag { f.children.append(tagElement(tag)) }
                if let and = filter.and {
                    var a = XElement("And")
                    if let prefix = and.prefix { a.children.append(XElement("Prefix", text: prefix)) }
                    a.children += and.tags.map(tagElement)
                    f.children.append(a)
                }
                children.append(f)
            }
            children.append(XElement("Status", text: rule.status.rawValue))
            var destination = XElement(
                "Destination", children: [XElement("Bucket", text: rule.destination.bucket)])
            if let account = rule.destination.account {
                destination.children.append(XElement("Account", text: account))
            }
            if let sc = rule.destination.storageClass {
                destination.children.append(XElement("StorageClass", text: sc))
            }
            children.append(destination)
            if let dmr = rule.deleteMarkerReplication {
                children.append(
                    XElement(
                        "DeleteMarkerReplication",
                        children: [XElement("Status", text: dmr ? "Enabled" : "Disabled")]))
            }
            root.children.append(XElement("Rule", children: children))
        }
        return root
    }
}
