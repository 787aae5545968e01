/// Whether a bucket belongs to an account, as far as a store can tell (S3: HeadBucket with
/// `x-amz-expected-bucket-owner`). Across accounts a bucket's policy must allow what a job's role
/// does there; in one account the role's own policies are enough.
public enum BucketOwnership: Sendable, Hashable {
    /// The account asked about owns the bucket.
    case owned
    /// Another account owns it: its ID when the store says.
    case other(String?)
    /// The store cannot tell.
    case unknown
}
