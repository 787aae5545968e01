import BopsEncoding
public import BopsJobs
import BopsSigV4
import FoundationEssentials

/// The integrity headers of an upload: `Content-MD5` and every `x-amz-checksum-<algorithm>`.
public struct UploadChecksums: Sendable, Hashable {
    public var contentMD5: String?
    public var checksums: [ObjectChecksum] = []

    public init(contentMD5: String? = nil, checksums: [ObjectChecksum] = []) {
        self.contentMD5 = contentMD5
        self.checksums = checksums
    }
}

/// CopyObject's own headers (the copy source, directives and source conditions).
public struct CopyObjectInput: Sendable, Hashable {
    public var sourceBucket: String
    public var sourceKey: String
    public var sourceVersionId: String?
    /// `x-amz-metadata-directive`: `COPY` (default) or `REPLACE`.
    public var replaceMetadata = false
    /// `x-amz-tagging-directive`: `COPY` (default) or `REPLACE`.
    public var replaceTagging = false
    /// `x-amz-copy-source-if-*`, read as a GetObject's conditions on the source.
    public var sourceConditions = ObjectReadInput()
    /// `x-amz-copy-source-range` (UploadPartCopy).
    public var sourceRange: String?

    public init(sourceBucket: String, sourceKey: String, sourceVersionId: String? = nil) {
        self.sourceBucket = sourceBucket
        self.sourceKey = sourceKey
        self.sourceVersionId = sourceVersionId
    }
}

/// One object of a DeleteObjects request or of its `Deleted` answer.
public struct DeletedObject: Sendable, Hashable {
    public var key: String
    public var versionId: String?
    public var deleteMarker = false
    public var deleteMarkerVersionId: String?

    public init(key: String, versionId: String? = nil) {
        self.key = key
        self.versionId = versionId
    }
}

extension S3Requests {
    /// `Content-MD5` and the `x-amz-checksum-<algorithm>` headers of an upload, as sent.
    public static func readUploadChecksums(_ request: HTTPRequestParts) -> UploadChecksums {
        var out = UploadChecksums(contentMD5: request.header("content-md5"))
        for algorithm in S3ChecksumAlgorithm.allCases {
            if let value = request.header(S3Responses.checksumHeader(algorithm)) {
                out.checksums.append(ObjectChecksum(algorithm: algorithm, value: value))
            }
        }
        return out
    }

    /// Why a tag set is refused (S3's `InvalidTag` message), `nil` when it is fine: keys are 1 to 128
    /// characters, values at most 256.
    public static func invalidTagReason(_ tags: [S3Tag]) -> String? {
        for tag in tags {
            if tag.key.count > 128 { return "The TagKey you have provided is too long, max 128" }
            if tag.key.isEmpty { return "The TagKey you have provided is invalid" }
            if tag.value.count > 256 { return "The TagValue you have provided is too long, max 256" }
        }
        return nil
    }

    /// CopyObject's (and UploadPartCopy's) `x-amz-copy-source` and its companions. The source is
    /// `bucket/key[?versionId=...]`, URL-encoded, with or without a leading `/`.
    public static func readCopyObject(_ request: HTTPRequestParts) throws(AWSShapeError) -> CopyObjectInput {
        func fail(_ path: String, _ message: String) -> AWSShapeError {
            AWSShapeError(operation: "CopyObject", path: path, message: message, isRequest: true)
        }
        guard var source = request.header("x-amz-copy-source") else {
            throw fail("x-amz-copy-source", "missing")
        }
        var versionId: String?
        if let question = source.firstRange(of: "?") {
            let query = source[question.upperBound...]
            for item in query.split(separator: "&") where item.hasPrefix("versionId=") {
                versionId = URIEncoding.decode(String(item.dropFirst("versionId=".count)))
            }
            source = String(source[..<question.lowerBound])
        }
        let decoded = URIEncoding.decode(source.hasPrefix("/") ? String(source.dropFirst()) : source)
        guard let slash = decoded.firstIndex(of: "/"), slash != decoded.startIndex,
            decoded.index(after: slash) != decoded.endIndex
        else {
            throw fail(
                "x-amz-copy-source",
                "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
        }
        var input = CopyObjectInput(
            sourceBucket: String(decoded[..<slash]),
            sourceKey: String(decoded[decoded.index(after: slash)...]),
            sourceVersionId: versionId)
        for (header, flag) in [("x-amz-metadata-directive", 0), ("x-amz-tagging-directive", 1)] {
            guard let value = request.header(header)?.uppercased() else { continue }
            guard value == "COPY" || value == "REPLACE" else {
                throw fail(
                    header,
                    "Unknown \(header == "x-amz-metadata-directive" ? "metadata" : "tagging") directive.")
            }
            if flag == 0 {
                input.replaceMetadata = value == "REPLACE"
            } else {
                input.replaceTagging = value == "REPLACE"
            }
        }
        var conditions = ObjectReadInput()
        conditions.ifMatch = request.header("x-amz-copy-source-if-match")
        conditions.ifNoneMatch = request.header("x-amz-copy-source-if-none-match")
        conditions.ifModifiedSince = request.header("x-amz-copy-source-if-modified-since")
            .flatMap(AWSTimestamp.parseHTTPDate)
        conditions.ifUnmodifiedSince = request.header("x-amz-copy-source-if-unmodified-since")
            .flatMap(AWSTimestamp.parseHTTPDate)
        input.sourceConditions = conditions
        input.sourceRange = request.header("x-amz-copy-source-range")
        return input
    }

    /// A `Delete` body (DeleteObjects): the objects and whether the answer is `Quiet`. At most 1000
    /// objects.
    public static func readDeleteObjects(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> (objects: [DeletedObject], quiet: Bool) {
        let root = try ShapeReader.body(
            request.body, root: "Delete", operation: "DeleteObjects", isRequest: true)
        let objects = try root.flattened("Object").map { item throws(AWSShapeError) in
            DeletedObject(key: try item.required("Key"), versionId: item.string("VersionId"))
        }
        guard !objects.isEmpty, objects.count <= 1000 else {
            throw root.error("Object", "1 to 1000 objects, found \(objects.count)")
        }
        return (objects, try root.bool("Quiet") ?? false)
    }
}

extension S3Responses {
    /// The `CopyObjectResult` body: the new object's ETag, date and checksum.
    public static func copyObjectBody(_ info: ObjectInfo) -> [UInt8] {
        var root = XMLElementNode("CopyObjectResult")
        root.append("ETag", info.eTag)
        root.append("LastModified", AWSTimestamp.iso8601Milliseconds(info.lastModified))
        if let checksum = info.checksum {
            root.append("ChecksumType", checksum.value.contains("-") ? "COMPOSITE" : "FULL_OBJECT")
            root.append("Checksum" + checksum.algorithm.rawValue, checksum.value)
        }
        return document(root)
    }

    /// The `DeleteResult` body: `Deleted` entries (left out when `quiet`) and `Error` entries.
    public static func deleteObjectsBody(
        deleted: [DeletedObject], errors: [(object: DeletedObject, code: String, message: String)],
        quiet: Bool
    ) -> [UInt8] {
        var root = XMLElementNode("DeleteResult")
        if !quiet {
            for object in deleted {
                var item = XMLElementNode("Deleted")
                item.append("Key", object.key)
                item.append("VersionId", object.versionId)
                if object.deleteMarker { item.append("DeleteMarker", "true") }
                item.append("DeleteMarkerVersionId", object.deleteMarkerVersionId)
                root.append(item)
            }
        }
        for error in errors {
            var item = XMLElementNode("Error")
            item.append("Key", error.object.key)
            item.append("VersionId", error.object.versionId)
            item.append("Code", error.code)
            item.append("Message", error.message)
            root.append(item)
        }
        return document(root)
    }
}
