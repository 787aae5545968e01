public import BopsJobs

/// S3's largest source of a CopyObject, and so of a Batch Operations Copy task: 5 GiB. A larger
/// object is copied with UploadPartCopy, which Batch Operations does not do.
public enum CopySourceLimit {
    /// 5 GiB (5,368,709,120 bytes); a source of exactly this size is copied.
    public static let maxSize: Int64 = 5_368_709_120

    /// 400 `InvalidRequest` with S3's message when a source of `size` bytes is over the limit.
    public static func check(size: Int64) throws(EngineError) {
        guard size > maxSize else { return }
        throw EngineError(
            code: "InvalidRequest",
            message: "The specified copy source is larger than the maximum allowable size for a copy source: "
                + String(maxSize), httpStatus: 400)
    }
}
