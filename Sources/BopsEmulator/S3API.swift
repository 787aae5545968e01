import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import BopsSigV4
import Foundation

/// The S3 subset on the local engine's store: buckets (create, head, list), versioning,
/// replication, Object Lock configuration reads, and objects (put, get, head, ListObjectsV2).
struct S3API: Sendable {
    let store: LocalStore
    /// Host suffixes under which `bucket.<suffix>` names a bucket (virtual-hosted style).
    let virtualHostSuffixes: [String]

    /// The bucket and key a request addresses (virtual-hosted when the Host names a bucket).
    func address(_ request: IncomingRequest) -> (bucket: String?, key: String?) {
        let host = request.hostName
        for suffix in virtualHostSuffixes where host.hasSuffix("." + suffix) {
            let bucket = String(host.dropLast(suffix.count + 1))
            let key = BopsSigV4.URIEncoding.decode(String(request.rawPath.dropFirst()))
            return (bucket, key.isEmpty ? nil : key)
        }
        let path = request.rawPath.dropFirst()
        guard !path.isEmpty else { return (nil, nil) }
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let bucket = BopsSigV4.URIEncoding.decode(String(parts[0]))
        let key = parts.count == 2 ? BopsSigV4.URIEncoding.decode(String(parts[1])) : ""
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

    private func xml(_ name: String, _ children: [XMLElementNode]) -> Answer {
        var root = XMLElementNode(name, children: children)
        root.attributes = [XMLAttribute("xmlns", Answer.s3Namespace)]
        return .xml(root)
    }

    private func parse(_ request: IncomingRequest) throws(APIError) -> XMLElementNode {
        do {
            return try XMLReader.parse(request.body)
        } catch {
            throw APIError(
                400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema: \(error)"
            )
        }
    }

    // MARK: Buckets

    private func listBuckets() throws -> Answer {
        let buckets = try store.listBuckets().sorted { $0.name < $1.name }
        let list = buckets.map { b in
            XMLElementNode(
                "Bucket",
                children: [
                    XMLElementNode("Name", text: b.name),
                    XMLElementNode("CreationDate", text: XMLEncoding.format(b.creationDate)),
                ])
        }
        return xml(
            "ListAllMyBucketsResult",
            [
                XMLElementNode("Owner", children: [XMLElementNode("ID", text: "emulator")]),
                XMLElementNode("Buckets", children: list),
            ])
    }

    private func bucketOperation(_ request: IncomingRequest, bucket: String) async throws -> Answer {
        switch request.method {
        case "PUT" where request.hasQuery("versioning"):
            _ = try requireBucket(bucket)
            let root = try parse(request)
            guard let text = root.childText("Status"), let status = VersioningStatus(rawValue: text) else {
                throw APIError(
                    400, "MalformedXML", "VersioningConfiguration/Status must be Enabled or Suspended")
            }
            try store.putBucketVersioning(bucket, status)
            return Answer()
        case "GET" where request.hasQuery("versioning"):
            let info = try requireBucket(bucket)
            return xml(
                "VersioningConfiguration",
                info.versioning.map { [XMLElementNode("Status", text: $0.rawValue)] } ?? [])
        case "PUT" where request.hasQuery("replication"):
            _ = try requireBucket(bucket)
            try store.putBucketReplication(bucket, try ReplicationXML.decode(try parse(request)))
            return Answer()
        case "GET" where request.hasQuery("replication"):
            guard let configuration = try requireBucket(bucket).replication else {
                throw APIError(
                    404, "ReplicationConfigurationNotFoundError",
                    "The replication configuration was not found",
                    extra: [("BucketName", bucket)])
            }
            return .xml(ReplicationXML.encode(configuration))
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
            return xml("ObjectLockConfiguration", [XMLElementNode("ObjectLockEnabled", text: "Enabled")])
        case "GET" where request.queryValue("list-type") == "2":
            return try listObjectsV2(request, bucket: bucket)
        case "HEAD" where request.query.isEmpty:
            _ = try requireBucket(bucket)
            return Answer()
        case "PUT" where request.query.isEmpty:
            let lock = request.header("x-amz-bucket-object-lock-enabled")?.lowercased() == "true"
            try store.createBucket(bucket, objectLock: lock)
            return Answer(headers: [("Location", "/" + bucket)])
        default:
            throw unsupportedOperation(request)
        }
    }

    private func listObjectsV2(_ request: IncomingRequest, bucket: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let prefix = request.queryValue("prefix") ?? ""
        let delimiter = request.queryValue("delimiter").flatMap { $0.isEmpty ? nil : $0 }
        var maxKeys = 1000
        if let text = request.queryValue("max-keys") {
            guard let value = Int(text), value >= 0 else {
                throw APIError(
                    400, "InvalidArgument", "max-keys must be a non-negative integer, got '\(text)'")
            }
            maxKeys = min(value, 1000)
        }
        let token = request.queryValue("continuation-token")
        var after = request.queryValue("start-after") ?? ""
        if let token {
            guard let data = Data(base64Encoded: token), let key = String(data: data, encoding: .utf8) else {
                throw APIError(400, "InvalidArgument", "The continuation token provided is incorrect")
            }
            after = max(after, key)
        }
        let urlEncoded = request.queryValue("encoding-type") == "url"
        func enc(_ text: String) -> String {
            urlEncoded ? BopsSigV4.URIEncoding.encode(text, keepSlash: true) : text
        }

        let objects = try store.listObjectVersions(bucket: bucket, prefix: prefix.isEmpty ? nil : prefix)
            .filter { $0.isLatest && $0.key > after }
        var contents: [XMLElementNode] = []
        var prefixes: [String] = []
        var last: String?
        var truncated = false
        for object in objects {
            if let delimiter, let range = object.key.dropFirst(prefix.count).range(of: delimiter) {
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
            contents.append(
                XMLElementNode(
                    "Contents",
                    children: [
                        XMLElementNode("Key", text: enc(object.key)),
                        XMLElementNode("LastModified", text: XMLEncoding.format(object.lastModified)),
                        XMLElementNode("ETag", text: object.eTag),
                        XMLElementNode("Size", text: String(object.size)),
                        XMLElementNode("StorageClass", text: object.storageClass),
                    ]))
            last = object.key
        }
        var children = [
            XMLElementNode("Name", text: bucket), XMLElementNode("Prefix", text: enc(prefix)),
            XMLElementNode("KeyCount", text: String(contents.count + prefixes.count)),
            XMLElementNode("MaxKeys", text: String(maxKeys)),
        ]
        if let delimiter { children.append(XMLElementNode("Delimiter", text: enc(delimiter))) }
        children.append(XMLElementNode("IsTruncated", text: truncated ? "true" : "false"))
        children += contents
        children += prefixes.map {
            XMLElementNode("CommonPrefixes", children: [XMLElementNode("Prefix", text: enc($0))])
        }
        if let token { children.append(XMLElementNode("ContinuationToken", text: token)) }
        if truncated, let last {
            // A common prefix is skipped past entirely: continue after its last possible key.
            let resume = prefixes.last == last ? last + "\u{10FFFF}" : last
            children.append(
                XMLElementNode("NextContinuationToken", text: Data(resume.utf8).base64EncodedString()))
        }
        if let start = request.queryValue("start-after") {
            children.append(XMLElementNode("StartAfter", text: enc(start)))
        }
        if urlEncoded { children.append(XMLElementNode("EncodingType", text: "url")) }
        return xml("ListBucketResult", children)
    }

    // MARK: Objects

    private func objectOperation(
        _ request: IncomingRequest, bucket: String, key: String
    ) async throws -> Answer {
        let versionId = request.queryValue("versionId").flatMap { $0 == "null" ? nil : $0 }
        switch request.method {
        case "PUT" where request.query.isEmpty && request.header("x-amz-copy-source") == nil:
            return try putObject(request, bucket: bucket, key: key)
        case "GET"
        where request.query.allSatisfy({ $0.name == "versionId" || $0.name.hasPrefix("response-") }):
            _ = try requireBucket(bucket)
            let (info, body) = try store.readObject(bucket: bucket, key: key, versionId: versionId)
            var answer = Answer(headers: ObjectHeaders.of(info), body: body)
            answer.headers.append(("Accept-Ranges", "bytes"))
            return answer
        case "HEAD" where request.query.allSatisfy({ $0.name == "versionId" }):
            _ = try requireBucket(bucket)
            let info = try store.readObject(bucket: bucket, key: key, versionId: versionId).info
            var answer = Answer(headers: ObjectHeaders.of(info))
            answer.announcedLength = Int(info.size)
            return answer
        default:
            throw unsupportedOperation(request)
        }
    }

    private func putObject(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let attributes = try ObjectHeaders.attributes(request)
        let info = try store.putObject(bucket: bucket, key: key, body: request.body, attributes: attributes)
        var headers = [("ETag", info.eTag)]
        if let version = info.versionId { headers.append(("x-amz-version-id", version)) }
        if let sse = info.serverSideEncryption {
            headers.append(("x-amz-server-side-encryption", sse.algorithm))
        }
        if let checksum = info.checksum {
            headers.append(("x-amz-checksum-" + checksum.algorithm.rawValue.lowercased(), checksum.value))
        }
        return Answer(headers: headers)
    }
}
