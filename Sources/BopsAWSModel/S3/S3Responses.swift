import BopsEncoding
public import BopsJobs
import BopsSigV4
public import FoundationEssentials

/// One page of ListObjectsV2: the objects (keys decoded), the common prefixes when a delimiter was
/// sent, and the token of the next page (`nil` when `isTruncated` is false).
public struct ListObjectsV2Page: Sendable, Hashable {
    public var objects: [ObjectInfo]
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    public var nextContinuationToken: String?

    public init(
        objects: [ObjectInfo], commonPrefixes: [String] = [], isTruncated: Bool,
        nextContinuationToken: String?
    ) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.isTruncated = isTruncated
        self.nextContinuationToken = nextContinuationToken
    }
}

/// Parsers of S3 answers into the `BopsJobs` model. Every parser throws the answer's
/// ``EngineError`` when the status is not 2xx (except where a 404 is an answer, as documented),
/// and ``AWSShapeError`` when a body does not have the model's shape.
public enum S3Responses {
    /// PutObject: the `ETag` (quoted, as S3 sends it) and `x-amz-version-id` headers.
    public static func putObject(_ response: HTTPResponseParts) throws -> (eTag: String, versionId: String?) {
        try AWSErrors.check(response)
        guard let eTag = response.header("ETag") else {
            throw AWSShapeError(operation: "PutObject", path: "ETag", message: "the ETag header is missing")
        }
        return (eTag, response.header("x-amz-version-id"))
    }

    /// HeadObject (or GetObject) headers -> ``ObjectInfo``; `nil` for a 404 (no such key or version).
    ///
    /// Read: `ETag`, `Content-Length`, `Last-Modified`, `x-amz-version-id`, `x-amz-storage-class`
    /// (absent means `STANDARD`), the standard metadata headers, `x-amz-meta-*`,
    /// `x-amz-server-side-encryption*`, `x-amz-checksum-*`, `x-amz-object-lock-*`,
    /// `x-amz-replication-status`. Tags and ACL are not in these headers (`tags` stays `nil`).
    public static func headObject(
        _ response: HTTPResponseParts, bucket: String, key: String
    ) throws -> ObjectInfo? {
        if response.status == 404 { return nil }
        try AWSErrors.check(response)
        return try objectInfo(response, bucket: bucket, key: key, operation: "HeadObject")
    }

    /// GetObject: the body and the object's headers as ``ObjectInfo``.
    public static func getObject(
        _ response: HTTPResponseParts, bucket: String, key: String
    ) throws -> (
        body: [UInt8], info: ObjectInfo
    ) {
        try AWSErrors.check(response)
        return (response.body, try objectInfo(response, bucket: bucket, key: key, operation: "GetObject"))
    }

    static func objectInfo(
        _ r: HTTPResponseParts, bucket: String, key: String, operation: String
    ) throws
        -> ObjectInfo
    {
        func fail(_ header: String, _ message: String) -> AWSShapeError {
            AWSShapeError(operation: operation, path: header, message: message)
        }
        guard let eTag = r.header("ETag") else { throw fail("ETag", "the ETag header is missing") }
        let lengthText = r.header("Content-Length") ?? String(r.body.count)
        guard let size = Int64(lengthText) else {
            throw fail("Content-Length", "not an integer: '\(lengthText)'")
        }
        guard let modifiedText = r.header("Last-Modified") else {
            throw fail("Last-Modified", "the Last-Modified header is missing")
        }
        guard let lastModified = AWSTimestamp.parse(modifiedText) else {
            throw fail("Last-Modified", "not an HTTP date: '\(modifiedText)'")
        }
        let h = HeaderReader(headers: r.headers, operation: operation, isRequest: false)
        let metadata = ObjectMetadata(
            contentType: h.string("Content-Type"), cacheControl: h.string("Cache-Control"),
            contentDisposition: h.string("Content-Disposition"),
            contentEncoding: h.string("Content-Encoding"),
            contentLanguage: h.string("Content-Language"),
            expires: h.string("Expires").flatMap(AWSTimestamp.parse),
            websiteRedirectLocation: h.string("x-amz-website-redirect-location"), userMetadata: h.userMetadata
        )
        var encryption: ServerSideEncryption?
        if let customer = h.string("x-amz-server-side-encryption-customer-algorithm") {
            encryption = ServerSideEncryption(
                algorithm: customer, customerAlgorithm: customer,
                customerKeyMD5: h.string("x-amz-server-side-encryption-customer-key-MD5"))
        } else if let algorithm = h.string("x-amz-server-side-encryption") {
            encryption = ServerSideEncryption(
                algorithm: algorithm, kmsKeyId: h.string("x-amz-server-side-encryption-aws-kms-key-id"),
                bucketKeyEnabled: h.string("x-amz-server-side-encryption-bucket-key-enabled").map {
                    $0 == "true"
                })
        }
        let versionId = h.string("x-amz-version-id")
        return ObjectInfo(
            bucket: bucket, key: key, versionId: versionId == "null" ? nil : versionId, isLatest: true,
            eTag: eTag, size: size, lastModified: lastModified,
            storageClass: h.string("x-amz-storage-class").map(ObjectStorageClass.init(rawValue:))
                ?? .standard,
            metadata: metadata, serverSideEncryption: encryption, checksum: h.checksum,
            objectLockMode: try h.value("x-amz-object-lock-mode"),
            objectLockRetainUntilDate: try h.value("x-amz-object-lock-retain-until-date"),
            objectLockLegalHoldStatus: try h.value("x-amz-object-lock-legal-hold"),
            replicationStatus: try h.value("x-amz-replication-status"),
            restore: h.string("x-amz-restore").flatMap(restore(header:)),
            archiveStatus: try h.value("x-amz-archive-status"))
    }

    /// `x-amz-restore` as a restore: `ongoing-request="true"` is one that has not completed (when it
    /// will is not said), `ongoing-request="false"` one completed, with its `expiry-date` if any.
    /// `nil` for a header in no such form.
    public static func restore(header: String) -> ObjectRestore? {
        let lower = header.lowercased()
        if lower.contains("ongoing-request=\"true\"") { return ObjectRestore(completesAt: .distantFuture) }
        guard lower.contains("ongoing-request=\"false\"") else { return nil }
        var expiry: Date?
        if let range = lower.firstRange(of: "expiry-date=\"") {
            // Found in the lowercased copy; the date is read from the header at the same byte offset.
            let tail = header.utf8.dropFirst(
                lower.utf8.distance(from: lower.startIndex, to: range.upperBound))
            if let end = tail.firstIndex(of: UInt8(ascii: "\"")) {
                expiry = AWSTimestamp.parse(String(decoding: tail[..<end], as: UTF8.self))
            }
        }
        return ObjectRestore(completesAt: .distantPast, expiryDate: expiry)
    }

    /// The headers GetObject and HeadObject answer for `info` (the inverse of the reading above):
    /// dates as HTTP dates, `x-amz-storage-class` only when not `STANDARD`, user metadata sorted by
    /// name, `x-amz-tagging-count` when the object has tags, `x-amz-restore` for a restore (see
    /// ``restoreHeader(_:now:)``), `x-amz-archive-status` while an Intelligent-Tiering object is
    /// archived, and only the `x-amz-server-side-encryption-customer-*` headers for SSE-C.
    /// `x-amz-checksum-*` and `x-amz-checksum-type` only with `checksum` (S3 sends them when the
    /// request says `x-amz-checksum-mode: ENABLED`); `x-amz-mp-parts-count` with `partsCount`.
    public static func objectHeaders(
        _ info: ObjectInfo, now: Date = Date(), checksum: Bool = true, partsCount: Int? = nil
    ) -> [HTTPField] {
        var h = [
            HTTPField("ETag", info.eTag),
            HTTPField("Last-Modified", AWSTimestamp.httpDate(info.lastModified)),
            HTTPField("Content-Type", info.metadata.contentType ?? "binary/octet-stream"),
        ]
        func add(_ name: String, _ value: String?) {
            if let value { h.append(HTTPField(name, value)) }
        }
        add("x-amz-version-id", info.versionId)
        if info.storageClass != .standard { add("x-amz-storage-class", info.storageClass.rawValue) }
        let m = info.metadata
        add("Cache-Control", m.cacheControl)
        add("Content-Disposition", m.contentDisposition)
        add("Content-Encoding", m.contentEncoding)
        add("Content-Language", m.contentLanguage)
        add("Expires", m.expires.map(AWSTimestamp.httpDate))
        add("x-amz-website-redirect-location", m.websiteRedirectLocation)
        for (name, value) in m.userMetadata.sorted(by: { $0.key < $1.key }) {
            add("x-amz-meta-" + name, value)
        }
        if let sse = info.serverSideEncryption, sse.isCustomerProvided {
            add("x-amz-server-side-encryption-customer-algorithm", sse.customerAlgorithm)
            add("x-amz-server-side-encryption-customer-key-MD5", sse.customerKeyMD5)
        } else if let sse = info.serverSideEncryption {
            add("x-amz-server-side-encryption", sse.algorithm)
            add("x-amz-server-side-encryption-aws-kms-key-id", sse.kmsKeyId)
            add(
                "x-amz-server-side-encryption-bucket-key-enabled",
                sse.bucketKeyEnabled.map { $0 ? "true" : "false" })
        }
        if let restore = info.restore { add("x-amz-restore", restoreHeader(restore, now: now)) }
        if let archive = info.archiveStatus, !info.isReadable(at: now) {
            add("x-amz-archive-status", archive.rawValue)
        }
        if let tags = info.tags, !tags.isEmpty { add("x-amz-tagging-count", String(tags.count)) }
        add("x-amz-object-lock-mode", info.objectLockMode?.rawValue)
        add(
            "x-amz-object-lock-retain-until-date",
            info.objectLockRetainUntilDate.map(AWSTimestamp.iso8601Milliseconds))
        add("x-amz-object-lock-legal-hold", info.objectLockLegalHoldStatus?.rawValue)
        add("x-amz-replication-status", info.replicationStatus?.rawValue)
        if checksum, let value = info.checksum {
            add(checksumHeader(value.algorithm), value.value)
            add("x-amz-checksum-type", value.value.contains("-") ? "COMPOSITE" : "FULL_OBJECT")
        }
        add("x-amz-mp-parts-count", partsCount.map(String.init))
        return h
    }

    /// The headers PutObject answers: `ETag`, the version id, the encryption (SSE-KMS key and bucket
    /// key; SSE-C as its customer headers) and the checksum.
    public static func putObjectHeaders(_ info: ObjectInfo) -> [HTTPField] {
        var h = [HTTPField("ETag", info.eTag)]
        if let version = info.versionId { h.append(HTTPField("x-amz-version-id", version)) }
        if let sse = info.serverSideEncryption, sse.isCustomerProvided {
            h.append(
                HTTPField("x-amz-server-side-encryption-customer-algorithm", sse.customerAlgorithm ?? ""))
            if let md5 = sse.customerKeyMD5 {
                h.append(HTTPField("x-amz-server-side-encryption-customer-key-MD5", md5))
            }
        } else if let sse = info.serverSideEncryption {
            h.append(HTTPField("x-amz-server-side-encryption", sse.algorithm))
            if let key = sse.kmsKeyId {
                h.append(HTTPField("x-amz-server-side-encryption-aws-kms-key-id", key))
            }
            if let bucketKey = sse.bucketKeyEnabled {
                h.append(
                    HTTPField("x-amz-server-side-encryption-bucket-key-enabled", bucketKey ? "true" : "false")
                )
            }
        }
        if let checksum = info.checksum {
            h.append(HTTPField(checksumHeader(checksum.algorithm), checksum.value))
        }
        return h
    }

    static func checksumHeader(_ algorithm: S3ChecksumAlgorithm) -> String {
        "x-amz-checksum-" + algorithm.rawValue.lowercased()
    }

    /// The `ListBucketResult` body of one ListObjectsV2 page, members in the model's order. With
    /// `urlEncoded` (the request said `encoding-type=url`), keys, prefixes, the delimiter and
    /// `StartAfter` are percent-encoded (`/` kept) and `EncodingType` is `url`. With `owner`
    /// (`fetch-owner=true`), each object carries it.
    public static func listObjectsV2Body(
        bucket: String, prefix: String, delimiter: String?, maxKeys: Int, continuationToken: String?,
        startAfter: String?, urlEncoded: Bool, page: ListObjectsV2Page, owner: S3ObjectOwner? = nil
    ) -> [UInt8] {
        func enc(_ text: String) -> String { urlEncoded ? URIEncoding.encodeKey(text) : text }
        var root = XMLElementNode("ListBucketResult")
        root.append("Name", bucket)
        root.append("Prefix", enc(prefix))
        root.append("KeyCount", String(page.objects.count + page.commonPrefixes.count))
        root.append("MaxKeys", String(maxKeys))
        root.append("Delimiter", delimiter.map(enc))
        root.append("IsTruncated", page.isTruncated ? "true" : "false")
        for object in page.objects {
            root.append(contentsElement(object, key: enc(object.key), owner: owner))
        }
        for common in page.commonPrefixes {
            root.append(
                XMLElementNode("CommonPrefixes", children: [XMLElementNode("Prefix", text: enc(common))]))
        }
        root.append("ContinuationToken", continuationToken)
        root.append("NextContinuationToken", page.isTruncated ? page.nextContinuationToken : nil)
        root.append("StartAfter", startAfter.map(enc))
        if urlEncoded { root.append("EncodingType", "url") }
        return document(root)
    }

    /// `ListBucketResult` -> one page. Keys, prefixes and `StartAfter` are URL-decoded when the
    /// answer says `EncodingType` `url` (as botocore does, `+` reads as a space).
    public static func listObjectsV2(
        _ response: HTTPResponseParts, bucket: String
    ) throws -> ListObjectsV2Page {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "ListBucketResult", operation: "ListObjectsV2")
        let encoded = root.string("EncodingType") == "url"
        func decoded(_ text: String, _ reader: ShapeReader, _ member: String) throws -> String {
            guard encoded else { return text }
            guard let plain = URIEncoding.decodeIfValid(text, plusIsSpace: true) else {
                throw reader.error(member, "malformed URL encoding '\(text)'")
            }
            return plain
        }
        let objects = try root.flattened("Contents").map { item -> ObjectInfo in
            guard let modified = try item.date("LastModified") else {
                throw item.error("LastModified", "required member is missing")
            }
            return ObjectInfo(
                bucket: bucket, key: try decoded(try item.required("Key"), item, "Key"),
                eTag: try item.required("ETag"), size: try item.int64("Size") ?? 0, lastModified: modified,
                storageClass: item.string("StorageClass").map(ObjectStorageClass.init(rawValue:)) ?? .standard
            )
        }
        let prefixes = try root.flattened("CommonPrefixes").map { p in
            try decoded(try p.required("Prefix"), p, "Prefix")
        }
        let truncated = try root.bool("IsTruncated") ?? false
        let token = root.string("NextContinuationToken")
        if truncated && (token ?? "").isEmpty {
            throw root.error("NextContinuationToken", "a truncated listing must carry the next token")
        }
        return ListObjectsV2Page(
            objects: objects, commonPrefixes: prefixes, isTruncated: truncated,
            nextContinuationToken: truncated ? token : nil)
    }

    /// `VersioningConfiguration` -> its status; `nil` when versioning was never enabled.
    public static func bucketVersioning(_ response: HTTPResponseParts) throws -> VersioningStatus? {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(
            response.body, root: "VersioningConfiguration", operation: "GetBucketVersioning")
        return try root.value("Status")
    }

    /// The `VersioningConfiguration` body GetBucketVersioning answers (no `Status` when versioning
    /// was never enabled).
    public static func bucketVersioningBody(_ status: VersioningStatus?) -> [UInt8] {
        var root = XMLElementNode("VersioningConfiguration")
        root.append("Status", status?.rawValue)
        return document(root)
    }

    /// `ReplicationConfiguration` -> ``ReplicationConfiguration``; `nil` for the 404
    /// `ReplicationConfigurationNotFoundError` (the bucket has none).
    public static func bucketReplication(_ response: HTTPResponseParts) throws -> ReplicationConfiguration? {
        if try absent(response, "ReplicationConfigurationNotFoundError") { return nil }
        let root = try ShapeReader.body(
            response.body, root: "ReplicationConfiguration", operation: "GetBucketReplication")
        return try ReplicationConfiguration(xml: root)
    }

    /// The `ReplicationConfiguration` body GetBucketReplication answers.
    public static func bucketReplicationBody(_ configuration: ReplicationConfiguration) -> [UInt8] {
        document(configuration.xml("ReplicationConfiguration", .response))
    }

    /// `ObjectLockConfiguration` -> whether Object Lock is enabled; `false` for the 404
    /// `ObjectLockConfigurationNotFoundError`.
    public static func objectLockEnabled(_ response: HTTPResponseParts) throws -> Bool {
        if try absent(response, "ObjectLockConfigurationNotFoundError") { return false }
        let root = try ShapeReader.body(
            response.body, root: "ObjectLockConfiguration", operation: "GetObjectLockConfiguration")
        return root.string("ObjectLockEnabled") == "Enabled"
    }

    /// The `ObjectLockConfiguration` body of a bucket with Object Lock enabled, with its default
    /// retention when it has one (answer 404 `ObjectLockConfigurationNotFoundError` for one without).
    public static func objectLockConfigurationBody(
        _ configuration: ObjectLockConfiguration = .init()
    ) -> [UInt8] {
        document(configuration.xml("ObjectLockConfiguration", .response))
    }

    /// The `LocationConstraint` body of GetBucketLocation: empty for us-east-1, else the region.
    public static func bucketLocationBody(region: String) -> [UInt8] {
        document(XMLElementNode("LocationConstraint", text: region == "us-east-1" ? "" : region))
    }

    /// The `ListAllMyBucketsResult` body: buckets by name with their creation dates; with
    /// `continuationToken` the token of the next page, with `prefix` the prefix asked for.
    public static func listBucketsBody(
        _ buckets: [(name: String, creationDate: Date)], ownerId: String, continuationToken: String? = nil,
        prefix: String? = nil
    ) -> [UInt8] {
        let list = buckets.map { bucket in
            XMLElementNode(
                "Bucket",
                children: [
                    XMLElementNode("Name", text: bucket.name),
                    XMLElementNode(
                        "CreationDate", text: AWSTimestamp.iso8601Milliseconds(bucket.creationDate)),
                ])
        }
        var root = XMLElementNode(
            "ListAllMyBucketsResult",
            children: [
                XMLElementNode("Owner", children: [XMLElementNode("ID", text: ownerId)]),
                XMLElementNode("Buckets", children: list),
            ])
        root.append("ContinuationToken", continuationToken)
        root.append("Prefix", prefix)
        return document(root)
    }

    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// `root` with S3's namespace, as a whole body.
    static func document(_ root: XMLElementNode) -> [UInt8] {
        var root = root
        root.attributes = [XMLAttribute("xmlns", namespace)]
        return XMLWriter.document(root)
    }

    /// One `Contents` entry of a listing (v1 and v2): `key` as the listing encodes it, `Owner` when
    /// the listing shows owners.
    static func contentsElement(_ object: ObjectInfo, key: String, owner: S3ObjectOwner?) -> XMLElementNode {
        var contents = XMLElementNode("Contents")
        contents.append("Key", key)
        contents.append("LastModified", AWSTimestamp.iso8601Milliseconds(object.lastModified))
        contents.append("ETag", object.eTag)
        contents.append("Size", String(object.size))
        contents.append("StorageClass", object.storageClass.rawValue)
        if let owner { contents.append(S3Multipart.ownerElement("Owner", owner)) }
        return contents
    }
}
