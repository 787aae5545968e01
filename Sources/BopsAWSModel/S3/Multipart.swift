public import BopsJobs
public import FoundationEssentials

/// One part of a ListParts answer or a CompleteMultipartUpload request.
public struct MultipartPart: Sendable, Hashable {
    public var partNumber: Int
    public var eTag: String
    public var size: Int64
    public var lastModified: Date?
    public var checksum: ObjectChecksum?

    public init(
        partNumber: Int, eTag: String, size: Int64 = 0, lastModified: Date? = nil,
        checksum: ObjectChecksum? = nil
    ) {
        self.partNumber = partNumber
        self.eTag = eTag
        self.size = size
        self.lastModified = lastModified
        self.checksum = checksum
    }
}

/// One upload of a ListMultipartUploads answer.
public struct MultipartUploadSummary: Sendable, Hashable {
    public var key: String
    public var uploadId: String
    public var initiated: Date
    public var storageClass: String
    public var checksumAlgorithm: S3ChecksumAlgorithm?

    public init(
        key: String, uploadId: String, initiated: Date, storageClass: String,
        checksumAlgorithm: S3ChecksumAlgorithm?
    ) {
        self.key = key
        self.uploadId = uploadId
        self.initiated = initiated
        self.storageClass = storageClass
        self.checksumAlgorithm = checksumAlgorithm
    }
}

/// S3's multipart upload (model `s3/2006-03-01`): CreateMultipartUpload (`POST ?uploads`),
/// UploadPart and UploadPartCopy (`PUT ?partNumber&uploadId`), CompleteMultipartUpload
/// (`POST ?uploadId`), AbortMultipartUpload (`DELETE ?uploadId`), ListParts (`GET ?uploadId`) and
/// ListMultipartUploads (`GET /{bucket}?uploads`), as a server reads and answers them.
public enum S3Multipart {
    /// `x-amz-checksum-type` of CreateMultipartUpload (`COMPOSITE` or `FULL_OBJECT`), `nil` when absent.
    public static func readChecksumType(_ request: HTTPRequestParts) throws(AWSShapeError) -> String? {
        guard let value = request.header("x-amz-checksum-type")?.uppercased() else { return nil }
        guard value == "COMPOSITE" || value == "FULL_OBJECT" else {
            throw AWSShapeError(
                operation: "CreateMultipartUpload", path: "x-amz-checksum-type",
                message: "expected COMPOSITE or FULL_OBJECT, found '\(value)'", isRequest: true)
        }
        return value
    }

    /// `partNumber` of UploadPart: an integer in 1...10000.
    public static func readPartNumber(_ request: HTTPRequestParts) throws(AWSShapeError) -> Int {
        let text = request.queryValue("partNumber") ?? ""
        guard let number = Int(text), (1...10000).contains(number) else {
            throw AWSShapeError(
                operation: "UploadPart", path: "partNumber",
                message: "Part number must be an integer between 1 and 10000, inclusive", isRequest: true)
        }
        return number
    }

    /// The `InitiateMultipartUploadResult` body.
    public static func initiateBody(bucket: String, key: String, uploadId: String) -> [UInt8] {
        var root = XMLElementNode("InitiateMultipartUploadResult")
        root.append("Bucket", bucket)
        root.append("Key", key)
        root.append("UploadId", uploadId)
        return S3Responses.document(root)
    }

    /// A `CompleteMultipartUpload` body: its parts in the order sent (number and ETag).
    public static func readComplete(_ request: HTTPRequestParts) throws(AWSShapeError) -> [MultipartPart] {
        let root = try ShapeReader.body(
            request.body, root: "CompleteMultipartUpload", operation: "CompleteMultipartUpload",
            isRequest: true)
        return try root.flattened("Part").map { part throws(AWSShapeError) in
            guard let number = try part.int("PartNumber") else { throw part.missing("PartNumber") }
            return MultipartPart(partNumber: number, eTag: try part.required("ETag"))
        }
    }

    /// The `CompleteMultipartUploadResult` body.
    public static func completeBody(
        location: String, bucket: String, key: String, info: ObjectInfo
    ) -> [UInt8] {
        var root = XMLElementNode("CompleteMultipartUploadResult")
        root.append("Location", location)
        root.append("Bucket", bucket)
        root.append("Key", key)
        root.append("ETag", info.eTag)
        if let checksum = info.checksum {
            root.append("Checksum" + checksum.algorithm.rawValue, checksum.value)
            root.append("ChecksumType", checksum.value.contains("-") ? "COMPOSITE" : "FULL_OBJECT")
        }
        return S3Responses.document(root)
    }

    /// The `ListPartsResult` body of every part of one upload.
    public static func listPartsBody(
        bucket: String, key: String, uploadId: String, storageClass: String, owner: S3ObjectOwner,
        checksumAlgorithm: S3ChecksumAlgorithm?, checksumType: String?, parts: [MultipartPart], maxParts: Int
    ) -> [UInt8] {
        var root = XMLElementNode("ListPartsResult")
        root.append("Bucket", bucket)
        root.append("Key", key)
        root.append("UploadId", uploadId)
        root.append("PartNumberMarker", "0")
        root.append("NextPartNumberMarker", String(parts.last?.partNumber ?? 0))
        root.append("MaxParts", String(maxParts))
        root.append("IsTruncated", "false")
        for part in parts {
            var item = XMLElementNode("Part")
            item.append("PartNumber", String(part.partNumber))
            item.append("LastModified", part.lastModified.map(AWSTimestamp.iso8601Milliseconds))
            item.append("ETag", part.eTag)
            item.append("Size", String(part.size))
            if let checksum = part.checksum {
                item.append("Checksum" + checksum.algorithm.rawValue, checksum.value)
            }
            root.append(item)
        }
        root.append(ownerElement("Initiator", owner))
        root.append(ownerElement("Owner", owner))
        root.append("StorageClass", storageClass)
        root.append("ChecksumAlgorithm", checksumAlgorithm?.rawValue)
        root.append("ChecksumType", checksumType)
        return S3Responses.document(root)
    }

    /// The `ListMultipartUploadsResult` body of every upload in progress under `prefix`.
    public static func listUploadsBody(
        bucket: String, prefix: String?, owner: S3ObjectOwner, uploads: [MultipartUploadSummary],
        maxUploads: Int
    ) -> [UInt8] {
        var root = XMLElementNode("ListMultipartUploadsResult")
        root.append("Bucket", bucket)
        root.append("KeyMarker", "")
        root.append("UploadIdMarker", "")
        root.append("NextKeyMarker", uploads.last?.key ?? "")
        root.append("NextUploadIdMarker", uploads.last?.uploadId ?? "")
        root.append("Prefix", prefix)
        root.append("MaxUploads", String(maxUploads))
        root.append("IsTruncated", "false")
        for upload in uploads {
            var item = XMLElementNode("Upload")
            item.append("Key", upload.key)
            item.append("UploadId", upload.uploadId)
            item.append(ownerElement("Initiator", owner))
            item.append(ownerElement("Owner", owner))
            item.append("StorageClass", upload.storageClass)
            item.append("Initiated", AWSTimestamp.iso8601Milliseconds(upload.initiated))
            item.append("ChecksumAlgorithm", upload.checksumAlgorithm?.rawValue)
            root.append(item)
        }
        return S3Responses.document(root)
    }

    /// The `CopyPartResult` body of UploadPartCopy.
    public static func copyPartBody(_ part: MultipartPart) -> [UInt8] {
        var root = XMLElementNode("CopyPartResult")
        root.append("ETag", part.eTag)
        root.append("LastModified", part.lastModified.map(AWSTimestamp.iso8601Milliseconds))
        if let checksum = part.checksum {
            root.append("Checksum" + checksum.algorithm.rawValue, checksum.value)
        }
        return S3Responses.document(root)
    }

    static func ownerElement(_ name: String, _ owner: S3ObjectOwner) -> XMLElementNode {
        var element = XMLElementNode(name)
        element.append("ID", owner.id)
        element.append("DisplayName", owner.displayName)
        return element
    }
}
