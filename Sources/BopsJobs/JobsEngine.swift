/// The S3 Batch Operations job API, as bops uses it. Implemented by the AWS engine (S3 Control over
/// HTTPS) and the embedded local engine. Errors are ``EngineError`` values with AWS's codes.
public protocol JobsEngine: Sendable {
    /// CreateJob. Returns the job id. Idempotent on `clientRequestToken` (see ``CreateJobRequest``);
    /// a request that fails validation throws `BadRequestException`. A manifest that cannot be read
    /// does not throw: the job is created and ends `Failed` with `failureReasons`.
    func createJob(_ request: CreateJobRequest) async throws -> String
    /// DescribeJob. An unknown (or expired) job throws an error whose `isNoSuchJob` is true.
    func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor
    /// ListJobs, newest first. An empty `statuses` lists every status. `maxResults` is 0...1000.
    func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) async throws
        -> (jobs: [JobListDescriptor], nextToken: String?)
    /// UpdateJobStatus. `Ready` is accepted only from `Suspended`; `Cancelled` from any non-terminal
    /// status. Other transitions throw `JobStatusException`. Returns the status after the request
    /// (a running job answers `Cancelling` and reaches `Cancelled` shortly after).
    func updateJobStatus(
        accountId: String, jobId: String, to: RequestedJobStatus, reason: String?
    ) async throws
        -> (status: JobStatus, reason: String?)
    /// UpdateJobPriority: 0...2147483647; refused with `JobStatusException` on a terminal job.
    func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws
    func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag]
    /// PutJobTagging replaces the whole tag set (at most 50 tags).
    func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) async throws
    func deleteJobTagging(accountId: String, jobId: String) async throws
}

/// The S3 subset bops needs besides jobs: staging manifests, reading reports, plan-time checks.
public protocol ObjectStore: Sendable {
    /// PutObject. The answer carries the ETag (MD5 hex in double quotes, as S3 returns it) and the
    /// version id when the bucket is versioned (`nil` otherwise).
    func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String?
    ) async throws -> ObjectInfo
    /// HeadObject: `nil` when there is no such key (or version); throws `NoSuchBucket` for a missing bucket.
    func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectInfo?
    /// GetObject: throws `NoSuchKey` / `NoSuchBucket`.
    func getObject(bucket: String, key: String, versionId: String?) async throws -> [UInt8]
    /// The current objects under `prefix` (all when `nil`), sorted by key.
    func listObjects(bucket: String, prefix: String?) async throws -> [ObjectInfo]
    /// The first `limit` current objects under `prefix` by key, and whether they are all of them.
    /// A store that pages (S3) stops asking once it has `limit`.
    func listObjects(
        bucket: String, prefix: String?, limit: Int
    ) async throws -> (objects: [ObjectInfo], complete: Bool)
    /// Whether the bucket exists (for S3: also when it belongs to another account or region).
    /// Throws only when the answer is unknown (network, permissions).
    func bucketExists(_ bucket: String) async throws -> Bool
    /// `nil` when versioning was never enabled on the bucket; throws `NoSuchBucket` for a missing bucket.
    func bucketVersioning(bucket: String) async throws -> VersioningStatus?
    /// `nil` when the bucket has no replication configuration; throws `NoSuchBucket` for a missing bucket.
    func replicationConfiguration(bucket: String) async throws -> ReplicationConfiguration?
    /// Whether Object Lock is enabled on the bucket; throws `NoSuchBucket` for a missing bucket.
    func objectLockEnabled(bucket: String) async throws -> Bool
    /// The bucket policy's text; `nil` when the bucket has none. Throws `NoSuchBucket`.
    func bucketPolicy(bucket: String) async throws -> String?
    /// The Object Lock configuration; `nil` when Object Lock is not enabled. Throws `NoSuchBucket`.
    func objectLockConfiguration(bucket: String) async throws -> ObjectLockConfiguration?
    /// The Block Public Access settings; `nil` when none are set. Throws `NoSuchBucket`.
    func publicAccessBlock(bucket: String) async throws -> PublicAccessBlock?
    /// The lifecycle rules; `nil` when the bucket has no lifecycle configuration. Throws `NoSuchBucket`.
    func lifecycleRules(bucket: String) async throws -> [LifecycleRule]?
    /// The inventory configuration `id` (GetBucketInventoryConfiguration); `nil` when the bucket has
    /// none of that id. Throws `NoSuchBucket`.
    func inventoryConfiguration(bucket: String, id: String) async throws -> InventoryConfiguration?
    /// Every inventory configuration of the bucket (ListBucketInventoryConfigurations, all pages).
    /// Throws `NoSuchBucket`.
    func inventoryConfigurations(bucket: String) async throws -> [InventoryConfiguration]
    /// The default encryption (GetBucketEncryption); `nil` when the bucket has none. Throws `NoSuchBucket`.
    func bucketEncryption(bucket: String) async throws -> BucketEncryption?
    /// Whether `account` owns the bucket (``BucketOwnership/unknown`` when the store cannot tell).
    /// Throws `NoSuchBucket`.
    func bucketOwnership(bucket: String, account: String) async throws -> BucketOwnership
    /// The region the bucket is in (HeadBucket's `x-amz-bucket-region`); `nil` when the store cannot tell. Throws
    /// `NoSuchBucket`.
    func bucketRegion(bucket: String) async throws -> String?
}

extension ObjectStore {
    /// Lists everything and keeps the first `limit`: for stores whose listing costs nothing.
    public func listObjects(
        bucket: String, prefix: String?, limit: Int
    ) async throws -> (
        objects: [ObjectInfo], complete: Bool
    ) {
        let all = try await listObjects(bucket: bucket, prefix: prefix)
        return (Array(all.prefix(limit)), all.count <= limit)
    }
}
