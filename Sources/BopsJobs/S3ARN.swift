/// Parsing of the S3 ARNs the job API carries: `arn:<partition>:s3:::bucket` and
/// `arn:<partition>:s3:::bucket/key`.
public enum S3ARN {
    /// The bucket name of a bucket ARN, or `nil` when `arn` is not one.
    public static func bucket(_ arn: String) -> String? {
        guard let rest = resource(arn), !rest.isEmpty, !rest.contains("/") else { return nil }
        return String(rest)
    }

    /// Bucket and key of an object ARN, or `nil` when `arn` is not one.
    public static func object(_ arn: String) -> (bucket: String, key: String)? {
        guard let rest = resource(arn), let slash = rest.firstIndex(of: "/") else { return nil }
        let bucket = String(rest[..<slash])
        let key = String(rest[rest.index(after: slash)...])
        guard !bucket.isEmpty, !key.isEmpty else { return nil }
        return (bucket, key)
    }

    public static func bucketARN(_ bucket: String, partition: String = "aws") -> String {
        "arn:\(partition):s3:::\(bucket)"
    }

    public static func objectARN(bucket: String, key: String, partition: String = "aws") -> String {
        "arn:\(partition):s3:::\(bucket)/\(key)"
    }

    /// The bucket name of a directory bucket ARN
    /// (`arn:PARTITION:s3express:REGION:ACCOUNT:bucket/NAME`, the name ending in `--x-s3`), or
    /// `nil` when `arn` is not one. The one parser of directory bucket ARNs.
    public static func directoryBucket(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "s3express",
            !parts[3].isEmpty, parts[4].count == 12, parts[5].hasPrefix("bucket/")
        else { return nil }
        let name = parts[5].dropFirst("bucket/".count)
        guard !name.contains("/"), isDirectoryBucketName(name) else { return nil }
        return String(name)
    }

    /// Whether `name` is a directory bucket's name (`logs--usw2-az1--x-s3`).
    public static func isDirectoryBucketName(_ name: some StringProtocol) -> Bool {
        name.count > "--x-s3".count && name.hasSuffix("--x-s3")
    }

    private static func resource(_ arn: String) -> Substring? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "s3",
            parts[3].isEmpty, parts[4].isEmpty
        else { return nil }
        return parts[5]
    }
}
