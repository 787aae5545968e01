/// One S3 Inventory configuration of a bucket (GetBucketInventoryConfiguration), as far as plan-time
/// checks read it: where its reports go, in which format, and whether they list every version.
public struct InventoryConfiguration: Sendable, Hashable, Codable {
    /// `IncludedObjectVersions`: `All` lists every version (with `VersionId`), `Current` only the
    /// current ones (the report has no version IDs).
    public enum IncludedVersions: String, Sendable, Hashable, Codable, CaseIterable {
        case all = "All"
        case current = "Current"
    }

    public var id: String
    public var enabled: Bool
    public var includedObjectVersions: IncludedVersions
    /// `Destination/S3BucketDestination/Bucket`: the ARN of the bucket the reports go to.
    public var destinationBucket: String
    /// `Destination/S3BucketDestination/Prefix`; `nil`: none.
    public var destinationPrefix: String?
    /// `Destination/S3BucketDestination/AccountId`; `nil`: the source bucket's owner.
    public var destinationAccount: String?
    /// `Destination/S3BucketDestination/Format`: `CSV`, `ORC` or `Parquet`.
    public var format: String
    /// `Schedule/Frequency`: `Daily` or `Weekly`.
    public var frequency: String
    /// `Filter/Prefix`; `nil`: every object.
    public var prefix: String?
    /// `OptionalFields/Field`s (`Size`, `StorageClass`, ...).
    public var optionalFields: [String]

    public init(
        id: String, enabled: Bool = true, includedObjectVersions: IncludedVersions,
        destinationBucket: String, destinationPrefix: String? = nil, destinationAccount: String? = nil,
        format: String = "CSV", frequency: String = "Daily", prefix: String? = nil,
        optionalFields: [String] = []
    ) {
        self.id = id
        self.enabled = enabled
        self.includedObjectVersions = includedObjectVersions
        self.destinationBucket = destinationBucket
        self.destinationPrefix = destinationPrefix
        self.destinationAccount = destinationAccount
        self.format = format
        self.frequency = frequency
        self.prefix = prefix
        self.optionalFields = optionalFields
    }

    /// The folder of the destination bucket S3 delivers this configuration's reports of
    /// `sourceBucket` to: `<prefix>/<source-bucket>/<id>` (no leading prefix when there is none).
    public func folder(sourceBucket: String) -> String {
        let start = (destinationPrefix ?? "").isEmpty ? "" : (destinationPrefix ?? "") + "/"
        return start + sourceBucket + "/" + id
    }

    enum CodingKeys: String, CodingKey {
        case id, enabled, format, frequency, prefix
        case includedObjectVersions = "included_object_versions"
        case destinationBucket = "destination_bucket"
        case destinationPrefix = "destination_prefix"
        case destinationAccount = "destination_account"
        case optionalFields = "optional_fields"
    }
}
