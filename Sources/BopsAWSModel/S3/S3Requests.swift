import BopsEncoding
public import BopsJobs
import BopsSigV4
public import FoundationEssentials

/// How the bucket is named in an S3 request: in the path (`/{bucket}/{key}`, for custom endpoints
/// and emulators) or in the host (`{bucket}.s3.{region}.amazonaws.com` with path `/{key}`).
public enum S3Addressing: String, Sendable, Hashable, CaseIterable {
    case path
    case virtualHosted
}

/// Requests of the S3 subset bops uses (model `s3/2006-03-01`), laid out as botocore lays them
/// out. Keys are encoded once with ``URIEncoding/encodeKey(_:)`` (`/` kept), never normalised.
public enum S3Requests {
    /// The host for `bucket`: `{bucket}.s3.{region}.amazonaws.com` (virtual-hosted) or
    /// `s3.{region}.amazonaws.com` (path style); with a custom `endpoint`, its authority (host and
    /// port), prefixed by `{bucket}.` only in virtual-hosted style.
    public static func host(
        bucket: String, region: String, endpoint: String? = nil, addressing: S3Addressing
    )
        -> String
    {
        let base: String
        if let endpoint, !endpoint.isEmpty {
            var authority = Substring(endpoint)
            if let scheme = authority.firstRange(of: "://") { authority = authority[scheme.upperBound...] }
            if let slash = authority.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                authority = authority[..<slash]
            }
            base = String(authority)
        } else {
            base = "s3.\(region).\(region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com")"
        }
        return addressing == .virtualHosted ? "\(bucket).\(base)" : base
    }

    /// The encoded path of an object.
    public static func objectPath(bucket: String, key: String, addressing: S3Addressing) -> String {
        switch addressing {
        case .path: "/" + URIEncoding.encode(bucket) + "/" + URIEncoding.encodeKey(key)
        case .virtualHosted: "/" + URIEncoding.encodeKey(key)
        }
    }

    /// The encoded path of a bucket-level request.
    public static func bucketPath(bucket: String, addressing: S3Addressing) -> String {
        switch addressing {
        case .path: "/" + URIEncoding.encode(bucket)
        case .virtualHosted: "/"
        }
    }

    /// `PUT /{bucket}/{key}` with `body`; `contentType` and `contentMD5` (base64 of the MD5) are
    /// sent when given. The body is sent as is (no aws-chunked encoding).
    public static func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String? = nil, contentMD5: String? = nil,
        addressing: S3Addressing
    ) -> HTTPRequestParts {
        var headers: [HTTPField] = []
        if let contentMD5 { headers.append(HTTPField("content-md5", contentMD5)) }
        if let contentType { headers.append(HTTPField("content-type", contentType)) }
        return HTTPRequestParts(
            method: "PUT", path: objectPath(bucket: bucket, key: key, addressing: addressing),
            headers: headers,
            body: body)
    }

    /// PutObject's headers as a server reads them: the standard metadata headers (`Content-Type`
    /// absent stays `nil`, `aws-chunked` dropped from `Content-Encoding`), `x-amz-meta-*`, `x-amz-storage-class`, `x-amz-tagging` (a form-encoded
    /// tag set), `x-amz-acl`, `x-amz-server-side-encryption*` (SSE-C from the
    /// `-customer-algorithm` and `-customer-key-MD5` headers), the checksum algorithm and the
    /// `x-amz-object-lock-*` headers. An unknown enumeration value throws, naming the header.
    public static func readPutObject(_ request: HTTPRequestParts) throws(AWSShapeError) -> PutObjectHeaders {
        let h = HeaderReader(headers: request.headers, operation: "PutObject", isRequest: true)
        var p = PutObjectHeaders()
        p.metadata = ObjectMetadata(
            contentType: h.string("content-type"), cacheControl: h.string("cache-control"),
            contentDisposition: h.string("content-disposition"),
            contentEncoding: storedContentEncoding(h.string("content-encoding")),
            contentLanguage: h.string("content-language"),
            expires: h.string("expires").flatMap(AWSTimestamp.parse),
            websiteRedirectLocation: h.string("x-amz-website-redirect-location"), userMetadata: h.userMetadata
        )
        p.storageClass = h.string("x-amz-storage-class").map(ObjectStorageClass.init(rawValue:))
        p.tags = h.string("x-amz-tagging").map { tagging in
            tagging.split(separator: "&").map { item in
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return S3Tag(
                    key: URIEncoding.decode(String(pair[0]).replacing("+", with: " ")),
                    value: pair.count == 2
                        ? URIEncoding.decode(String(pair[1]).replacing("+", with: " ")) : "")
            }
        }
        p.cannedACL = try h.value("x-amz-acl")
        if let customer = h.string("x-amz-server-side-encryption-customer-algorithm") {
            p.serverSideEncryption = ServerSideEncryption(
                algorithm: customer, customerAlgorithm: customer,
                customerKeyMD5: h.string("x-amz-server-side-encryption-customer-key-MD5"))
        } else if let sse = h.string("x-amz-server-side-encryption") {
            p.serverSideEncryption = ServerSideEncryption(
                algorithm: sse, kmsKeyId: h.string("x-amz-server-side-encryption-aws-kms-key-id"),
                bucketKeyEnabled: try h.value("x-amz-server-side-encryption-bucket-key-enabled"))
        }
        if let algorithm = h.string("x-amz-sdk-checksum-algorithm") ?? h.string("x-amz-checksum-algorithm") {
            p.checksumAlgorithm = try HeaderReader(
                headers: [HTTPField("x-amz-checksum-algorithm", algorithm.uppercased())],
                operation: "PutObject",
                isRequest: true
            ).value("x-amz-checksum-algorithm")
        }
        p.objectLockMode = try h.value("x-amz-object-lock-mode")
        p.objectLockRetainUntilDate = try h.value("x-amz-object-lock-retain-until-date")
        p.objectLockLegalHoldStatus = try h.value("x-amz-object-lock-legal-hold")
        return p
    }

    /// `Content-Encoding` as S3 stores it: verbatim, but without `aws-chunked`, which names the
    /// transfer framing of the request body, not the object's encoding.
    static func storedContentEncoding(_ header: String?) -> String? {
        guard let header else { return nil }
        let items = header.split(separator: ",", omittingEmptySubsequences: false)
        guard items.contains(where: { $0.trimmingWhitespace() == "aws-chunked" }) else {
            return header
        }
        let kept = items.map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty && $0 != "aws-chunked" }
        return kept.isEmpty ? nil : kept.joined(separator: ", ")
    }

    /// `HEAD /{bucket}/{key}[?versionId=..]`.
    public static func headObject(
        bucket: String, key: String, versionId: String? = nil, addressing: S3Addressing
    )
        -> HTTPRequestParts
    {
        HTTPRequestParts(
            method: "HEAD", path: objectPath(bucket: bucket, key: key, addressing: addressing),
            query: versionId.map { [QueryItem("versionId", $0)] } ?? [])
    }

    /// `GET /{bucket}/{key}[?versionId=..]`.
    public static func getObject(
        bucket: String, key: String, versionId: String? = nil, addressing: S3Addressing
    )
        -> HTTPRequestParts
    {
        HTTPRequestParts(
            method: "GET", path: objectPath(bucket: bucket, key: key, addressing: addressing),
            query: versionId.map { [QueryItem("versionId", $0)] } ?? [])
    }

    /// `GET /{bucket}?list-type=2&...&encoding-type=url`. Like botocore, asks for URL-encoded keys
    /// (so any key survives XML) and ``S3Responses/listObjectsV2(_:bucket:)`` decodes them.
    public static func listObjectsV2(
        bucket: String, prefix: String? = nil, delimiter: String? = nil, continuationToken: String? = nil,
        startAfter: String? = nil, maxKeys: Int? = nil, addressing: S3Addressing
    ) -> HTTPRequestParts {
        var query = [QueryItem("list-type", "2")]
        if let delimiter { query.append(QueryItem("delimiter", delimiter)) }
        if let maxKeys { query.append(QueryItem("max-keys", String(maxKeys))) }
        if let prefix { query.append(QueryItem("prefix", prefix)) }
        if let continuationToken { query.append(QueryItem("continuation-token", continuationToken)) }
        if let startAfter { query.append(QueryItem("start-after", startAfter)) }
        query.append(QueryItem("encoding-type", "url"))
        return HTTPRequestParts(
            method: "GET", path: bucketPath(bucket: bucket, addressing: addressing), query: query)
    }

    /// ListObjectsV2's parameters as a server reads them (`max-keys` a non-negative integer).
    public static func readListObjectsV2(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> ListObjectsV2Input {
        var input = ListObjectsV2Input()
        input.prefix = request.queryValue("prefix")
        input.delimiter = request.queryValue("delimiter").flatMap { $0.isEmpty ? nil : $0 }
        if let text = request.queryValue("max-keys") {
            guard let value = Int(text), value >= 0 else {
                throw AWSShapeError(
                    operation: "ListObjectsV2", path: "max-keys",
                    message: "expected a non-negative integer, found '\(text)'", isRequest: true)
            }
            input.maxKeys = value
        }
        input.continuationToken = request.queryValue("continuation-token")
        input.startAfter = request.queryValue("start-after")
        input.urlEncoded = request.queryValue("encoding-type") == "url"
        input.fetchOwner = request.queryValue("fetch-owner")?.lowercased() == "true"
        return input
    }

    /// `GET /{bucket}?versioning`.
    public static func getBucketVersioning(bucket: String, addressing: S3Addressing) -> HTTPRequestParts {
        bucketSubresource(bucket, "versioning", addressing)
    }

    /// `GET /{bucket}?replication`.
    public static func getBucketReplication(bucket: String, addressing: S3Addressing) -> HTTPRequestParts {
        bucketSubresource(bucket, "replication", addressing)
    }

    /// `GET /{bucket}?object-lock`.
    public static func getObjectLockConfiguration(
        bucket: String, addressing: S3Addressing
    ) -> HTTPRequestParts {
        bucketSubresource(bucket, "object-lock", addressing)
    }

    static func bucketSubresource(
        _ bucket: String, _ name: String, _ addressing: S3Addressing
    ) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "GET", path: bucketPath(bucket: bucket, addressing: addressing),
            query: [QueryItem(name, nil)])
    }

    /// A PutBucketVersioning body as a server reads it: `VersioningConfiguration/Status`.
    public static func readPutBucketVersioning(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> VersioningStatus {
        let root = try ShapeReader.body(
            request.body, root: "VersioningConfiguration", operation: "PutBucketVersioning", isRequest: true)
        guard let status: VersioningStatus = try root.value("Status") else { throw root.missing("Status") }
        return status
    }

    /// A PutBucketReplication body as a server reads it: a `Role` and at least one `Rule`.
    public static func readPutBucketReplication(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> ReplicationConfiguration {
        let root = try ShapeReader.body(
            request.body, root: "ReplicationConfiguration", operation: "PutBucketReplication", isRequest: true
        )
        guard root.string("Role") != nil else { throw root.missing("Role") }
        let configuration = try ReplicationConfiguration(xml: root)
        guard !configuration.rules.isEmpty else { throw root.missing("Rule") }
        return configuration
    }

    /// CreateBucket as a server reads it: whether `x-amz-bucket-object-lock-enabled` is `true`.
    public static func readCreateBucketObjectLock(_ request: HTTPRequestParts) -> Bool {
        request.header("x-amz-bucket-object-lock-enabled")?.lowercased() == "true"
    }
}

/// PutObject's request headers as values (see ``S3Requests/readPutObject(_:)``); `nil` is absent.
public struct PutObjectHeaders: Sendable, Hashable {
    public var metadata = ObjectMetadata()
    /// As sent: any name (S3's classes are ``ObjectStorageClass``; which a bucket accepts is the
    /// server's check, ``ObjectStorageClass/accepted(inBucket:)``).
    public var storageClass: ObjectStorageClass?
    public var tags: [S3Tag]?
    public var cannedACL: S3CannedAccessControlList?
    public var serverSideEncryption: ServerSideEncryption?
    public var checksumAlgorithm: S3ChecksumAlgorithm?
    public var objectLockMode: S3ObjectLockMode?
    public var objectLockRetainUntilDate: Date?
    public var objectLockLegalHoldStatus: S3ObjectLockLegalHoldStatus?

    public init() {}
}

/// ListObjectsV2's parameters (see ``S3Requests/readListObjectsV2(_:)``); `maxKeys` is 1000 when
/// not given.
public struct ListObjectsV2Input: Sendable, Hashable {
    public var prefix: String?
    public var delimiter: String?
    public var maxKeys = 1000
    public var continuationToken: String?
    public var startAfter: String?
    public var urlEncoded = false
    /// `fetch-owner=true`: each object with its `Owner`.
    public var fetchOwner = false

    public init() {}
}
