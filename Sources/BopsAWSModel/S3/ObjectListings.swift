import BopsEncoding
public import BopsJobs
import BopsSigV4
import FoundationEssentials

/// The parameters of ListObjects (v1) and ListObjectVersions as a server reads them.
public struct ObjectListingInput: Sendable, Hashable {
    public var prefix: String?
    public var delimiter: String?
    public var maxKeys = 1000
    /// `marker` (v1) or `key-marker` (versions).
    public var marker: String?
    /// `version-id-marker` (versions).
    public var versionIdMarker: String?
    public var urlEncoded = false

    public init() {}
}

/// One entry of a ListObjectVersions page: a version or a delete marker.
public struct ListedVersion: Sendable, Hashable {
    public var info: ObjectInfo
    public var isDeleteMarker: Bool

    public init(info: ObjectInfo, isDeleteMarker: Bool) {
        self.info = info
        self.isDeleteMarker = isDeleteMarker
    }
}

extension S3Requests {
    /// ListObjects' (v1) or ListObjectVersions' query (`max-keys` a non-negative integer).
    public static func readObjectListing(
        _ request: HTTPRequestParts, versions: Bool
    ) throws(AWSShapeError) -> ObjectListingInput {
        var input = ObjectListingInput()
        input.prefix = request.queryValue("prefix")
        input.delimiter = request.queryValue("delimiter").flatMap { $0.isEmpty ? nil : $0 }
        if let text = request.queryValue("max-keys") {
            guard let value = Int(text), value >= 0 else {
                throw AWSShapeError(
                    operation: versions ? "ListObjectVersions" : "ListObjects", path: "max-keys",
                    message: "expected a non-negative integer, found '\(text)'", isRequest: true)
            }
            input.maxKeys = value
        }
        input.marker = request.queryValue(versions ? "key-marker" : "marker").flatMap {
            $0.isEmpty ? nil : $0
        }
        input.versionIdMarker = request.queryValue("version-id-marker").flatMap { $0.isEmpty ? nil : $0 }
        input.urlEncoded = request.queryValue("encoding-type") == "url"
        return input
    }
}

extension S3Responses {
    /// The `ListBucketResult` body of ListObjects (v1): `NextMarker` only for a truncated page
    /// with a delimiter (clients continue after the last key otherwise), each object with its owner.
    public static func listObjectsV1Body(
        bucket: String, input: ObjectListingInput, objects: [ObjectInfo], commonPrefixes: [String],
        isTruncated: Bool, nextMarker: String?, owner: S3ObjectOwner
    ) -> [UInt8] {
        func enc(_ text: String) -> String { input.urlEncoded ? URIEncoding.encodeKey(text) : text }
        var root = XMLElementNode("ListBucketResult")
        root.append("Name", bucket)
        root.append("Prefix", enc(input.prefix ?? ""))
        root.append("Marker", enc(input.marker ?? ""))
        if isTruncated, input.delimiter != nil { root.append("NextMarker", nextMarker.map(enc)) }
        root.append("MaxKeys", String(input.maxKeys))
        root.append("Delimiter", input.delimiter.map(enc))
        root.append("IsTruncated", isTruncated ? "true" : "false")
        for object in objects {
            root.append(S3Responses.contentsElement(object, key: enc(object.key), owner: owner))
        }
        for common in commonPrefixes {
            root.append(
                XMLElementNode("CommonPrefixes", children: [XMLElementNode("Prefix", text: enc(common))]))
        }
        if input.urlEncoded { root.append("EncodingType", "url") }
        return document(root)
    }

    /// The `ListVersionsResult` body of ListObjectVersions: versions and delete markers in key
    /// order, newest first (`VersionId` `null` for the null version).
    public static func listObjectVersionsBody(
        bucket: String, input: ObjectListingInput, entries: [ListedVersion], commonPrefixes: [String],
        isTruncated: Bool, nextKeyMarker: String?, nextVersionIdMarker: String?, owner: S3ObjectOwner
    ) -> [UInt8] {
        func enc(_ text: String) -> String { input.urlEncoded ? URIEncoding.encodeKey(text) : text }
        var root = XMLElementNode("ListVersionsResult")
        root.append("Name", bucket)
        root.append("Prefix", enc(input.prefix ?? ""))
        root.append("KeyMarker", enc(input.marker ?? ""))
        root.append("VersionIdMarker", input.versionIdMarker ?? "")
        if isTruncated {
            root.append("NextKeyMarker", nextKeyMarker.map(enc))
            root.append("NextVersionIdMarker", nextVersionIdMarker)
        }
        root.append("MaxKeys", String(input.maxKeys))
        root.append("Delimiter", input.delimiter.map(enc))
        root.append("IsTruncated", isTruncated ? "true" : "false")
        for entry in entries {
            let object = entry.info
            var item = XMLElementNode(entry.isDeleteMarker ? "DeleteMarker" : "Version")
            item.append("Key", enc(object.key))
            item.append("VersionId", object.versionId ?? "null")
            item.append("IsLatest", object.isLatest ? "true" : "false")
            item.append("LastModified", AWSTimestamp.iso8601Milliseconds(object.lastModified))
            if !entry.isDeleteMarker {
                item.append("ETag", object.eTag)
                item.append("Size", String(object.size))
                item.append("StorageClass", object.storageClass.rawValue)
            }
            item.append(S3Multipart.ownerElement("Owner", owner))
            root.append(item)
        }
        for common in commonPrefixes {
            root.append(
                XMLElementNode("CommonPrefixes", children: [XMLElementNode("Prefix", text: enc(common))]))
        }
        if input.urlEncoded { root.append("EncodingType", "url") }
        return document(root)
    }
}
