import BopsAWSModel
import BopsJobs

/// S3's `ReplicationConfiguration` document (`Role` and flattened `Rule` elements) to and from
/// the model.
enum ReplicationXML {
    static func decode(_ root: XMLElementNode) throws(APIError) -> ReplicationConfiguration {
        guard let role = root.childText("Role") else {
            throw APIError(400, "MalformedXML", "ReplicationConfiguration needs a Role")
        }
        var rules: [ReplicationRule] = []
        for (index, rule) in root.children("Rule").enumerated() {
            let where_ = "ReplicationConfiguration/Rule[\(index + 1)]"
            guard let statusText = rule.childText("Status"),
                let status = ReplicationRuleStatus(rawValue: statusText)
            else {
                throw APIError(400, "MalformedXML", "\(where_)/Status must be Enabled or Disabled")
            }
            guard let destination = rule.child("Destination"), let bucket = destination.childText("Bucket")
            else {
                throw APIError(400, "MalformedXML", "\(where_)/Destination/Bucket is required")
            }
            var priority: Int?
            if let text = rule.childText("Priority") {
                guard let value = Int(text) else {
                    throw APIError(400, "MalformedXML", "\(where_)/Priority must be an integer")
                }
                priority = value
            }
            var filter: ReplicationRuleFilter?
            if let f = rule.child("Filter") {
                var value = ReplicationRuleFilter(prefix: f.childText("Prefix"), tag: f.child("Tag").map(tag))
                if let and = f.child("And") {
                    value.and = ReplicationRuleAndOperator(
                        prefix: and.childText("Prefix"), tags: and.children("Tag").map(tag))
                }
                filter = value
            } else if let prefix = rule.childText("Prefix") {
                filter = ReplicationRuleFilter(prefix: prefix)
            }
            rules.append(
                ReplicationRule(
                    id: rule.childText("ID"), priority: priority, status: status, filter: filter,
                    destination: ReplicationDestination(
                        bucket: bucket, storageClass: destination.childText("StorageClass"),
                        account: destination.childText("Account")),
                    deleteMarkerReplication: rule.child("DeleteMarkerReplication").map {
                        $0.childText("Status") == "Enabled"
                    }))
        }
        guard !rules.isEmpty else {
            throw APIError(400, "MalformedXML", "ReplicationConfiguration needs a Rule")
        }
        return ReplicationConfiguration(role: role, rules: rules)
    }

    private static func tag(_ element: XMLElementNode) -> S3Tag {
        S3Tag(key: element.childText("Key") ?? "", value: element.childText("Value") ?? "")
    }

    private static func tagElement(_ tag: S3Tag) -> XMLElementNode {
        XMLElementNode(
            "Tag", children: [XMLElementNode("Key", text: tag.key), XMLElementNode("Value", text: tag.value)])
    }

    static func encode(_ configuration: ReplicationConfiguration) -> XMLElementNode {
        var root = XMLElementNode(
            "ReplicationConfiguration", children: [XMLElementNode("Role", text: configuration.role)])
        root.attributes = [XMLAttribute("xmlns", Answer.s3Namespace)]
        for rule in configuration.rules {
            var children: [XMLElementNode] = []
            if let id = rule.id { children.append(XMLElementNode("ID", text: id)) }
            if let priority = rule.priority {
                children.append(XMLElementNode("Priority", text: String(priority)))
            }
            if let filter = rule.filter {
                var f = XMLElementNode("Filter")
                if let prefix = filter.prefix { f.children.append(XMLElementNode("Prefix", text: prefix)) }
                if let tag = filter.tag { f.children.append(tagElement(tag)) }
                if let and = filter.and {
                    var a = XMLElementNode("And")
                    if let prefix = and.prefix { a.children.append(XMLElementNode("Prefix", text: prefix)) }
                    a.children += and.tags.map(tagElement)
                    f.children.append(a)
                }
                children.append(f)
            }
            children.append(XMLElementNode("Status", text: rule.status.rawValue))
            var destination = XMLElementNode(
                "Destination", children: [XMLElementNode("Bucket", text: rule.destination.bucket)])
            if let account = rule.destination.account {
                destination.children.append(XMLElementNode("Account", text: account))
            }
            if let sc = rule.destination.storageClass {
                destination.children.append(XMLElementNode("StorageClass", text: sc))
            }
            children.append(destination)
            if let dmr = rule.deleteMarkerReplication {
                children.append(
                    XMLElementNode(
                        "DeleteMarkerReplication",
                        children: [XMLElementNode("Status", text: dmr ? "Enabled" : "Disabled")]))
            }
            root.children.append(XMLElementNode("Rule", children: children))
        }
        return root
    }
}
