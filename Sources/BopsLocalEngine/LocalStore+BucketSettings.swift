import BopsDiagnostics
import BopsIAM
public import BopsJobs

/// The bucket settings plan-time checks read and jobs obey: the bucket policy (evaluated with the
/// job's role in every task, `RoleEnforcement.swift`), the Object Lock default retention (a report
/// bucket with one gets no report), Block Public Access (refuses public ACLs) and lifecycle rules
/// (stored and answered; nothing expires). Each setter with `nil` removes the setting, as S3's
/// Delete calls do.
extension LocalStore {
    /// PutBucketPolicy: `text` must parse as a resource-based policy (S3's 400 `MalformedPolicy`,
    /// with the finding's line and column).
    public func putBucketPolicy(_ bucket: String, _ text: String?) throws {
        if let text { _ = try Self.bucketPolicyDocument(text, bucket: bucket) }
        try updateConfig(bucket) { $0.policy = text }
    }

    /// The parsed bucket policy, named for the findings that cite it (`bucket policy of logs`).
    static func bucketPolicyDocument(_ text: String, bucket: String) throws -> NamedPolicy {
        do {
            let parsed = try PolicyParser.parse(text, file: "bucket policy of \(bucket)", kind: .resource)
            return NamedPolicy(name: "bucket policy of \(bucket)", document: parsed.document)
        } catch {
            let first = error.items.first
            let at = first?.range.map { " (line \($0.start.line), column \($0.start.column))" } ?? ""
            throw EngineError(
                code: "MalformedPolicy", message: "Policy has invalid resource: \(first?.summary ?? "")\(at)",
                httpStatus: 400)
        }
    }

    /// PutObjectLockConfiguration: enables Object Lock on a versioned bucket (S3's 409
    /// `InvalidBucketState` otherwise) and sets (or with `nil` clears) the default retention.
    public func putObjectLockConfiguration(
        _ bucket: String, defaultRetention: ObjectLockDefaultRetention?
    ) throws {
        if let r = defaultRetention, (r.days == nil) == (r.years == nil) || (r.days ?? r.years ?? 0) <= 0 {
            throw EngineError(
                code: "MalformedXML",
                message: "DefaultRetention takes a positive Days or Years, exactly one of them",
                httpStatus: 400)
        }
        try updateConfig(bucket) { config in
            guard config.objectLock || config.versioning == .enabled else {
                throw EngineError(
                    code: "InvalidBucketState",
                    message:
                        "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
                    httpStatus: 409)
            }
            config.objectLock = true
            config.defaultRetention = defaultRetention
        }
    }

    /// PutPublicAccessBlock / DeletePublicAccessBlock.
    public func putPublicAccessBlock(_ bucket: String, _ settings: PublicAccessBlock?) throws {
        try updateConfig(bucket) { $0.publicAccessBlock = settings }
    }

    /// PutBucketLifecycleConfiguration / DeleteBucketLifecycle.
    public func putLifecycle(_ bucket: String, _ rules: [LifecycleRule]?) throws {
        try updateConfig(bucket) { $0.lifecycle = rules }
    }

    /// PutBucketEncryption / DeleteBucketEncryption: S3's 400 `InvalidArgument` for an algorithm
    /// other than `AES256`, `aws:kms` and `aws:kms:dsse`, or a key with `AES256`.
    public func putBucketEncryption(_ bucket: String, _ encryption: BucketEncryption?) throws {
        if let encryption {
            guard ["AES256", "aws:kms", "aws:kms:dsse"].contains(encryption.algorithm) else {
                throw EngineError(
                    code: "InvalidArgument",
                    message:
                        "Unknown SSEAlgorithm '\(encryption.algorithm)': AES256, aws:kms or aws:kms:dsse",
                    httpStatus: 400)
            }
            guard encryption.isKMS || encryption.kmsKeyId == nil else {
                throw EngineError(
                    code: "InvalidArgument", message: "a KMSMasterKeyID needs SSEAlgorithm aws:kms",
                    httpStatus: 400)
            }
        }
        try updateConfig(bucket) { $0.encryption = encryption }
    }

    /// PutBucketInventoryConfiguration: adds the configuration, or replaces the one with its id.
    /// Stored and answered (plan-time checks read it); no report is delivered.
    public func putInventoryConfiguration(_ bucket: String, _ configuration: InventoryConfiguration) throws {
        try updateConfig(bucket) { config in
            var all = config.inventory ?? []
            if let i = all.firstIndex(where: { $0.id == configuration.id }) {
                all[i] = configuration
            } else {
                all.append(configuration)
            }
            config.inventory = all
        }
    }

    /// DeleteBucketInventoryConfiguration: S3's 404 `NoSuchConfiguration` when there is no such id.
    public func deleteInventoryConfiguration(_ bucket: String, id: String) throws {
        try updateConfig(bucket) { config in
            guard let i = config.inventory?.firstIndex(where: { $0.id == id }) else {
                throw EngineError(
                    code: "NoSuchConfiguration", message: "The specified configuration does not exist.",
                    httpStatus: 404)
            }
            config.inventory?.remove(at: i)
            if config.inventory?.isEmpty == true { config.inventory = nil }
        }
    }
}
