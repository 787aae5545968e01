import BopsJobs
import Foundation

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
        var user: [String: String] = [:]
        for field in r.headers where field.name.lowercased().hasPrefix("x-amz-meta-") {
            user[String(field.name.lowercased().dropFirst("x-amz-meta-".count))] = field.value
        }
        let metadata = ObjectMetadata(
            contentType: r.header("Content-Type"), cacheControl: r.header("Cache-Control"),
            contentDisposition: r.header("Content-Disposition"),
            contentEncoding: r.header("Content-Encoding"),
            contentLanguage: r.header("Content-Language"),
            expires: r.header("Expires").flatMap(AWSTimestamp.parse),
            websiteRedirectLocation: r.header("x-amz-website-redirect-location"), userMetadata: user)
        var encryption: ServerSideEncryption?
        if let algorithm = r.header("x-amz-server-side-encryption") {
            encryption = ServerSideEncryption(
                algorithm: algorithm, kmsKeyId: r.header("x-amz-server-side-encryption-aws-kms-key-id"),
                bucketKeyEnabled: r.header("x-amz-server-side-encryption-bucket-key-enabled").map {
                    $0 == "true"
                })
        }
        var checksum: ObjectChecksum?
        for algorithm in S3ChecksumAlgorithm.allCases {
            if let value = r.header("x-amz-checksum-" + algorithm.rawValue.lowercased()) {
                checksum = ObjectChecksum(algorithm: algorithm, value: value)
                break
            }
        }
        func enumHeader<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) throws -> E?
        where E.RawValue == String {
            guard let text = r.header(name) else { return nil }
            guard let value = E(rawValue: text) else {
                throw fail(
                    name,
                    "unknown value '\(text)' (known: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return value
        }
        var retainUntil: Date?
        if let text = r.header("x-amz-object-lock-retain-until-date") {
            guard let date = AWSTimestamp.parse(text) else {
                throw fail("x-amz-object-lock-retain-until-date", "not a timestamp: '\(text)'")
            }
            retainUntil = date
        }
        let versionId = r.header("x-amz-version-id")
        return ObjectInfo(
            bucket: bucket, key: key, versionId: versionId == "null" ? nil : versionId, isLatest: true,
            eTag: eTag,
            size: size, lastModified: lastModified,
            storageClass: r.header("x-amz-storage-class") ?? "STANDARD",
            metadata: metadata, serverSideEncryption: encryption, checksum: checksum,
            objectLockMode: try enumHeader("x-amz-object-lock-mode", S3ObjectLockMode.self),
            objectLockRetainUntilDate: retainUntil,
            objectLockLegalHoldStatus: try enumHeader(
                "x-amz-object-lock-legal-hold", S3ObjectLockLegalHoldStatus.self),
            replicationStatus: try enumHeader("x-amz-replication-status", ReplicationStatus.self))
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
            guard let plain = URIEncoding.decode(text, plusIsSpace: true) else {
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
                storageClass: item.string("StorageClass") ?? "STANDARD")
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
        return try root.enumeration("Status", VersioningStatus.self)
    }

    /// `ReplicationConfiguration` -> ``ReplicationConfiguration``; `nil` for the 404
    /// `ReplicationConfigurationNotFoundError` (the bucket has none).
    public static func bucketReplication(_ response: HTTPResponseParts) throws -> ReplicationConfiguration? {
        if !response.isSuccess {
            let error = AWSErrors.engineError(response)
            if error.code == "ReplicationConfigurationNotFoundError" { return nil }
            throw error
        }
        let root = try ShapeReader.body(
            response.body, root: "ReplicationConfiguration", operation: "GetBucketReplication")
        let rules = try root.flattened("Rule").map { rule -> ReplicationRule in
            guard let destination = rule.child("Destination") else {
                throw rule.error("Destination", "required member is missing")
            }
            var filter: ReplicationRuleFilter?
            if let f = rule.child("Filter") {
                filter = ReplicationRuleFilter(
                    prefix: f.string("Prefix"), tag: try f.child("Tag").map(tag),
                    and: try f.child("And").map { a in
                        ReplicationRuleAndOperator(
                            prefix: a.string("Prefix"), tags: try a.flattened("Tag").map(tag))
                    })
            } else if let prefix = rule.string("Prefix") {
                filter = ReplicationRuleFilter(prefix: prefix)
            }
            return ReplicationRule(
                id: rule.string("ID"), priority: try rule.int("Priority"),
                status: try rule.enumValue(
                    try rule.required("Status"), ReplicationRuleStatus.self, member: "Status"),
                filter: filter,
                destination: ReplicationDestination(
                    bucket: try destination.required("Bucket"),
                    storageClass: destination.string("StorageClass"),
                    account: destination.string("Account")),
                deleteMarkerReplication: rule.child("DeleteMarkerReplication")?.string("Status").map {
                    $0 == "Enabled"
                })
        }
        return ReplicationConfiguration(role: root.string("Role") ?? "", rules: rules)
    }

    static func tag(_ t: ShapeReader) throws -> S3Tag {
        S3Tag(key: try t.required("Key"), value: t.string("Value") ?? "")
    }

    /// `ObjectLockConfiguration` -> whether Object Lock is enabled; `false` for the 404
    /// `ObjectLockConfigurationNotFoundError`.
    public static func objectLockEnabled(_ response: HTTPResponseParts) throws -> Bool {
        if !response.isSuccess {
            let error = AWSErrors.engineError(response)
            if error.code == "ObjectLockConfigurationNotFoundError" { return false }
            throw error
        }
        let root = try ShapeReader.body(
            response.body, root: "ObjectLockConfiguration", operation: "GetObjectLockConfiguration")
        return root.string("ObjectLockEnabled") == "Enabled"
    }
}
