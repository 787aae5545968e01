import BopsJobs

/// `JobManifest`: `Spec` and `Location` are required.
extension JobManifest: XMLStructure {
    static var blank: Self { Self(spec: .blank, location: .blank) }
    static var members: [XMLMember<Self>] { [.shape("Spec", \.spec), .shape("Location", \.location)] }
}

/// `JobManifestSpec`.
extension JobManifestSpec: XMLStructure {
    static var blank: Self { Self(format: .csv) }
    static var members: [XMLMember<Self>] { [.value("Format", \.format), .values("Fields", \.fields)] }
}

/// `JobManifestLocation` (also the `Location` of a generated manifest descriptor).
extension JobManifestLocation: XMLStructure {
    static var blank: Self { Self(objectArn: "", eTag: "") }
    static var members: [XMLMember<Self>] {
        [
            .value("ObjectArn", \.objectArn), .value("ObjectVersionId", \.objectVersionId),
            .value("ETag", \.eTag),
        ]
    }
}

/// `JobReport`: `Enabled` is always written; absent, it reads as `false`.
extension JobReport: XMLStructure {
    static var blank: Self { Self(enabled: false) }
    static var members: [XMLMember<Self>] {
        [
            .value("Bucket", \.bucket), .value("Format", \.format),
            .value("Enabled", \.enabled, required: false),
            .value("Prefix", \.prefix), .value("ReportScope", \.reportScope),
            .value("ExpectedBucketOwner", \.expectedBucketOwner),
        ]
    }
}
