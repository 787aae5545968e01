import BopsJobs

/// S3's `ReplicationConfiguration`: `Role` and flattened `Rule` elements.
extension ReplicationConfiguration: XMLStructure {
    static var blank: Self { Self(role: "", rules: []) }
    static var members: [XMLMember<Self>] { [.value("Role", \.role), .flattened("Rule", \.rules)] }
}

/// `ReplicationRule`, members in the model's order. The legacy rule-level `Prefix` reads as
/// `filter.prefix`; `DeleteMarkerReplication` is `<Status>Enabled|Disabled</Status>`.
extension ReplicationRule: XMLShape {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        guard let destination = reader.child("Destination") else { throw reader.missing("Destination") }
        guard let status: ReplicationRuleStatus = try reader.value("Status") else {
            throw reader.missing("Status")
        }
        var filter = try reader.child("Filter").map { f throws(AWSShapeError) in
            try ReplicationRuleFilter(xml: f)
        }
        if filter == nil, let prefix = reader.string("Prefix") {
            filter = ReplicationRuleFilter(prefix: prefix)
        }
        var deleteMarkers: Bool?
        if let marker = reader.child("DeleteMarkerReplication") {
            let text: ReplicationRuleStatus? = try marker.value("Status")
            deleteMarkers = text.map { $0 == .enabled }
        }
        self.init(
            id: reader.string("ID"), priority: try reader.int("Priority"), status: status, filter: filter,
            destination: try ReplicationDestination(xml: destination), deleteMarkerReplication: deleteMarkers)
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        var e = XMLElementNode(name)
        e.append("ID", id)
        e.append("Priority", priority.map { String($0) })
        e.append(filter?.xml("Filter", style))
        e.append("Status", status.rawValue)
        e.append(destination.xml("Destination", style))
        if let deleteMarkerReplication {
            e.append(
                XMLElementNode(
                    "DeleteMarkerReplication",
                    children: [
                        XMLElementNode("Status", text: deleteMarkerReplication ? "Enabled" : "Disabled")
                    ]))
        }
        return e
    }
}

/// `ReplicationRuleFilter`: at most one of `Prefix`, `Tag`, `And`.
extension ReplicationRuleFilter: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [.value("Prefix", \.prefix), .shape("Tag", \.tag), .shape("And", \.and)]
    }
}

/// `ReplicationRuleAndOperator`: `Prefix` and flattened `Tag` elements.
extension ReplicationRuleAndOperator: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] { [.value("Prefix", \.prefix), .flattened("Tag", \.tags)] }
}

/// `Destination`: `Bucket` required.
extension ReplicationDestination: XMLStructure {
    static var blank: Self { Self(bucket: "") }
    static var members: [XMLMember<Self>] {
        [.value("Bucket", \.bucket), .value("Account", \.account), .value("StorageClass", \.storageClass)]
    }
}
