import BopsAWSModel
public import BopsJobs
import Crypto
import FoundationEssentials

extension AWSEngine: ObjectStore {
    /// PutObject with `Content-MD5` (so Object Lock buckets accept it).
    public func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String?
    ) async throws
        -> ObjectInfo
    {
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        let response = try await s3("PutObject", bucket: bucket) { addressing in
            S3Requests.putObject(
                bucket: bucket, key: key, body: body, contentType: contentType, contentMD5: md5,
                addressing: addressing)
        }
        let (eTag, versionId) = try S3Responses.putObject(response)
        return ObjectInfo(
            bucket: bucket, key: key, versionId: versionId, eTag: eTag, size: Int64(body.count),
            lastModified: Date())
    }

    public func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectInfo? {
        let response = try await s3("HeadObject", bucket: bucket) { addressing in
            S3Requests.headObject(bucket: bucket, key: key, versionId: versionId, addressing: addressing)
        }
        if response.status == 404 {
            // HEAD answers carry no body: tell a missing bucket from a missing key with HeadBucket.
            if try await !bucketExists(bucket) { throw EngineError.noSuchBucket(bucket) }
            return nil
        }
        return try S3Responses.headObject(response, bucket: bucket, key: key)
    }

    public func getObject(bucket: String, key: String, versionId: String?) async throws -> [UInt8] {
        let response = try await s3("GetObject", bucket: bucket) { addressing in
            S3Requests.getObject(bucket: bucket, key: key, versionId: versionId, addressing: addressing)
        }
        return try S3Responses.getObject(response, bucket: bucket, key: key).body
    }

    /// Every page of ListObjectsV2 under `prefix`.
    public func listObjects(bucket: String, prefix: String?) async throws -> [ObjectInfo] {
        try await listObjects(bucket: bucket, prefix: prefix, pageSize: nil)
    }

    /// ListObjectsV2 with `max-keys` = `pageSize` per page, following continuation tokens.
    public func listObjects(bucket: String, prefix: String?, pageSize: Int?) async throws -> [ObjectInfo] {
        try await listPages(bucket: bucket, prefix: prefix, pageSize: pageSize, limit: nil).objects
    }

    /// The first `limit` objects by key: pages are asked for until there are that many.
    public func listObjects(
        bucket: String, prefix: String?, limit: Int
    ) async throws -> (
        objects: [ObjectInfo], complete: Bool
    ) {
        let listed = try await listPages(
            bucket: bucket, prefix: prefix, pageSize: min(1000, limit), limit: limit)
        return (Array(listed.objects.prefix(limit)), listed.complete && listed.objects.count <= limit)
    }

    func listPages(
        bucket: String, prefix: String?, pageSize: Int?, limit: Int?
    ) async throws -> (
        objects: [ObjectInfo], complete: Bool
    ) {
        var all: [ObjectInfo] = []
        var token: String?
        repeat {
            let response = try await s3("ListObjectsV2", bucket: bucket) { addressing in
                S3Requests.listObjectsV2(
                    bucket: bucket, prefix: prefix, continuationToken: token, maxKeys: pageSize,
                    addressing: addressing)
            }
            let page = try S3Responses.listObjectsV2(response, bucket: bucket)
            all += page.objects
            token = page.nextContinuationToken
            if let limit, all.count >= limit { break }
        } while token != nil
        return (all.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }, token == nil)
    }

    public func bucketVersioning(bucket: String) async throws -> VersioningStatus? {
        let response = try await s3("GetBucketVersioning", bucket: bucket) { addressing in
            S3Requests.getBucketVersioning(bucket: bucket, addressing: addressing)
        }
        do {
            return try S3Responses.bucketVersioning(response)
        } catch let error as AWSShapeError {
            // Like botocore, read the answer's Status whatever its root is named (emulators answer
            // an unversioned bucket with an empty <GetBucketVersioningResponse/>).
            guard let root = try? XMLReader.parse(response.body) else { throw error }
            guard let status = root.childText("Status") else { return nil }
            guard let value = VersioningStatus(rawValue: status) else { throw error }
            return value
        }
    }

    public func replicationConfiguration(bucket: String) async throws -> ReplicationConfiguration? {
        try await bucketRead(
            "GetBucketReplication", bucket, S3Requests.getBucketReplication, S3Responses.bucketReplication)
    }

    public func objectLockEnabled(bucket: String) async throws -> Bool {
        try await bucketRead(
            "GetObjectLockConfiguration", bucket, S3Requests.getObjectLockConfiguration,
            S3Responses.objectLockEnabled)
    }

    public func bucketPolicy(bucket: String) async throws -> String? {
        try await bucketRead("GetBucketPolicy", bucket, S3Requests.getBucketPolicy, S3Responses.bucketPolicy)
    }

    public func objectLockConfiguration(bucket: String) async throws -> ObjectLockConfiguration? {
        try await bucketRead(
            "GetObjectLockConfiguration", bucket, S3Requests.getObjectLockConfiguration,
            S3Responses.objectLockConfiguration)
    }

    public func publicAccessBlock(bucket: String) async throws -> PublicAccessBlock? {
        try await bucketRead(
            "GetPublicAccessBlock", bucket, S3Requests.getPublicAccessBlock, S3Responses.publicAccessBlock)
    }

    public func lifecycleRules(bucket: String) async throws -> [LifecycleRule]? {
        try await bucketRead(
            "GetBucketLifecycleConfiguration", bucket, S3Requests.getBucketLifecycleConfiguration,
            S3Responses.lifecycleRules)
    }

    public func inventoryConfiguration(bucket: String, id: String) async throws -> InventoryConfiguration? {
        try await bucketRead(
            "GetBucketInventoryConfiguration", bucket,
            { S3Requests.getBucketInventoryConfiguration(bucket: $0, id: id, addressing: $1) },
            S3Responses.inventoryConfiguration)
    }

    public func bucketEncryption(bucket: String) async throws -> BucketEncryption? {
        try await bucketRead(
            "GetBucketEncryption", bucket, S3Requests.getBucketEncryption, S3Responses.bucketEncryption)
    }

    /// HeadBucket with `x-amz-expected-bucket-owner: account`: 2xx is the account's bucket; a 403
    /// where a plain HeadBucket succeeds is another account's; anything else cannot tell.
    public func bucketOwnership(bucket: String, account: String) async throws -> BucketOwnership {
        let expected = try await s3("HeadBucket", bucket: bucket) { addressing in
            S3Requests.headBucket(bucket: bucket, expectedOwner: account, addressing: addressing)
        }
        switch expected.status {
        case 200..<300: return .owned
        case 404: throw EngineError.noSuchBucket(bucket)
        case 403:
            let plain = try await headBucket(bucket)
            return (200..<300).contains(plain.status) ? .other(nil) : .unknown
        default: return .unknown
        }
    }

    public func inventoryConfigurations(bucket: String) async throws -> [InventoryConfiguration] {
        var all: [InventoryConfiguration] = []
        var token: String?
        repeat {
            let page = try await bucketRead(
                "ListBucketInventoryConfigurations", bucket,
                { [token] in
                    S3Requests.listBucketInventoryConfigurations(
                        bucket: $0, continuationToken: token, addressing: $1)
                }, S3Responses.inventoryConfigurations)
            all += page.configurations
            token = page.nextToken
        } while token != nil
        return all
    }

    /// HeadBucket's `x-amz-bucket-region` (S3 sends it also with a 403 and a 301); `nil` when the
    /// answer has none.
    public func bucketRegion(bucket: String) async throws -> String? {
        let response = try await headBucket(bucket)
        if let region = response.header("x-amz-bucket-region") { return region }
        switch response.status {
        case 200..<300: return nil
        case 404: throw EngineError.noSuchBucket(bucket)
        default: throw AWSErrors.engineError(response)
        }
    }

    private func headBucket(_ bucket: String) async throws -> HTTPResponseParts {
        try await s3("HeadBucket", bucket: bucket) { addressing in
            HTTPRequestParts(
                method: "HEAD", path: S3Requests.bucketPath(bucket: bucket, addressing: addressing))
        }
    }

    /// One GET of a bucket subresource, read by `parse`.
    private func bucketRead<Value>(
        _ operation: String, _ bucket: String, _ request: (String, S3Addressing) -> HTTPRequestParts,
        _ parse: (HTTPResponseParts) throws -> Value
    ) async throws -> Value {
        let response = try await s3(operation, bucket: bucket) { addressing in request(bucket, addressing) }
        return try parse(response)
    }

    /// HeadBucket: `true` for 200, and for 403 and 301 (the bucket exists, in another account's
    /// hands or region); `false` for 404; other answers throw.
    public func bucketExists(_ bucket: String) async throws -> Bool {
        let response = try await headBucket(bucket)
        switch response.status {
        case 200..<300, 301, 403: return true
        case 404: return false
        default: throw AWSErrors.engineError(response)
        }
    }
}
