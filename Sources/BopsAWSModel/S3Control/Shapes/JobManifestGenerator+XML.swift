import BopsJobs

/// `JobManifestGenerator`: its one member `S3JobManifestGenerator`.
extension JobManifestGenerator: XMLStructure {
    static var blank: Self { Self(s3JobManifestGenerator: nil) }
    static var members: [XMLMember<Self>] { [.shape("S3JobManifestGenerator", \.s3JobManifestGenerator)] }
}

/// `S3JobManifestGenerator`: `SourceBucket` required; `EnableManifestOutput` always written.
extension S3JobManifestGenerator: XMLStructure {
    static var blank: Self { Self(sourceBucket: "", enableManifestOutput: false) }
    static var members: [XMLMember<Self>] {
        [
            .value("ExpectedBucketOwner", \.expectedBucketOwner),
            .value("SourceBucket", \.sourceBucket),
            .shape("ManifestOutputLocation", \.manifestOutputLocation),
            .shape("Filter", \.filter),
            .value("EnableManifestOutput", \.enableManifestOutput, required: false),
        ]
    }
}

/// `S3ManifestOutputLocation`: `Bucket` and `ManifestFormat` required.
extension S3ManifestOutputLocation: XMLStructure {
    static var blank: Self { Self(bucket: "") }
    static var members: [XMLMember<Self>] {
        [
            .value("ExpectedManifestBucketOwner", \.expectedManifestBucketOwner),
            .value("Bucket", \.bucket),
            .value("ManifestPrefix", \.manifestPrefix),
            .shape("ManifestEncryption", \.manifestEncryption),
            .value("ManifestFormat", \.manifestFormat),
        ]
    }
}

/// `GeneratedManifestEncryption`: the location names `SSE-S3` and `SSE-KMS`.
extension GeneratedManifestEncryption: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [.marker("SSE-S3", \.sses3, SSES3Encryption.init), .shape("SSE-KMS", \.ssekms)]
    }
}

/// `SSEKMSEncryption`.
extension SSEKMSEncryption: XMLStructure {
    static var blank: Self { Self(keyId: "") }
    static var members: [XMLMember<Self>] { [.value("KeyId", \.keyId)] }
}

/// `JobManifestGeneratorFilter`; `MatchAnyObjectEncryption` items are `ObjectEncryption` elements.
extension JobManifestGeneratorFilter: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .value("EligibleForReplication", \.eligibleForReplication),
            .value("CreatedAfter", \.createdAfter),
            .value("CreatedBefore", \.createdBefore),
            .values("ObjectReplicationStatuses", \.objectReplicationStatuses),
            .shape("KeyNameConstraint", \.keyNameConstraint),
            .value("ObjectSizeGreaterThanBytes", \.objectSizeGreaterThanBytes),
            .value("ObjectSizeLessThanBytes", \.objectSizeLessThanBytes),
            .values("MatchAnyStorageClass", \.matchAnyStorageClass),
            .list("MatchAnyObjectEncryption", \.matchAnyObjectEncryption, member: "ObjectEncryption"),
        ]
    }
}

/// `KeyNameConstraint`.
extension KeyNameConstraint: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .values("MatchAnyPrefix", \.matchAnyPrefix), .values("MatchAnySuffix", \.matchAnySuffix),
            .values("MatchAnySubstring", \.matchAnySubstring),
        ]
    }
}

/// `ObjectEncryptionFilter`: the location names `SSE-S3`, `SSE-KMS`, `DSSE-KMS`, `SSE-C`, `NOT-SSE`.
extension ObjectEncryptionFilter: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .marker("SSE-S3", \.sses3, Marker.init), .shape("SSE-KMS", \.ssekms),
            .shape("DSSE-KMS", \.dssekms),
            .marker("SSE-C", \.ssec, Marker.init), .marker("NOT-SSE", \.notsse, Marker.init),
        ]
    }
}

/// `SSEKMSFilter` and `DSSEKMSFilter` (the latter has only `KmsKeyArn`).
extension ObjectEncryptionFilter.KMS: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [.value("KmsKeyArn", \.kmsKeyArn), .value("BucketKeyEnabled", \.bucketKeyEnabled)]
    }
}

/// `S3GeneratedManifestDescriptor`.
extension S3GeneratedManifestDescriptor: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] { [.value("Format", \.format), .shape("Location", \.location)] }
}
