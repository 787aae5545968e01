extension JobSpec {
    /// Which objects a job acts on (`spec.manifest`): exactly one of three sources.
    public enum Manifest: Sendable, Hashable, Codable {
        /// `csv`: a CSV manifest in the repository or in S3.
        case csv(CSVManifest)
        /// `inventory`: an S3 Inventory report (CSV) named by its manifest.json.
        case inventory(InventoryManifest)
        /// `replicationConfiguration`: S3 generates the manifest from a bucket listing (ManifestGenerator).
        case replicationConfiguration(ManifestGenerator)
    }

    /// An object in S3 named by an `s3://bucket/key` URI, with the identity AWS needs to use it.
    public struct S3ObjectLocation: Sendable, Hashable, Codable {
        public var bucket: String
        public var key: String
        /// Absent: bops reads it from the object before creating the job.
        public var etag: String?
        public var versionId: String?

        public init(bucket: String, key: String, etag: String? = nil, versionId: String? = nil) {
            self.bucket = bucket
            self.key = key
            self.etag = etag
            self.versionId = versionId
        }

        /// Parses `s3://bucket/key` (key non-empty); nil otherwise.
        public init?(uri: String, etag: String? = nil, versionId: String? = nil) {
            guard uri.hasPrefix("s3://") else { return nil }
            let rest = uri.dropFirst(5)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            let bucket = String(rest[..<slash])
            let key = String(rest[rest.index(after: slash)...])
            guard !bucket.isEmpty, !key.isEmpty else { return nil }
            self.init(bucket: bucket, key: key, etag: etag, versionId: versionId)
        }

        public var uri: String { "s3://\(bucket)/\(key)" }

        /// The object ARN AWS wants in `JobManifestLocation.ObjectArn`.
        public func objectArn(partition: String = "aws") -> String {
            "arn:\(partition):s3:::\(bucket)/\(key)"
        }
    }

    /// A column of a CSV manifest (botocore `JobManifestFieldName`).
    public enum ManifestField: String, Sendable, Hashable, Codable, CaseIterable {
        case ignore = "Ignore"
        case bucket = "Bucket"
        case key = "Key"
        case versionId = "VersionId"
    }

    /// `manifest.csv` (format `S3BatchOperations_CSV_20180820`).
    public struct CSVManifest: Sendable, Hashable, Codable {
        public enum Source: Sendable, Hashable, Codable {
            /// A path relative to the spec file, as written.
            case file(String)
            case location(S3ObjectLocation)
        }

        public static let format = "S3BatchOperations_CSV_20180820"

        public var source: Source
        /// Contains `.bucket` and `.key` exactly once each, `.versionId` at most once.
        public var fields: [ManifestField]

        public init(source: Source, fields: [ManifestField] = [.bucket, .key]) {
            self.source = source
            self.fields = fields
        }
    }

    /// `manifest.inventory` (format `S3InventoryReport_CSV_20161130`).
    public struct InventoryManifest: Sendable, Hashable, Codable {
        public static let format = "S3InventoryReport_CSV_20161130"

        /// The manifest.json object.
        public var location: S3ObjectLocation

        public init(location: S3ObjectLocation) { self.location = location }
    }

    /// `manifest.replicationConfiguration` (botocore `S3JobManifestGenerator`).
    public struct ManifestGenerator: Sendable, Hashable, Codable {
        public var sourceBucket: String
        public var expectedBucketOwner: String?
        public var filter: ManifestFilter?
        /// Absent: `EnableManifestOutput` false.
        public var manifestOutput: ManifestOutput?

        public init(
            sourceBucket: String, expectedBucketOwner: String? = nil, filter: ManifestFilter? = nil,
            manifestOutput: ManifestOutput? = nil
        ) {
            self.sourceBucket = sourceBucket
            self.expectedBucketOwner = expectedBucketOwner
            self.filter = filter
            self.manifestOutput = manifestOutput
        }
    }

    /// Replication statuses a generated manifest can filter on (botocore `ReplicationStatus`).
    public enum ReplicationStatus: String, Sendable, Hashable, Codable, CaseIterable {
        case completed = "COMPLETED"
        case failed = "FAILED"
        case replica = "REPLICA"
        case none = "NONE"
    }

    /// botocore `JobManifestGeneratorFilter`. Empty arrays mean "no such rule".
    public struct ManifestFilter: Sendable, Hashable, Codable {
        public var eligibleForReplication: Bool?
        public var createdAfter: Timestamp?
        /// Later than `createdAfter` when both are given.
        public var createdBefore: Timestamp?
        public var objectReplicationStatuses: [ReplicationStatus]
        public var matchAnyPrefix: [String]
        public var matchAnySuffix: [String]
        public var matchAnySubstring: [String]
        public var objectSizeGreaterThanBytes: Int?
        /// Greater than `objectSizeGreaterThanBytes` when both are given.
        public var objectSizeLessThanBytes: Int?
        public var matchAnyStorageClass: [StorageClass]

        public init(
            eligibleForReplication: Bool? = nil, createdAfter: Timestamp? = nil,
            createdBefore: Timestamp? = nil,
            objectReplicationStatuses: [ReplicationStatus] = [], matchAnyPrefix: [String] = [],
            matchAnySuffix: [String] = [], matchAnySubstring: [String] = [],
            objectSizeGreaterThanBytes: Int? = nil,
            objectSizeLessThanBytes: Int? = nil, matchAnyStorageClass: [StorageClass] = []
        ) {
            self.eligibleForReplication = eligibleForReplication
            self.createdAfter = createdAfter
            self.createdBefore = createdBefore
            self.objectReplicationStatuses = objectReplicationStatuses
            self.matchAnyPrefix = matchAnyPrefix
            self.matchAnySuffix = matchAnySuffix
            self.matchAnySubstring = matchAnySubstring
            self.objectSizeGreaterThanBytes = objectSizeGreaterThanBytes
            self.objectSizeLessThanBytes = objectSizeLessThanBytes
            self.matchAnyStorageClass = matchAnyStorageClass
        }
    }

    /// botocore `S3ManifestOutputLocation`.
    public struct ManifestOutput: Sendable, Hashable, Codable {
        public enum Encryption: Sendable, Hashable, Codable {
            case sseS3
            case sseKMS(keyId: String)
        }

        public var bucket: String
        public var prefix: String?
        public var expectedBucketOwner: String?
        public var encryption: Encryption?
        /// `S3InventoryReport_CSV_20211130`, the only format S3 offers.
        public var format: String

        public init(
            bucket: String, prefix: String? = nil, expectedBucketOwner: String? = nil,
            encryption: Encryption? = nil,
            format: String = "S3InventoryReport_CSV_20211130"
        ) {
            self.bucket = bucket
            self.prefix = prefix
            self.expectedBucketOwner = expectedBucketOwner
            self.encryption = encryption
            self.format = format
        }
    }
}
