/// The plan-time checks a spec may skip by name in `spec.acknowledge` (`lifecycle: "the rule expires
/// after 400 days"`). The schema lists the same names; the plan notes each skipped check with its
/// reason, so a skip is never silent.
public enum PlanCheck: String, Sendable, Hashable, CaseIterable {
    /// A Replicate rule's destination exists and has versioning.
    case replicationDestination
    /// A Replicate job's manifest lists no object outside every replication rule.
    case replicationCoverage
    /// No bucket policy explicitly denies the role an action the job needs.
    case bucketPolicy
    /// The report bucket has no Object Lock default retention.
    case reportRetention
    /// The report bucket is in the job's region.
    case reportRegion
    /// Block Public Access does not refuse or ignore the public ACL the job sets.
    case blockPublicAccess
    /// No lifecycle rule of the source expires or moves the objects the job reads.
    case lifecycle
    /// The S3 Inventory configuration whose report a Replicate job reads lists every version.
    case inventoryVersions
    /// A KMS key the job uses exists, is enabled, and its key policy lets the role use it.
    case kmsKey
    /// The caller may pass the role (`iam:PassRole`) and tag the job (`s3:PutJobTagging`).
    case caller
}
