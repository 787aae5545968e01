public import FoundationEssentials

/// Asks S3 to build the manifest from a bucket's listing (`JobManifestGenerator`): exactly one
/// member, `S3JobManifestGenerator`.
public struct JobManifestGenerator: Codable, Sendable, Hashable {
    public var s3JobManifestGenerator: S3JobManifestGenerator?

    public init(s3JobManifestGenerator: S3JobManifestGenerator?) {
        self.s3JobManifestGenerator = s3JobManifestGenerator
    }

    enum CodingKeys: String, CodingKey {
        case s3JobManifestGenerator = "s3_job_manifest_generator"
    }
}

/// Lists `sourceBucket` (its object versions when versioned), keeps what `filter` matches, and,
/// when `enableManifestOutput`, writes the generated manifest to `manifestOutputLocation`.
public struct S3JobManifestGenerator: Codable, Sendable, Hashable {
    public var expectedBucketOwner: String?
    public var sourceBucket: String
    public var manifestOutputLocation: S3ManifestOutputLocation?
    public var filter: JobManifestGeneratorFilter?
    public var enableManifestOutput: Bool

    public init(
        expectedBucketOwner: String? = nil, sourceBucket: String,
        manifestOutputLocation: S3ManifestOutputLocation? = nil, filter: JobManifestGeneratorFilter? = nil,
        enableManifestOutput: Bool
    ) {
        self.expectedBucketOwner = expectedBucketOwner
        self.sourceBucket = sourceBucket
        self.manifestOutputLocation = manifestOutputLocation
        self.filter = filter
        self.enableManifestOutput = enableManifestOutput
    }

    enum CodingKeys: String, CodingKey {
        case expectedBucketOwner = "expected_bucket_owner"
        case sourceBucket = "source_bucket"
        case manifestOutputLocation = "manifest_output_location"
        case filter
        case enableManifestOutput = "enable_manifest_output"
    }
}

public enum GeneratedManifestFormat: String, Codable, Sendable, Hashable, CaseIterable {
    case inventoryCSV20211130 = "S3InventoryReport_CSV_20211130"
}

/// Where a generated manifest is written (`S3ManifestOutputLocation`).
public struct S3ManifestOutputLocation: Codable, Sendable, Hashable {
    public var expectedManifestBucketOwner: String?
    public var bucket: String
    public var manifestPrefix: String?
    public var manifestEncryption: GeneratedManifestEncryption?
    public var manifestFormat: GeneratedManifestFormat

    public init(
        expectedManifestBucketOwner: String? = nil, bucket: String, manifestPrefix: String? = nil,
        manifestEncryption: GeneratedManifestEncryption? = nil,
        manifestFormat: GeneratedManifestFormat = .inventoryCSV20211130
    ) {
        self.expectedManifestBucketOwner = expectedManifestBucketOwner
        self.bucket = bucket
        self.manifestPrefix = manifestPrefix
        self.manifestEncryption = manifestEncryption
        self.manifestFormat = manifestFormat
    }

    enum CodingKeys: String, CodingKey {
        case expectedManifestBucketOwner = "expected_manifest_bucket_owner"
        case bucket
        case manifestPrefix = "manifest_prefix"
        case manifestEncryption = "manifest_encryption"
        case manifestFormat = "manifest_format"
    }
}

/// `sses3` (an empty marker) or `ssekms` with a key id (`GeneratedManifestEncryption`).
public struct GeneratedManifestEncryption: Codable, Sendable, Hashable {
    public var sses3: SSES3Encryption?
    public var ssekms: SSEKMSEncryption?

    public init(sses3: SSES3Encryption? = nil, ssekms: SSEKMSEncryption? = nil) {
        self.sses3 = sses3
        self.ssekms = ssekms
    }

    enum CodingKeys: String, CodingKey {
        case sses3
        case ssekms
    }
}

public struct SSES3Encryption: Codable, Sendable, Hashable {
    public init() {}
}

public struct SSEKMSEncryption: Codable, Sendable, Hashable {
    public var keyId: String

    public init(keyId: String) { self.keyId = keyId }

    enum CodingKeys: String, CodingKey {
        case keyId = "key_id"
    }
}

/// Which objects a generated manifest keeps (`JobManifestGeneratorFilter`). All set members must
/// match (AND); list members match when any element matches (OR).
public struct JobManifestGeneratorFilter: Codable, Sendable, Hashable {
    /// Only objects that a replication rule of the source bucket covers.
    public var eligibleForReplication: Bool?
    public var createdAfter: Date?
    public var createdBefore: Date?
    public var objectReplicationStatuses: [ReplicationStatus]?
    public var keyNameConstraint: KeyNameConstraint?
    public var objectSizeGreaterThanBytes: Int64?
    public var objectSizeLessThanBytes: Int64?
    public var matchAnyStorageClass: [S3StorageClass]?
    /// The model's list has exactly one item (`ObjectEncryptionFilterList`, min 1, max 1).
    public var matchAnyObjectEncryption: [ObjectEncryptionFilter]?

    public init(
        eligibleForReplication: Bool? = nil, createdAfter: Date? = nil, createdBefore: Date? = nil,
        objectReplicationStatuses: [ReplicationStatus]? = nil, keyNameConstraint: KeyNameConstraint? = nil,
        objectSizeGreaterThanBytes: Int64? = nil, objectSizeLessThanBytes: Int64? = nil,
        matchAnyStorageClass: [S3StorageClass]? = nil,
        matchAnyObjectEncryption: [ObjectEncryptionFilter]? = nil
    ) {
        self.eligibleForReplication = eligibleForReplication
        self.createdAfter = createdAfter
        self.createdBefore = createdBefore
        self.objectReplicationStatuses = objectReplicationStatuses
        self.keyNameConstraint = keyNameConstraint
        self.objectSizeGreaterThanBytes = objectSizeGreaterThanBytes
        self.objectSizeLessThanBytes = objectSizeLessThanBytes
        self.matchAnyStorageClass = matchAnyStorageClass
        self.matchAnyObjectEncryption = matchAnyObjectEncryption
    }

    enum CodingKeys: String, CodingKey {
        case eligibleForReplication = "eligible_for_replication"
        case createdAfter = "created_after"
        case createdBefore = "created_before"
        case objectReplicationStatuses = "object_replication_statuses"
        case keyNameConstraint = "key_name_constraint"
        case objectSizeGreaterThanBytes = "object_size_greater_than_bytes"
        case objectSizeLessThanBytes = "object_size_less_than_bytes"
        case matchAnyStorageClass = "match_any_storage_class"
        case matchAnyObjectEncryption = "match_any_object_encryption"
    }
}

/// Key name tests (`KeyNameConstraint`); a key passes when it matches any entry of every list set.
public struct KeyNameConstraint: Codable, Sendable, Hashable {
    public var matchAnyPrefix: [String]?
    public var matchAnySuffix: [String]?
    public var matchAnySubstring: [String]?

    public init(
        matchAnyPrefix: [String]? = nil, matchAnySuffix: [String]? = nil, matchAnySubstring: [String]? = nil
    ) {
        self.matchAnyPrefix = matchAnyPrefix
        self.matchAnySuffix = matchAnySuffix
        self.matchAnySubstring = matchAnySubstring
    }

    /// Whether `key` passes every constraint that is set.
    public func matches(_ key: String) -> Bool {
        if let p = matchAnyPrefix, !p.isEmpty, !p.contains(where: { key.hasPrefix($0) }) { return false }
        if let s = matchAnySuffix, !s.isEmpty, !s.contains(where: { key.hasSuffix($0) }) { return false }
        if let c = matchAnySubstring, !c.isEmpty, !c.contains(where: { key.contains($0) }) { return false }
        return true
    }

    enum CodingKeys: String, CodingKey {
        case matchAnyPrefix = "match_any_prefix"
        case matchAnySuffix = "match_any_suffix"
        case matchAnySubstring = "match_any_substring"
    }
}

/// One encryption kind to match (`ObjectEncryptionFilter`); exactly one member is set.
public struct ObjectEncryptionFilter: Codable, Sendable, Hashable {
    public struct Marker: Codable, Sendable, Hashable {
        public init() {}
    }

    public struct KMS: Codable, Sendable, Hashable {
        public var kmsKeyArn: String?
        public var bucketKeyEnabled: Bool?

        public init(kmsKeyArn: String? = nil, bucketKeyEnabled: Bool? = nil) {
            self.kmsKeyArn = kmsKeyArn
            self.bucketKeyEnabled = bucketKeyEnabled
        }

        enum CodingKeys: String, CodingKey {
            case kmsKeyArn = "kms_key_arn"
            case bucketKeyEnabled = "bucket_key_enabled"
        }
    }

    public var sses3: Marker?
    public var ssekms: KMS?
    public var dssekms: KMS?
    public var ssec: Marker?
    public var notsse: Marker?

    public init(
        sses3: Marker? = nil, ssekms: KMS? = nil, dssekms: KMS? = nil, ssec: Marker? = nil,
        notsse: Marker? = nil
    ) {
        self.sses3 = sses3
        self.ssekms = ssekms
        self.dssekms = dssekms
        self.ssec = ssec
        self.notsse = notsse
    }

    enum CodingKeys: String, CodingKey {
        case sses3
        case ssekms
        case dssekms
        case ssec
        case notsse
    }
}

/// The manifest S3 generated for a job (`S3GeneratedManifestDescriptor`).
public struct S3GeneratedManifestDescriptor: Codable, Sendable, Hashable {
    public var format: GeneratedManifestFormat?
    public var location: JobManifestLocation?

    public init(format: GeneratedManifestFormat? = nil, location: JobManifestLocation? = nil) {
        self.format = format
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case format
        case location
    }
}
