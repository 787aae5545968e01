public import BopsJobs
import Crypto
public import FoundationEssentials

/// A multipart upload in progress (CreateMultipartUpload until Complete or Abort).
public struct MultipartUpload: Codable, Sendable, Hashable {
    public var uploadId: String
    public var bucket: String
    public var key: String
    public var initiated: Date
    /// What the object gets when the upload completes (metadata, tags, ACL, encryption, checksum
    /// algorithm, Object Lock).
    public var attributes: ObjectAttributes
    /// `COMPOSITE` (a checksum of the part checksums, `-<parts>`) or `FULL_OBJECT`.
    public var checksumType: String?
}

/// One uploaded part: its ETag (the MD5 of its bytes, quoted), size and checksum.
public struct UploadedPart: Codable, Sendable, Hashable {
    public var partNumber: Int
    public var eTag: String
    public var size: Int64
    public var lastModified: Date
    public var checksum: ObjectChecksum?
}

/// S3's multipart upload on the local store. Uploads live under `uploads/<id>/` (`upload.json`,
/// one data file and one record per part); Complete joins the parts into one object version with
/// S3's ETag (`"<MD5 of the concatenated part MD5s>-<parts>"`) and part sizes.
extension LocalStore {
    /// S3's smallest part, except the last.
    public static let minimumPartSize: Int64 = 5 << 20

    func uploadPath(_ uploadId: String) -> String { root + "/uploads/" + uploadId }

    /// Starts an upload of `key`. Throws `NoSuchBucket`, and 400 `InvalidRequest` for Object Lock
    /// settings on a bucket without Object Lock.
    public func createMultipartUpload(
        bucket: String, key: String, attributes: ObjectAttributes, checksumType: String? = nil
    ) throws -> MultipartUpload {
        try validateKey(key)
        let config = try config(bucket)
        if attributes.objectLockMode != nil || attributes.objectLockLegalHoldStatus != nil, !config.objectLock
        {
            throw EngineError(
                code: "InvalidRequest", message: "Bucket is missing Object Lock Configuration",
                httpStatus: 400)
        }
        let upload = MultipartUpload(
            uploadId: Self.randomId(alphabet: Self.base62, count: 48), bucket: bucket, key: key,
            initiated: Date(),
            attributes: attributes,
            checksumType: attributes.checksumAlgorithm == nil ? nil : (checksumType ?? "COMPOSITE"))
        try FileIO.makeDirectory(root + "/uploads")
        try FileIO.makeDirectory(uploadPath(upload.uploadId))
        try FileIO.writeAtomically(
            Array(try Self.encoder.encode(upload)), to: uploadPath(upload.uploadId) + "/upload.json")
        return upload
    }

    /// The upload `uploadId` of `key` in `bucket`; 404 `NoSuchUpload` when there is none.
    public func multipartUpload(bucket: String, key: String, uploadId: String) throws -> MultipartUpload {
        let path = uploadPath(uploadId) + "/upload.json"
        guard !uploadId.contains("/"), !uploadId.contains("."), let bytes = try FileIO.read(path),
            let upload = try? Self.decoder.decode(MultipartUpload.self, from: Data(bytes)),
            upload.bucket == bucket, upload.key == key
        else {
            throw EngineError(
                code: "NoSuchUpload",
                message:
                    "The specified upload does not exist. The upload ID may be invalid, or the upload may have "
                    + "been aborted or completed.", httpStatus: 404)
        }
        return upload
    }

    /// Stores part `partNumber` (replacing an earlier upload of that number). Its checksum is
    /// computed with the upload's algorithm.
    public func uploadPart(
        bucket: String, key: String, uploadId: String, partNumber: Int, body: [UInt8]
    ) throws -> UploadedPart {
        let upload = try multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        let part = UploadedPart(
            partNumber: partNumber, eTag: Self.eTag(body), size: Int64(body.count), lastModified: Date(),
            checksum: upload.attributes.checksumAlgorithm.map { Checksums.compute($0, body) })
        let base = uploadPath(uploadId) + "/\(partNumber)"
        try FileIO.write(body, to: base + ".data")
        try FileIO.writeAtomically(Array(try Self.encoder.encode(part)), to: base + ".json")
        return part
    }

    /// The upload and its parts by part number.
    public func listParts(
        bucket: String, key: String, uploadId: String
    ) throws -> (
        upload: MultipartUpload, parts: [UploadedPart]
    ) {
        let upload = try multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        let parts = FileIO.list(uploadPath(uploadId)).filter { $0.hasSuffix(".json") && $0 != "upload.json" }
            .compactMap { name -> UploadedPart? in
                guard let bytes = try? FileIO.read(uploadPath(uploadId) + "/" + name) else { return nil }
                return try? Self.decoder.decode(UploadedPart.self, from: Data(bytes))
            }
        return (upload, parts.sorted { $0.partNumber < $1.partNumber })
    }

    /// The uploads in progress in `bucket`, by key then initiation date. Throws `NoSuchBucket`.
    public func listMultipartUploads(bucket: String) throws -> [MultipartUpload] {
        _ = try config(bucket)
        return FileIO.list(root + "/uploads").compactMap { id -> MultipartUpload? in
            guard let bytes = try? FileIO.read(uploadPath(id) + "/upload.json") else { return nil }
            return try? Self.decoder.decode(MultipartUpload.self, from: Data(bytes))
        }.filter { $0.bucket == bucket }.sorted { ($0.key, $0.initiated) < ($1.key, $1.initiated) }
    }

    /// Abandons an upload and its parts. Throws `NoSuchUpload`.
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) throws {
        _ = try multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        try? FileManager.default.removeItem(atPath: uploadPath(uploadId))
    }

    /// Joins the parts `parts` names (part number and ETag, ascending) into the object, as S3's
    /// CompleteMultipartUpload: 400 `InvalidPartOrder` when not ascending, `InvalidPart` when a
    /// part is missing or its ETag differs, `EntityTooSmall` for a part but the last under 5 MiB.
    /// The checksum is the upload's: COMPOSITE (the digest of the part digests, `-<parts>`) or
    /// FULL_OBJECT (the digest of the whole object).
    public func completeMultipartUpload(
        bucket: String, key: String, uploadId: String, parts requested: [(partNumber: Int, eTag: String)]
    ) throws -> ObjectInfo {
        let (upload, uploaded) = try listParts(bucket: bucket, key: key, uploadId: uploadId)
        guard !requested.isEmpty else {
            throw EngineError(
                code: "MalformedXML",
                message:
                    "The XML you provided was not well-formed or did not validate against our published schema",
                httpStatus: 400)
        }
        let byNumber = Dictionary(uploaded.map { ($0.partNumber, $0) }, uniquingKeysWith: { _, b in b })
        var chosen: [UploadedPart] = []
        for (index, item) in requested.enumerated() {
            if index > 0, item.partNumber <= requested[index - 1].partNumber {
                throw EngineError(
                    code: "InvalidPartOrder",
                    message:
                        "The list of parts was not in ascending order. Parts must be ordered by part number.",
                    httpStatus: 400)
            }
            guard let part = byNumber[item.partNumber], Self.sameETag(part.eTag, item.eTag) else {
                throw EngineError(
                    code: "InvalidPart",
                    message:
                        "One or more of the specified parts could not be found.  The part may not have been "
                        + "uploaded, or the specified entity tag may not match the part's entity tag.",
                    httpStatus: 400)
            }
            chosen.append(part)
        }
        for part in chosen.dropLast() where part.size < Self.minimumPartSize {
            throw EngineError(
                code: "EntityTooSmall",
                message: "Your proposed upload is smaller than the minimum allowed size",
                httpStatus: 400)
        }
        var body: [UInt8] = []
        body.reserveCapacity(Int(chosen.reduce(0) { $0 + $1.size }))
        var md5s: [UInt8] = []
        var digests: [UInt8] = []
        let algorithm = upload.attributes.checksumAlgorithm
        for part in chosen {
            let bytes = try FileIO.read(
                uploadPath(uploadId) + "/\(part.partNumber).data", offset: 0, count: Int(part.size))
            md5s += Insecure.MD5.hash(data: bytes)
            if let algorithm { digests += Checksums.digest(algorithm, bytes) }
            body += bytes
        }
        let eTag =
            "\"" + Insecure.MD5.hash(data: md5s).map { Self.hex2(Int($0)) }.joined() + "-\(chosen.count)\""
        var checksum: ObjectChecksum?
        if let algorithm {
            checksum =
                upload.checksumType == "FULL_OBJECT"
                ? Checksums.compute(algorithm, body)
                : ObjectChecksum(
                    algorithm: algorithm,
                    value: Data(Checksums.digest(algorithm, digests)).base64EncodedString()
                        + "-\(chosen.count)")
        }
        let a = upload.attributes
        let state = try refreshed(bucket)
        let info = ObjectInfo(
            bucket: bucket, key: key, versionId: newVersionId(state), eTag: eTag, size: Int64(body.count),
            lastModified: Date(), storageClass: a.storageClass, metadata: a.metadata, tags: a.tags,
            acl: a.acl,
            serverSideEncryption: a.serverSideEncryption, checksum: checksum,
            objectLockMode: a.objectLockMode,
            objectLockRetainUntilDate: a.objectLockRetainUntilDate,
            objectLockLegalHoldStatus: a.objectLockLegalHoldStatus, partSizes: chosen.map(\.size))
        try commit([(bucket, try stage(info, body: body))])
        try? FileManager.default.removeItem(atPath: uploadPath(uploadId))
        return info
    }

    /// Whether two ETags are the same, quotes aside.
    static func sameETag(_ a: String, _ b: String) -> Bool {
        return a.trimmingQuotes() == b.trimmingQuotes()
    }
}
