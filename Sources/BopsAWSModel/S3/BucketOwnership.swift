/// HeadBucket as the ownership check sends it: with `x-amz-expected-bucket-owner`, S3 answers 403
/// when another account owns the bucket.
extension S3Requests {
    /// `HEAD /{bucket}`, with `x-amz-expected-bucket-owner` when `expectedOwner` is given.
    public static func headBucket(
        bucket: String, expectedOwner: String? = nil, addressing: S3Addressing
    ) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "HEAD", path: bucketPath(bucket: bucket, addressing: addressing),
            headers: expectedOwner.map { [HTTPField("x-amz-expected-bucket-owner", $0)] } ?? [])
    }
}
