public import FoundationEssentials

/// A bucket's Object Lock configuration (GetObjectLockConfiguration): enabled, with the retention
/// new objects get when none is asked for.
public struct ObjectLockConfiguration: Sendable, Hashable, Codable {
    public var defaultRetention: ObjectLockDefaultRetention?

    public init(defaultRetention: ObjectLockDefaultRetention? = nil) {
        self.defaultRetention = defaultRetention
    }

    enum CodingKeys: String, CodingKey {
        case defaultRetention = "default_retention"
    }
}

/// `Rule/DefaultRetention`: a mode and a period of days or years (exactly one).
public struct ObjectLockDefaultRetention: Sendable, Hashable, Codable {
    public var mode: S3ObjectLockMode
    public var days: Int?
    public var years: Int?

    public init(mode: S3ObjectLockMode, days: Int? = nil, years: Int? = nil) {
        self.mode = mode
        self.days = days
        self.years = years
    }

    /// `GOVERNANCE for 1 day`, `COMPLIANCE for 2 years`.
    public var description: String {
        let period =
            days.map { "\($0) day\($0 == 1 ? "" : "s")" } ?? years.map { "\($0) year\($0 == 1 ? "" : "s")" }
        return mode.rawValue + (period.map { " for " + $0 } ?? "")
    }
}

/// A bucket's Block Public Access settings (GetPublicAccessBlock); each is `false` when not set.
public struct PublicAccessBlock: Sendable, Hashable, Codable {
    /// PUTs with a public ACL (object or bucket) are refused with 403 AccessDenied.
    public var blockPublicAcls: Bool
    /// Public ACLs are ignored.
    public var ignorePublicAcls: Bool
    /// A bucket policy granting public access is refused.
    public var blockPublicPolicy: Bool
    /// Public and cross-account access through a public policy is refused.
    public var restrictPublicBuckets: Bool

    public init(
        blockPublicAcls: Bool = false, ignorePublicAcls: Bool = false, blockPublicPolicy: Bool = false,
        restrictPublicBuckets: Bool = false
    ) {
        self.blockPublicAcls = blockPublicAcls
        self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy
        self.restrictPublicBuckets = restrictPublicBuckets
    }

    /// Every setting on, as the S3 console sets it for a new bucket.
    public static let all = PublicAccessBlock(
        blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true)

    enum CodingKeys: String, CodingKey {
        case blockPublicAcls = "block_public_acls"
        case ignorePublicAcls = "ignore_public_acls"
        case blockPublicPolicy = "block_public_policy"
        case restrictPublicBuckets = "restrict_public_buckets"
    }
}

/// One rule of a bucket's lifecycle configuration (GetBucketLifecycleConfiguration), as far as
/// plan-time checks read it: which objects it applies to and whether it expires or transitions them.
public struct LifecycleRule: Sendable, Hashable, Codable {
    public var id: String?
    public var enabled: Bool
    /// The filter's prefix (or the rule's legacy `Prefix`); `nil` or empty: every key.
    public var prefix: String?
    /// The filter's tags: an object must carry all of them.
    public var tags: [S3Tag]
    /// `Expiration/Days`.
    public var expirationDays: Int?
    /// `Expiration/Date`.
    public var expirationDate: Date?
    /// The storage classes of the rule's `Transition`s, with their days (`nil` for a dated one).
    public var transitions: [LifecycleTransition]
    /// `NoncurrentVersionExpiration/NoncurrentDays`.
    public var noncurrentExpirationDays: Int?

    public init(
        id: String? = nil, enabled: Bool = true, prefix: String? = nil, tags: [S3Tag] = [],
        expirationDays: Int? = nil, expirationDate: Date? = nil, transitions: [LifecycleTransition] = [],
        noncurrentExpirationDays: Int? = nil
    ) {
        self.id = id
        self.enabled = enabled
        self.prefix = prefix
        self.tags = tags
        self.expirationDays = expirationDays
        self.expirationDate = expirationDate
        self.transitions = transitions
        self.noncurrentExpirationDays = noncurrentExpirationDays
    }

    /// Whether the rule expires or moves current objects (what can take objects from under a job).
    public var expiresOrTransitions: Bool {
        expirationDays != nil || expirationDate != nil || !transitions.isEmpty
    }

    /// Whether the rule applies to a key under `prefix`: the rule's prefix and the job's overlap (one
    /// starts with the other). Tags are not known before the job runs, so a tag filter still applies.
    public func overlaps(prefix keys: String) -> Bool {
        let mine = prefix ?? ""
        return mine.hasPrefix(keys) || keys.hasPrefix(mine)
    }

    enum CodingKeys: String, CodingKey {
        case id, enabled, prefix, tags, transitions
        case expirationDays = "expiration_days"
        case expirationDate = "expiration_date"
        case noncurrentExpirationDays = "noncurrent_expiration_days"
    }
}

/// A lifecycle rule's `Transition`: after `days` (or on a date), to `storageClass`.
public struct LifecycleTransition: Sendable, Hashable, Codable {
    public var days: Int?
    public var storageClass: String

    public init(days: Int? = nil, storageClass: String) {
        self.days = days
        self.storageClass = storageClass
    }

    enum CodingKeys: String, CodingKey {
        case days
        case storageClass = "storage_class"
    }
}

extension JobOperation {
    /// The public access the operation grants each object it writes (`the canned ACL public-read`,
    /// `a grant to AllUsers`), which Block Public Access refuses; `nil` when it grants none. A Copy
    /// writes into its target bucket, an ACL operation into each object's own bucket.
    public var publicACL: String? {
        func canned(_ acl: S3CannedAccessControlList?) -> String? {
            guard let acl, [.publicRead, .publicReadWrite, .authenticatedRead].contains(acl) else {
                return nil
            }
            return "the canned ACL \(acl.rawValue)"
        }
        func granted(_ grants: [S3Grant]?) -> String? {
            for grant in grants ?? [] where grant.grantee?.typeIdentifier == .uri {
                let id = grant.grantee?.identifier ?? ""
                if id.hasSuffix("/AllUsers") || id.hasSuffix("/AuthenticatedUsers") {
                    return "a grant to \(id.split(separator: "/").last ?? "")"
                }
            }
            return nil
        }
        switch self {
        case .s3PutObjectCopy(let copy):
            return canned(copy.cannedAccessControlList) ?? granted(copy.accessControlGrants)
        case .s3PutObjectAcl(let acl):
            let policy = acl.accessControlPolicy
            return canned(policy?.cannedAccessControlList) ?? granted(policy?.accessControlList?.grants)
        default:
            return nil
        }
    }
}
