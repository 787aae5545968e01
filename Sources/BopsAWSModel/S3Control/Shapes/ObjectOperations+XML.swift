import BopsJobs

// The operations other than Copy, members in the 2018-08-20 model's order.

/// `LambdaInvokeOperation`.
extension LambdaInvokeOperation: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .value("FunctionArn", \.functionArn),
            .value("InvocationSchemaVersion", \.invocationSchemaVersion),
            .map("UserArguments", \.userArguments),
        ]
    }
}

/// `S3SetObjectAclOperation`.
extension S3SetObjectAclOperation: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] { [.shape("AccessControlPolicy", \.accessControlPolicy)] }
}

/// `S3AccessControlPolicy`.
extension S3AccessControlPolicy: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .shape("AccessControlList", \.accessControlList),
            .value("CannedAccessControlList", \.cannedAccessControlList),
        ]
    }
}

/// `S3AccessControlList`: `Owner` is required.
extension S3AccessControlList: XMLStructure {
    static var blank: Self { Self(owner: S3ObjectOwner()) }
    static var members: [XMLMember<Self>] { [.shape("Owner", \.owner), .list("Grants", \.grants)] }
}

/// `S3ObjectOwner`.
extension S3ObjectOwner: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] { [.value("ID", \.id), .value("DisplayName", \.displayName)] }
}

/// `S3SetObjectTaggingOperation`.
extension S3SetObjectTaggingOperation: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] { [.list("TagSet", \.tagSet)] }
}

/// `S3InitiateRestoreObjectOperation`.
extension S3InitiateRestoreObjectOperation: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [.value("ExpirationInDays", \.expirationInDays), .value("GlacierJobTier", \.glacierJobTier)]
    }
}

/// `S3SetObjectLegalHoldOperation`: `LegalHold` is required.
extension S3SetObjectLegalHoldOperation: XMLStructure {
    static var blank: Self { Self(legalHold: S3ObjectLockLegalHold.blank) }
    static var members: [XMLMember<Self>] { [.shape("LegalHold", \.legalHold)] }
}

/// `S3ObjectLockLegalHold`: `Status` is required.
extension S3ObjectLockLegalHold: XMLStructure {
    static var blank: Self { Self(status: .off) }
    static var members: [XMLMember<Self>] { [.value("Status", \.status)] }
}

/// `S3SetObjectRetentionOperation`: `Retention` is required.
extension S3SetObjectRetentionOperation: XMLStructure {
    static var blank: Self { Self(retention: S3Retention()) }
    static var members: [XMLMember<Self>] {
        [.value("BypassGovernanceRetention", \.bypassGovernanceRetention), .shape("Retention", \.retention)]
    }
}

/// `S3Retention`.
extension S3Retention: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [.value("RetainUntilDate", \.retainUntilDate), .value("Mode", \.mode)]
    }
}

/// `S3ComputeObjectChecksumOperation`.
extension S3ComputeObjectChecksumOperation: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [.value("ChecksumAlgorithm", \.checksumAlgorithm), .value("ChecksumType", \.checksumType)]
    }
}

/// `S3UpdateObjectEncryptionOperation`.
extension S3UpdateObjectEncryptionOperation: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] { [.shape("ObjectEncryption", \.objectEncryption)] }
}

/// `ObjectEncryption`: its SSE-KMS member is the element `SSE-KMS`.
extension S3UpdateObjectEncryption: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] { [.shape("SSE-KMS", \.sseKMS)] }
}

/// `S3UpdateObjectEncryptionSSEKMS`: `KMSKeyArn` is required.
extension S3UpdateObjectEncryptionSSEKMS: XMLStructure {
    static var blank: Self { Self(kmsKeyArn: "") }
    static var members: [XMLMember<Self>] {
        [.value("KMSKeyArn", \.kmsKeyArn), .value("BucketKeyEnabled", \.bucketKeyEnabled)]
    }
}
