public import BopsJobs
import BopsNode
public import BopsPrimitives

extension JobSpec {
    /// `manifest.generate` (botocore `S3JobManifestGenerator`): S3 lists `sourceBucket` and keeps
    /// what `filter` matches. Works with every operation. `manifest.replicationConfiguration` is its
    /// former spelling, read the same way (with a warning).
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
        public var matchAnyStorageClass: [S3StorageClass]
        /// At most one entry (AWS takes exactly one when the key is given).
        public var matchAnyObjectEncryption: [EncryptionMatch]

        public init(
            eligibleForReplication: Bool? = nil, createdAfter: Timestamp? = nil,
            createdBefore: Timestamp? = nil,
            objectReplicationStatuses: [ReplicationStatus] = [], matchAnyPrefix: [String] = [],
            matchAnySuffix: [String] = [], matchAnySubstring: [String] = [],
            objectSizeGreaterThanBytes: Int? = nil,
            objectSizeLessThanBytes: Int? = nil, matchAnyStorageClass: [S3StorageClass] = [],
            matchAnyObjectEncryption: [EncryptionMatch] = []
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
            self.matchAnyObjectEncryption = matchAnyObjectEncryption
        }
    }

    /// One entry of `filter.matchAnyObjectEncryption` (botocore `ObjectEncryptionFilter`, a union).
    public struct EncryptionMatch: Sendable, Hashable, Codable {
        /// The spec's words are the model's element names.
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            case sseS3 = "SSE-S3"
            case sseKMS = "SSE-KMS"
            case dsseKMS = "DSSE-KMS"
            case sseC = "SSE-C"
            case notSSE = "NOT-SSE"

            /// Whether `kmsKeyArn` may narrow this kind.
            public var takesKey: Bool { self == .sseKMS || self == .dsseKMS }
        }

        public var kind: Kind
        /// Only with `.sseKMS` and `.dsseKMS` (a rule).
        public var kmsKeyArn: String?
        /// Only with `.sseKMS` (a rule).
        public var bucketKeyEnabled: Bool?

        public init(kind: Kind, kmsKeyArn: String? = nil, bucketKeyEnabled: Bool? = nil) {
            self.kind = kind
            self.kmsKeyArn = kmsKeyArn
            self.bucketKeyEnabled = bucketKeyEnabled
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
        public var format: GeneratedManifestFormat

        public init(
            bucket: String, prefix: String? = nil, expectedBucketOwner: String? = nil,
            encryption: Encryption? = nil, format: GeneratedManifestFormat = Defaults.generatedManifestFormat
        ) {
            self.bucket = bucket
            self.prefix = prefix
            self.expectedBucketOwner = expectedBucketOwner
            self.encryption = encryption
            self.format = format
        }
    }
}

// MARK: - Decoding

extension JobSpec.ManifestGenerator {
    static func decode(_ generator: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard let source = d.required(generator, "sourceBucket", at) else { return nil }
        var result = Self(
            sourceBucket: source, expectedBucketOwner: d.string(generator, "expectedBucketOwner", at))
        if let filter = d.object(generator, "filter", at) {
            result.filter = JobSpec.ManifestFilter.decode(filter, at: at + "/filter", &d)
        }
        if let output = d.object(generator, "manifestOutput", at) {
            result.manifestOutput = JobSpec.ManifestOutput.decode(output, at: at + "/manifestOutput", &d)
        }
        return result
    }
}

extension JobSpec.ManifestFilter {
    static func decode(_ f: Node, at: String, _ d: inout NodeDecoder) -> Self {
        let keys = d.object(f, "keyNameConstraint", at)
        let keysAt = at + "/keyNameConstraint"
        return Self(
            eligibleForReplication: d.bool(f, "eligibleForReplication", at),
            createdAfter: d.timestamp(f, "createdAfter", at),
            createdBefore: d.timestamp(f, "createdBefore", at),
            objectReplicationStatuses: d.enumerations(
                ReplicationStatus.self, f, "objectReplicationStatuses", at),
            matchAnyPrefix: d.strings(keys, "matchAnyPrefix", keysAt),
            matchAnySuffix: d.strings(keys, "matchAnySuffix", keysAt),
            matchAnySubstring: d.strings(keys, "matchAnySubstring", keysAt),
            objectSizeGreaterThanBytes: d.int(f, "objectSizeGreaterThanBytes", at),
            objectSizeLessThanBytes: d.int(f, "objectSizeLessThanBytes", at),
            matchAnyStorageClass: d.enumerations(S3StorageClass.self, f, "matchAnyStorageClass", at),
            matchAnyObjectEncryption: decodeEncryptions(f, at: at, &d))
    }

    private static func decodeEncryptions(
        _ f: Node, at: String, _ d: inout NodeDecoder
    ) -> [JobSpec.EncryptionMatch] {
        guard let items = f["matchAnyObjectEncryption"]?.sequence else { return [] }
        return items.enumerated().compactMap { i, item -> JobSpec.EncryptionMatch? in
            let itemAt = at + "/matchAnyObjectEncryption/" + String(i)
            guard let kind = d.enumeration(JobSpec.EncryptionMatch.Kind.self, item, "type", itemAt) else {
                return nil
            }
            return JobSpec.EncryptionMatch(
                kind: kind, kmsKeyArn: d.string(item, "kmsKeyArn", itemAt),
                bucketKeyEnabled: d.bool(item, "bucketKeyEnabled", itemAt))
        }
    }
}

extension JobSpec.ManifestOutput {
    static func decode(_ output: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        var encryption: Encryption?
        if let enc = d.object(output, "encryption", at) {
            if let key = d.string(enc, "kmsKeyId", at + "/encryption") {
                encryption = .sseKMS(keyId: key)
            } else if enc["sseS3"] != nil {
                encryption = .sseS3
            }
        }
        guard let bucket = d.required(output, "bucket", at) else { return nil }
        return Self(
            bucket: bucket, prefix: d.string(output, "prefix", at),
            expectedBucketOwner: d.string(output, "expectedBucketOwner", at), encryption: encryption,
            format: d.enumeration(GeneratedManifestFormat.self, output, "format", at)
                ?? JobSpec.Defaults.generatedManifestFormat)
    }
}

// MARK: - Canonical form

extension JobSpec.ManifestGenerator {
    var canonicalValue: CanonicalJSON {
        .members([
            ("sourceBucket", .string(sourceBucket)),
            ("expectedBucketOwner", .string(expectedBucketOwner)),
            ("filter", filter.map(\.canonicalValue)),
            ("manifestOutput", manifestOutput.map(\.canonicalValue)),
        ])
    }
}

extension JobSpec.ManifestFilter {
    var canonicalValue: CanonicalJSON {
        .members([
            ("eligibleForReplication", .bool(eligibleForReplication)),
            ("createdAfter", .time(createdAfter)),
            ("createdBefore", .time(createdBefore)),
            ("objectReplicationStatuses", .strings(objectReplicationStatuses.map(\.rawValue))),
            ("matchAnyPrefix", .strings(matchAnyPrefix)),
            ("matchAnySuffix", .strings(matchAnySuffix)),
            ("matchAnySubstring", .strings(matchAnySubstring)),
            ("objectSizeGreaterThanBytes", .int(objectSizeGreaterThanBytes)),
            ("objectSizeLessThanBytes", .int(objectSizeLessThanBytes)),
            ("matchAnyStorageClass", .strings(matchAnyStorageClass.map(\.rawValue))),
            (
                "matchAnyObjectEncryption",
                matchAnyObjectEncryption.isEmpty
                    ? nil
                    : .array(
                        matchAnyObjectEncryption.map {
                            .members([
                                ("type", .string($0.kind.rawValue)), ("kmsKeyArn", .string($0.kmsKeyArn)),
                                ("bucketKeyEnabled", .bool($0.bucketKeyEnabled)),
                            ])
                        })
            ),
        ])
    }
}

extension JobSpec.ManifestOutput {
    var canonicalValue: CanonicalJSON {
        let enc: CanonicalJSON? =
            switch encryption {
            case nil: nil
            case .sseS3: .object(["sseS3": .object([:])])
            case .sseKMS(let key): .object(["kmsKeyId": .string(key)])
            }
        return .members([
            ("bucket", .string(bucket)), ("prefix", .string(prefix)),
            ("expectedBucketOwner", .string(expectedBucketOwner)), ("encryption", enc),
            ("format", .string(format.rawValue)),
        ])
    }
}

// MARK: - The S3 Control shape

extension JobSpec.ManifestGenerator {
    /// The `S3JobManifestGenerator` CreateJob sends; output is enabled exactly when `manifestOutput` is set.
    public var s3Generator: S3JobManifestGenerator {
        S3JobManifestGenerator(
            expectedBucketOwner: expectedBucketOwner, sourceBucket: sourceBucket,
            manifestOutputLocation: manifestOutput?.s3Location, filter: filter?.s3Filter,
            enableManifestOutput: manifestOutput != nil)
    }
}

extension JobSpec.ManifestFilter {
    var s3Filter: JobManifestGeneratorFilter {
        var out = JobManifestGeneratorFilter()
        out.eligibleForReplication = eligibleForReplication
        out.createdAfter = createdAfter?.date
        out.createdBefore = createdBefore?.date
        out.objectReplicationStatuses = objectReplicationStatuses.isEmpty ? nil : objectReplicationStatuses
        if !matchAnyPrefix.isEmpty || !matchAnySuffix.isEmpty || !matchAnySubstring.isEmpty {
            out.keyNameConstraint = KeyNameConstraint(
                matchAnyPrefix: matchAnyPrefix.isEmpty ? nil : matchAnyPrefix,
                matchAnySuffix: matchAnySuffix.isEmpty ? nil : matchAnySuffix,
                matchAnySubstring: matchAnySubstring.isEmpty ? nil : matchAnySubstring)
        }
        out.objectSizeGreaterThanBytes = objectSizeGreaterThanBytes.map { Int64($0) }
        out.objectSizeLessThanBytes = objectSizeLessThanBytes.map { Int64($0) }
        out.matchAnyStorageClass = matchAnyStorageClass.isEmpty ? nil : matchAnyStorageClass
        out.matchAnyObjectEncryption =
            matchAnyObjectEncryption.isEmpty ? nil : matchAnyObjectEncryption.map(\.s3Filter)
        return out
    }
}

extension JobSpec.ManifestOutput {
    var s3Location: S3ManifestOutputLocation {
        let s3Encryption: GeneratedManifestEncryption? =
            switch encryption {
            case .sseS3?: GeneratedManifestEncryption(sses3: SSES3Encryption())
            case .sseKMS(let keyId)?: GeneratedManifestEncryption(ssekms: SSEKMSEncryption(keyId: keyId))
            case nil: nil
            }
        return S3ManifestOutputLocation(
            expectedManifestBucketOwner: expectedBucketOwner, bucket: bucket, manifestPrefix: prefix,
            manifestEncryption: s3Encryption, manifestFormat: format)
    }
}

extension JobSpec.EncryptionMatch {
    /// The `ObjectEncryptionFilter` with the one member of `kind` set.
    var s3Filter: ObjectEncryptionFilter {
        switch kind {
        case .sseS3: ObjectEncryptionFilter(sses3: .init())
        case .sseKMS:
            ObjectEncryptionFilter(ssekms: .init(kmsKeyArn: kmsKeyArn, bucketKeyEnabled: bucketKeyEnabled))
        case .dsseKMS: ObjectEncryptionFilter(dssekms: .init(kmsKeyArn: kmsKeyArn))
        case .sseC: ObjectEncryptionFilter(ssec: .init())
        case .notSSE: ObjectEncryptionFilter(notsse: .init())
        }
    }
}
