public import BopsJobs

/// The S3 Inventory configuration calls plan-time checks read (GetBucketInventoryConfiguration,
/// ListBucketInventoryConfigurations) and the emulator serves with PutBucketInventoryConfiguration
/// and DeleteBucketInventoryConfiguration: requests as the client sends them and as a server reads
/// them.
extension S3Requests {
    /// `GET /{bucket}?inventory&id={id}`.
    public static func getBucketInventoryConfiguration(
        bucket: String, id: String, addressing: S3Addressing
    ) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "GET", path: bucketPath(bucket: bucket, addressing: addressing),
            query: [QueryItem("inventory", nil), QueryItem("id", id)])
    }

    /// `GET /{bucket}?inventory`, from `continuationToken` when given.
    public static func listBucketInventoryConfigurations(
        bucket: String, continuationToken: String? = nil, addressing: S3Addressing
    ) -> HTTPRequestParts {
        var query = [QueryItem("inventory", nil)]
        if let continuationToken { query.append(QueryItem("continuation-token", continuationToken)) }
        return HTTPRequestParts(
            method: "GET", path: bucketPath(bucket: bucket, addressing: addressing), query: query)
    }

    /// A PutBucketInventoryConfiguration body as a server reads it: `InventoryConfiguration`, whose
    /// `Id` must be the query's `id`.
    public static func readPutBucketInventoryConfiguration(
        _ request: HTTPRequestParts, id: String
    ) throws(AWSShapeError) -> InventoryConfiguration {
        let root = try ShapeReader.body(
            request.body, root: "InventoryConfiguration", operation: "PutBucketInventoryConfiguration",
            isRequest: true)
        let configuration = try InventoryConfiguration(xml: root)
        guard configuration.id == id else {
            throw root.error(
                "Id", "the configuration's Id '\(configuration.id)' is not the query's id '\(id)'")
        }
        return configuration
    }
}

extension S3Responses {
    /// GetBucketInventoryConfiguration's answer; `nil` for the 404 `NoSuchConfiguration`.
    public static func inventoryConfiguration(_ response: HTTPResponseParts) throws -> InventoryConfiguration?
    {
        if try absent(response, "NoSuchConfiguration") { return nil }
        return try InventoryConfiguration(
            xml: try ShapeReader.body(
                response.body, root: "InventoryConfiguration", operation: "GetBucketInventoryConfiguration"))
    }

    /// The `InventoryConfiguration` body of GetBucketInventoryConfiguration.
    public static func inventoryConfigurationBody(_ configuration: InventoryConfiguration) -> [UInt8] {
        document(configuration.xml("InventoryConfiguration", .response))
    }

    /// One page of ListBucketInventoryConfigurations: the configurations and the next page's token.
    public static func inventoryConfigurations(
        _ response: HTTPResponseParts
    ) throws -> (configurations: [InventoryConfiguration], nextToken: String?) {
        guard response.isSuccess else { throw AWSErrors.engineError(response) }
        let root = try ShapeReader.body(
            response.body, root: "ListInventoryConfigurationsResult",
            operation: "ListBucketInventoryConfigurations")
        let configurations = try root.flattened("InventoryConfiguration").map { c throws(AWSShapeError) in
            try InventoryConfiguration(xml: c)
        }
        let truncated = try root.bool("IsTruncated") ?? false
        return (configurations, truncated ? root.string("NextContinuationToken") : nil)
    }

    /// The `ListInventoryConfigurationsResult` body: every configuration on one page.
    public static func inventoryConfigurationsBody(_ configurations: [InventoryConfiguration]) -> [UInt8] {
        var root = XMLElementNode(
            "ListInventoryConfigurationsResult",
            children: configurations.map { $0.xml("InventoryConfiguration", .response) })
        root.append("IsTruncated", "false")
        return document(root)
    }
}

/// `InventoryConfiguration`: `Destination/S3BucketDestination` (`AccountId`, `Bucket`, `Format`,
/// `Prefix`), `IsEnabled`, `Filter/Prefix`, `Id`, `IncludedObjectVersions`, `OptionalFields/Field`,
/// `Schedule/Frequency`.
extension InventoryConfiguration: XMLShape {
    init(xml reader: ShapeReader) throws(AWSShapeError) {
        guard let destination = reader.child("Destination")?.child("S3BucketDestination") else {
            throw reader.missing("Destination")
        }
        guard let enabled = try reader.bool("IsEnabled") else { throw reader.missing("IsEnabled") }
        let versions = try reader.required("IncludedObjectVersions")
        guard let included = IncludedVersions(rawValue: versions) else {
            throw reader.error("IncludedObjectVersions", "expected All or Current, found '\(versions)'")
        }
        guard let schedule = reader.child("Schedule") else { throw reader.missing("Schedule") }
        self.init(
            id: try reader.required("Id"), enabled: enabled, includedObjectVersions: included,
            destinationBucket: try destination.required("Bucket"),
            destinationPrefix: destination.string("Prefix"),
            destinationAccount: destination.string("AccountId"),
            format: try destination.required("Format"), frequency: try schedule.required("Frequency"),
            prefix: reader.child("Filter")?.string("Prefix"),
            optionalFields: try reader.list("OptionalFields", member: "Field")?.map(\.text) ?? [])
    }

    func xml(_ name: String, _ style: TimestampStyle) -> XMLElementNode {
        var destination = XMLElementNode("S3BucketDestination")
        destination.append("AccountId", destinationAccount)
        destination.append("Bucket", destinationBucket)
        destination.append("Format", format)
        destination.append("Prefix", destinationPrefix)
        var e = XMLElementNode(name, children: [XMLElementNode("Destination", children: [destination])])
        e.append("IsEnabled", String(enabled))
        if let prefix {
            e.append(XMLElementNode("Filter", children: [XMLElementNode("Prefix", text: prefix)]))
        }
        e.append("Id", id)
        e.append("IncludedObjectVersions", includedObjectVersions.rawValue)
        if !optionalFields.isEmpty {
            e.append(
                XMLElementNode(
                    "OptionalFields", children: optionalFields.map { XMLElementNode("Field", text: $0) }))
        }
        e.append(XMLElementNode("Schedule", children: [XMLElementNode("Frequency", text: frequency)]))
        return e
    }
}
