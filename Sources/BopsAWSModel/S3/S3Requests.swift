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
            if let scheme = authority.range(of: "://") { authority = authority[scheme.upperBound...] }
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
}
