import BopsAWSModel
import BopsEncoding
import BopsJobs
import BopsLocalEngine
import BopsSigV4
import Foundation

/// The S3 subset on the local engine's store: buckets (create, head, list), versioning,
/// replication, Object Lock configuration reads, objects (put, get, head, ListObjectsV2) and their
/// subresources (``ObjectSubresourceAPI``). GetObject of an archived object that is not restored
/// answers 403 `InvalidObjectState`; HeadObject answers it with `x-amz-restore`.
struct S3API: Sendable {
    let store: LocalStore
    /// Host suffixes under which `bucket.<suffix>` names a bucket (virtual-hosted style).
    let virtualHostSuffixes: [String]

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
            return try listBuckets()
        }
        if let key { return try await objectOperation(request, bucket: bucket, key: key) }
        return try await bucketOperation(request, bucket: bucket)
    }

    private func unsupportedOperation(_ request: IncomingRequest) -> APIError {
        APIError(
            501, "NotImplemented",
            "\(request.method) \(request.rawPath) (query: \(request.query.map(\.name).joined(separator: ","))) is "
                + "not an S3 operation the emulator serves")
    }

    private func requireBucket(_ bucket: String) throws -> BucketInfo {
        guard let info = try store.bucketInfo(bucket) else {
            throw APIError(
                404, "NoSuchBucket", "The specified bucket does not exist", extra: [("BucketName", bucket)])
        }
        return info
    }

    // MARK: Buckets

    private func listBuckets() throws -> Answer {
        let buckets = try store.listBuckets().sorted { $0.name < $1.name }
        return .xml(
            S3Responses.listBucketsBody(buckets.map { ($0.name, $0.creationDate) }, ownerId: "emulator"))
    }

    private func bucketOperation(_ request: IncomingRequest, bucket: String) async throws -> Answer {
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
        case "GET" where request.hasQuery("object-lock"):
            guard try requireBucket(bucket).objectLockEnabled else {
                throw APIError(
                    404, "ObjectLockConfigurationNotFoundError",
                    "Object Lock configuration does not exist for this bucket",
                    extra: [("BucketName", bucket)])
            }
            return .xml(S3Responses.objectLockConfigurationBody())
        case "GET" where request.queryValue("list-type") == "2":
            return try listObjectsV2(request, bucket: bucket)
        case "HEAD" where request.query.isEmpty:
            _ = try requireBucket(bucket)
            return Answer()
        case "PUT" where request.query.isEmpty:
            try store.createBucket(bucket, objectLock: S3Requests.readCreateBucketObjectLock(request.parts))
            return Answer(headers: [("Location", "/" + bucket)])
        default:
            throw unsupportedOperation(request)
        }
    }

    private func listObjectsV2(_ request: IncomingRequest, bucket: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let input = try decoded("InvalidArgument") { () throws(AWSShapeError) in
            try S3Requests.readListObjectsV2(request.parts)
        }
        let prefix = input.prefix ?? ""
        let maxKeys = min(input.maxKeys, 1000)
        var after = input.startAfter ?? ""
        if let token = input.continuationToken {
            guard let data = Data(base64Encoded: token), let key = String(data: data, encoding: .utf8) else {
                throw APIError(400, "InvalidArgument", "The continuation token provided is incorrect")
            }
            after = max(after, key)
        }
        let objects = try store.listObjectVersions(bucket: bucket, prefix: prefix.isEmpty ? nil : prefix)
            .filter { $0.isLatest && $0.key > after }
        var contents: [ObjectInfo] = []
        var prefixes: [String] = []
        var last: String?
        var truncated = false
        for object in objects {
            if let delimiter = input.delimiter,
                let range = object.key.dropFirst(prefix.count).range(of: delimiter)
            {
                let common = String(object.key[..<range.upperBound])
                if prefixes.last == common { continue }
                if contents.count + prefixes.count >= maxKeys {
                    truncated = true
                    break
                }
                prefixes.append(common)
                last = common
                continue
            }
            if contents.count + prefixes.count >= maxKeys {
                truncated = true
                break
            }
            contents.append(object)
            last = object.key
        }
        var next: String?
        if truncated, let last {
            // A common prefix is skipped past entirely: continue after its last possible key.
            let resume = prefixes.last == last ? last + "\u{10FFFF}" : last
            next = Data(resume.utf8).base64EncodedString()
        }
        let page = ListObjectsV2Page(
            objects: contents, commonPrefixes: prefixes, isTruncated: truncated, nextContinuationToken: next)
        return .xml(
            S3Responses.listObjectsV2Body(
                bucket: bucket, prefix: prefix, delimiter: input.delimiter, maxKeys: maxKeys,
                continuationToken: input.continuationToken, startAfter: input.startAfter,
                urlEncoded: input.urlEncoded, page: page))
    }

    // MARK: Objects

    private func objectOperation(
        _ request: IncomingRequest, bucket: String, key: String
    ) async throws -> Answer {
        let versionId = request.queryValue("versionId").flatMap { $0 == "null" ? nil : $0 }
        if let subresource = ObjectSubresourceAPI.subresource(of: request) {
            _ = try requireBucket(bucket)
            return try ObjectSubresourceAPI(store: store).handle(
                request, subresource, bucket: bucket, key: key, versionId: versionId)
        }
        switch request.method {
        case "PUT" where request.query.isEmpty && request.header("x-amz-copy-source") == nil:
            return try putObject(request, bucket: bucket, key: key)
        case "GET"
        where request.query.allSatisfy({ $0.name == "versionId" || $0.name.hasPrefix("response-") }):
            _ = try requireBucket(bucket)
            let (info, body) = try store.readObject(bucket: bucket, key: key, versionId: versionId)
            var answer = Answer(fields: S3Responses.objectHeaders(info), body: body)
            answer.headers.append(("Accept-Ranges", "bytes"))
            return answer
        case "DELETE" where request.query.isEmpty:
            return try deleteObject(request, bucket: bucket, key: key)
        case "HEAD" where request.query.allSatisfy({ $0.name == "versionId" }):
            _ = try requireBucket(bucket)
            let info = try store.objectInfo(bucket: bucket, key: key, versionId: versionId)
            var answer = Answer(fields: S3Responses.objectHeaders(info))
            answer.announcedLength = Int(info.size)
            return answer
        default:
            throw unsupportedOperation(request)
        }
    }

    private func putObject(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        if let answer = try conditionalPut(request, bucket: bucket, key: key) { return answer }
        _ = try requireBucket(bucket)
        let attributes = try ObjectHeaders.attributes(request.parts)
        let info = try store.putObject(bucket: bucket, key: key, body: request.body, attributes: attributes)
        return Answer(fields: S3Responses.putObjectHeaders(info))
    }
}
