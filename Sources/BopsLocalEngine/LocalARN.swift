import BopsJobs

/// Bucket ARNs a job may target on the local engine: general purpose buckets
/// (`arn:aws:s3:::NAME`) and directory buckets (`arn:aws:s3express:REGION:ACCOUNT:bucket/NAME`,
/// names like `logs--usw2-az1--x-s3`), both stored as local buckets of that name.
enum LocalARN {
    /// The storage class S3 reports for every object in a directory bucket.
    static let directoryBucketStorageClass = ObjectStorageClass.expressOnezone

    /// The bucket name, or `nil` when `arn` is neither kind of bucket ARN.
    static func bucket(_ arn: String) -> String? {
        S3ARN.bucket(arn) ?? directoryBucket(arn)
    }

    static func isDirectoryBucket(_ arn: String) -> Bool { directoryBucket(arn) != nil }

    private static func directoryBucket(_ arn: String) -> String? { S3ARN.directoryBucket(arn) }
}
