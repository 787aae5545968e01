import BopsAWSModel
import BopsEncoding
import BopsJobs
import BopsLocalEngine
import BopsSigV4
import FoundationEssentials

/// The S3 subset on the local engine's store: buckets (create, head, list, delete, location),
/// versioning, replication, the settings of ``bucketSettings(_:bucket:)`` (policy, Block Public
/// Access, Object Lock configuration, lifecycle), objects (put, copy, get, head,
/// delete, DeleteObjects, ListObjects v1 and v2, ListObjectVersions), multipart uploads and object
/// subresources (``ObjectSubresourceAPI``). docs/emulator.md lists every call. GetObject of an
/// archived object that is not restored answers 403 `InvalidObjectState`; HeadObject answers it
/// with `x-amz-restore`.
struct S3API: Sendable {
    let store: LocalStore
    /// Host suffixes under which `bucket.<suffix>` names a bucket (virtual-hosted style).
    let virtualHostSuffixes: [String]
    /// The region the emulator stands for (CreateBucket's answer for a bucket that exists).
    var region = "us-east-1"
    /// How long a RestoreObject takes to complete.
    var restoreDelay: Duration = .zero

    /// The bucket and key a request addresses (virtual-hosted when the Host names a bucket).
    func address(_ request: IncomingRequest) -> (bucket: String?, key: String?) {
        let host = request.hostName
        for suffix in virtualHostSuffixes where host.hasSuffix("." + suffix) {
            let bucket = String(host.dropLast(suffix.count + 1))
            let key = BopsEncoding.URIEncoding.decode(String(request.rawPath.dropFirst()))
            return (bucket, key.isEmpty ? nil : key)
        }
        let path = request.rawPath.dropFirst()
        guard !path.isEmpty else { return (nil, nil) }
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let bucket = BopsEncoding.URIEncoding.decode(String(parts[0]))
        let key = parts.count == 2 ? BopsEncoding.URIEncoding.decode(String(parts[1])) : ""
        return (bucket, key.isEmpty ? nil : key)
    }

    func handle(_ request: IncomingRequest) async throws -> Answer {
        let (bucket, key) = address(request)
        guard let bucket else {
            guard request.method == "GET" else { throw unsupportedOperation(request) }
            return try listBuckets(request)
        }
        try checkExpectedOwner(request, bucket: bucket)
        if let key { return try await objectOperation(request, bucket: bucket, key: key) }
        return try await bucketOperation(request, bucket: bucket)
    }

    /// `x-amz-expected-bucket-owner`: 403 `AccessDenied` when another account owns the bucket. A
    /// bucket made without an owner (through the store or `bops local`) is every account's own, as
    /// jobs treat it.
    func checkExpectedOwner(_ request: IncomingRequest, bucket: String) throws {
        guard let expected = request.header("x-amz-expected-bucket-owner"),
            let info = try store.bucketInfo(bucket), let owner = info.owner, owner != expected
        else { return }
        throw APIError(403, "AccessDenied", "Access Denied")
    }

    func unsupportedOperation(_ request: IncomingRequest) -> APIError {
        APIError(
            501, "NotImplemented",
            "\(request.method) \(request.rawPath) (query: \(request.query.map(\.name).joined(separator: ","))) is "
                + "not an S3 operation the emulator serves")
    }

    func requireBucket(_ bucket: String) throws -> BucketInfo {
        guard let info = try store.bucketInfo(bucket) else {
            throw APIError(
                404, "NoSuchBucket", "The specified bucket does not exist", extra: [("BucketName", bucket)])
        }
        return info
    }

    // MARK: Buckets

    /// ListBuckets: by name, `prefix`, pages of `max-buckets` (1...10000) after `continuation-token`.
    private func listBuckets(_ request: IncomingRequest) throws -> Answer {
        let prefix = request.queryValue("prefix")
        var buckets = try store.listBuckets().filter {
            $0.name.hasPrefix(prefix ?? "") && Self.owner(of: $0) == request.account
        }.sorted { $0.name < $1.name }
        if let token = request.queryValue("continuation-token") {
            guard let data = Data(base64Encoded: token), let after = String(data: data, encoding: .utf8)
            else {
                throw APIError(400, "InvalidArgument", "The continuation token provided is incorrect")
            }
            buckets = buckets.filter { $0.name > after }
        }
        var next: String?
        if let text = request.queryValue("max-buckets") {
            guard let max = Int(text), (1...10000).contains(max) else {
                throw APIError(400, "InvalidArgument", "max-buckets must be an integer between 1 and 10000")
            }
            if buckets.count > max {
                buckets = Array(buckets.prefix(max))
                next = buckets.last.map { Data($0.name.utf8).base64EncodedString() }
            }
        }
        return .xml(
            S3Responses.listBucketsBody(
                buckets.map { ($0.name, $0.creationDate) }, ownerId: Self.ownerId(request.account),
                continuationToken: next,
                prefix: prefix))
    }

    private func bucketOperation(_ request: IncomingRequest, bucket: String) async throws -> Answer {
        if let answer = try bucketSettings(request, bucket: bucket) { return answer }
        switch request.method {
        case "PUT" where request.hasQuery("versioning"):
            _ = try requireBucket(bucket)
            let status = try decoded("MalformedXML") { () throws(AWSShapeError) in
                try S3Requests.readPutBucketVersioning(request.parts)
            }
            try store.putBucketVersioning(bucket, status)
            return Answer()
        case "GET" where request.hasQuery("versioning"):
            return .xml(S3Responses.bucketVersioningBody(try requireBucket(bucket).versioning))
        case "PUT" where request.hasQuery("replication"):
            _ = try requireBucket(bucket)
            let configuration = try decoded("MalformedXML") { () throws(AWSShapeError) in
                try S3Requests.readPutBucketReplication(request.parts)
            }
            try store.putBucketReplication(bucket, configuration)
            return Answer()
        case "GET" where request.hasQuery("replication"):
            guard let configuration = try requireBucket(bucket).replication else {
                throw APIError(
                    404, "ReplicationConfigurationNotFoundError",
                    "The replication configuration was not found",
                    extra: [("BucketName", bucket)])
            }
            return .xml(S3Responses.bucketReplicationBody(configuration))
        case "DELETE" where request.hasQuery("replication"):
            _ = try requireBucket(bucket)
            try store.putBucketReplication(bucket, nil)
            return Answer(status: 204)
        case "GET" where request.queryValue("list-type") == "2":
            return try listObjectsV2(request, bucket: bucket)
        case "GET" where request.hasQuery("versions"):
            return try listObjectVersions(request, bucket: bucket)
        case "GET" where request.hasQuery("uploads"):
            return try listMultipartUploads(request, bucket: bucket)
        case "GET" where request.hasQuery("location"):
            _ = try requireBucket(bucket)
            return .xml(S3Responses.bucketLocationBody(region: region))
        case "POST" where request.hasQuery("delete"):
            return try deleteObjects(request, bucket: bucket)
        case "GET" where request.query.allSatisfy({ Self.listObjectsV1Parameters.contains($0.name) }):
            return try listObjectsV1(request, bucket: bucket)
        case "HEAD" where request.query.isEmpty:
            _ = try requireBucket(bucket)
            return Answer(headers: [("x-amz-bucket-region", region)])
        case "PUT" where request.query.isEmpty:
            return try createBucket(request, bucket: bucket)
        case "DELETE" where request.query.isEmpty:
            _ = try requireBucket(bucket)
            guard try store.listMultipartUploads(bucket: bucket).isEmpty else {
                throw APIError(
                    409, "BucketNotEmpty", "The bucket you tried to delete is not empty",
                    extra: [("BucketName", bucket)])
            }
            try store.deleteBucket(bucket)
            return Answer(status: 204)
        default:
            throw unsupportedOperation(request)
        }
    }

    /// CreateBucket. A bucket that exists and is yours: in us-east-1 S3 answers 200 again,
    /// elsewhere 409 `BucketAlreadyOwnedByYou`; another account's: 409 `BucketAlreadyExists`.
    private func createBucket(_ request: IncomingRequest, bucket: String) throws -> Answer {
        if let existing = try store.bucketInfo(bucket) {
            guard Self.owner(of: existing) == request.account else {
                throw APIError(
                    409, "BucketAlreadyExists",
                    "The requested bucket name is not available. The bucket namespace is shared by all "
                        + "users of the system. Please select a different name and try again.",
                    extra: [("BucketName", bucket)])
            }
            guard region == "us-east-1" else {
                throw APIError(
                    409, "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.",
                    extra: [("BucketName", bucket)])
            }
            return Answer(headers: [("Location", "/" + bucket)])
        }
        let owner = request.account == EmulatorServer.Configuration.defaultAccount ? nil : request.account
        try store.createBucket(
            bucket, objectLock: S3Requests.readCreateBucketObjectLock(request.parts), owner: owner)
        return Answer(headers: [("Location", "/" + bucket)])
    }

    /// The account a bucket belongs to (a bucket without a recorded owner: the default account).
    static func owner(of bucket: BucketInfo) -> String {
        bucket.owner ?? EmulatorServer.Configuration.defaultAccount
    }

    /// The canonical owner id ListBuckets and listings show for `account`: `emulator` for the
    /// default account (as before accounts had keys), the account id for any other.
    static func ownerId(_ account: String) -> String {
        account == EmulatorServer.Configuration.defaultAccount ? "emulator" : account
    }

    // MARK: Objects

    /// RestoreObject: 202 for a restore started, 200 when a restored copy was already readable.
    private func restoreObject(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let (days, tierName) = try decoded("MalformedXML") { () throws(AWSShapeError) in
            try S3Requests.readRestoreObject(request.parts)
        }
        var tier: S3GlacierJobTier?
        if let tierName {
            guard
                let known = S3GlacierJobTier(rawValue: tierName)
                    ?? (tierName == "EXPEDITED" ? .standard : nil)
            else {
                throw APIError(
                    400, "MalformedXML", "RestoreObject: unknown GlacierJobParameters/Tier '\(tierName)'")
            }
            tier = known
        }
        let restored = try store.restoreObject(
            bucket: bucket, key: key, versionId: request.queryValue("versionId"), days: days, tier: tier,
            delay: restoreDelay)
        return Answer(status: restored ? 200 : 202)
    }

    private func objectOperation(
        _ request: IncomingRequest, bucket: String, key: String
    ) async throws -> Answer {
        let versionId = request.queryValue("versionId").flatMap { $0 == "null" ? nil : $0 }
        if let subresource = ObjectSubresourceAPI.subresource(of: request) {
            _ = try requireBucket(bucket)
            return try ObjectSubresourceAPI(store: store).handle(
                request, subresource, bucket: bucket, key: key, versionId: versionId)
        }
        // `x-id` names the operation for some SDKs (JavaScript v3, Rust); S3 ignores it.
        let query = request.query.filter { $0.name != "x-id" }
        let onlyReadParameters = query.allSatisfy {
            $0.name == "versionId" || $0.name == "partNumber" || $0.name.hasPrefix("response-")
        }
        switch request.method {
        case "GET" where request.hasQuery("attributes"):
            return try objectAttributes(request, bucket: bucket, key: key)
        case "POST" where request.hasQuery("restore"):
            return try restoreObject(request, bucket: bucket, key: key)
        case "POST" where request.hasQuery("uploads"):
            return try createMultipartUpload(request, bucket: bucket, key: key)
        case "PUT" where request.hasQuery("uploadId") && request.hasQuery("partNumber"):
            return try uploadPart(request, bucket: bucket, key: key)
        case "POST" where request.hasQuery("uploadId"):
            return try completeMultipartUpload(request, bucket: bucket, key: key)
        case "DELETE" where request.hasQuery("uploadId"):
            return try abortMultipartUpload(request, bucket: bucket, key: key)
        case "GET" where request.hasQuery("uploadId"):
            return try listParts(request, bucket: bucket, key: key)
        case "PUT" where query.isEmpty && request.header("x-amz-copy-source") != nil:
            return try copyObject(request, bucket: bucket, key: key)
        case "PUT" where query.isEmpty:
            return try putObject(request, bucket: bucket, key: key)
        case "GET" where onlyReadParameters:
            return try readObject(request, bucket: bucket, key: key, isHead: false)
        case "HEAD" where onlyReadParameters:
            return try readObject(request, bucket: bucket, key: key, isHead: true)
        case "DELETE" where query.allSatisfy({ $0.name == "versionId" }):
            return try deleteObject(request, bucket: bucket, key: key)
        default:
            throw unsupportedOperation(request)
        }
    }
}
