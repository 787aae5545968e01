public import BopsDiagnostics

/// What plan-time checks need from a spec, without the spec: the objects and buckets to look at,
/// each with the place (source range and JSON pointer) of the key its diagnostics are about.
public struct PreflightInput: Sendable, Hashable {
    /// A place in a spec file.
    public struct Place: Sendable, Hashable {
        public var range: SourceRange?
        public var pointer: String?

        public init(range: SourceRange? = nil, pointer: String? = nil) {
            self.range = range
            self.pointer = pointer
        }
    }

    /// The manifest object; `eTag` is the pinned ETag (quotes optional), `nil` to take the current
    /// object's. `place` is the location's, `eTagPlace` the pinned ETag's (`place` when `nil`).
    public struct Manifest: Sendable, Hashable {
        public var bucket: String
        public var key: String
        public var versionId: String?
        public var eTag: String?
        public var place: Place
        public var eTagPlace: Place?
        /// A CSV manifest (not an inventory's `manifest.json`): Batch Operations cannot read one
        /// stored with SSE-KMS.
        public var csv: Bool

        public init(
            bucket: String, key: String, versionId: String? = nil, eTag: String? = nil,
            place: Place = Place(),
            eTagPlace: Place? = nil, csv: Bool = false
        ) {
            self.csv = csv
            self.bucket = bucket
            self.key = key
            self.versionId = versionId
            self.eTag = eTag
            self.place = place
            self.eTagPlace = eTagPlace
        }

        var uri: String { "s3://\(bucket)/\(key)" }
    }

    public struct Bucket: Sendable, Hashable {
        public var name: String
        public var place: Place

        public init(_ name: String, place: Place = Place()) {
            self.name = name
            self.place = place
        }
    }

    /// An S3 Inventory report a Replicate job reads: the inventoried bucket, and where the report's
    /// `manifest.json` is; `place` is the manifest's key in the spec.
    public struct Inventory: Sendable, Hashable {
        public var sourceBucket: String
        public var bucket: String
        public var key: String
        public var place: Place

        public init(sourceBucket: String, bucket: String, key: String, place: Place = Place()) {
            self.sourceBucket = sourceBucket
            self.bucket = bucket
            self.key = key
            self.place = place
        }
    }

    public var manifest: Manifest?
    /// The inventory report of a Replicate job.
    public var inventory: Inventory?
    /// The source bucket of a Replicate job.
    public var replicationSource: Bucket?
    /// The destination bucket of a Copy job that sets Object Lock options.
    public var objectLockDestination: Bucket?
    public var reportBucket: Bucket?
    /// The checks the spec skips (`spec.acknowledge`).
    public var skipped: Set<PlanCheck> = []
    /// The spec's reasons for them, by check name.
    public var reasons: [String: String] = [:]

    public init(
        manifest: Manifest? = nil, replicationSource: Bucket? = nil, objectLockDestination: Bucket? = nil,
        reportBucket: Bucket? = nil
    ) {
        self.manifest = manifest
        self.replicationSource = replicationSource
        self.objectLockDestination = objectLockDestination
        self.reportBucket = reportBucket
    }
}
