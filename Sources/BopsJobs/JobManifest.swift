/// Where a job's list of objects is and how to read it (`JobManifest`).
public struct JobManifest: Codable, Sendable, Hashable {
    public var spec: JobManifestSpec
    public var location: JobManifestLocation

    public init(spec: JobManifestSpec, location: JobManifestLocation) {
        self.spec = spec
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case spec
        case location
    }
}

/// `S3BatchOperations_CSV_20180820`: a headerless CSV whose columns are `fields`;
/// `S3InventoryReport_CSV_20161130`: an S3 Inventory `manifest.json` (only CSV inventories).
public enum JobManifestFormat: String, Codable, Sendable, Hashable, CaseIterable {
    case csv = "S3BatchOperations_CSV_20180820"
    case inventory = "S3InventoryReport_CSV_20161130"
}

/// A CSV manifest column (`JobManifestFieldName`).
public enum JobManifestFieldName: String, Codable, Sendable, Hashable, CaseIterable {
    case ignore = "Ignore"
    case bucket = "Bucket"
    case key = "Key"
    case versionId = "VersionId"
}

/// `fields` is required for the CSV format (`[Bucket, Key]` or `[Bucket, Key, VersionId]`).
public struct JobManifestSpec: Codable, Sendable, Hashable {
    public var format: JobManifestFormat
    public var fields: [JobManifestFieldName]?

    public init(format: JobManifestFormat, fields: [JobManifestFieldName]? = nil) {
        self.format = format
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey {
        case format
        case fields
    }
}

/// The manifest object: `objectArn` is `arn:aws:s3:::bucket/key`; `eTag` must match the object's.
public struct JobManifestLocation: Codable, Sendable, Hashable {
    public var objectArn: String
    public var objectVersionId: String?
    public var eTag: String

    public init(objectArn: String, objectVersionId: String? = nil, eTag: String) {
        self.objectArn = objectArn
        self.objectVersionId = objectVersionId
        self.eTag = eTag
    }

    enum CodingKeys: String, CodingKey {
        case objectArn = "object_arn"
        case objectVersionId = "object_version_id"
        case eTag = "e_tag"
    }
}
