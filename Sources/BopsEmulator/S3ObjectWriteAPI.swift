import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import FoundationEssentials

/// PutObject (with its integrity headers checked), CopyObject and DeleteObjects.
extension S3API {
    func putObject(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        var attributes = try ObjectHeaders.attributes(request.parts)
        attributes.recordCustomerKey(try Encryption.checkWrite(request))
        let sent = S3Requests.readUploadChecksums(request.parts)
        let verified = try UploadIntegrity.verify(
            request.body, contentMD5: sent.contentMD5, checksums: sent.checksums)
        if let verified { attributes.checksumAlgorithm = verified.algorithm }
        if let answer = try conditionalPut(request, bucket: bucket, key: key, attributes: attributes) {
            return answer
        }
        let info = try store.putObject(bucket: bucket, key: key, body: request.body, attributes: attributes)
        return Answer(fields: S3Responses.putObjectHeaders(info))
    }

    /// The source of a CopyObject or UploadPartCopy: its version (conditions checked as S3 checks
    /// `x-amz-copy-source-if-*`: 412 for each that does not hold) and the copy input.
    func copySource(_ request: IncomingRequest) throws -> (input: CopyObjectInput, info: ObjectInfo) {
        let input = try decoded("InvalidArgument") { () throws(AWSShapeError) in
            try S3Requests.readCopyObject(request.parts)
        }
        _ = try requireBucket(input.sourceBucket)
        guard
            let entry = try store.versionEntry(
                bucket: input.sourceBucket, key: input.sourceKey, versionId: input.sourceVersionId)
        else {
            if let versionId = input.sourceVersionId {
                throw APIError(
                    404, "NoSuchVersion", "The specified version does not exist.",
                    extra: [("Key", input.sourceKey), ("VersionId", versionId)])
            }
            throw APIError(
                404, EngineError.noSuchKey, "The specified key does not exist.",
                extra: [("Key", input.sourceKey)])
        }
        if entry.isDeleteMarker {
            guard input.sourceVersionId == nil else {
                throw APIError(
                    400, "InvalidRequest",
                    "The source of a copy request may not specifically refer to a delete marker by version id."
                )
            }
            throw APIError(
                404, EngineError.noSuchKey, "The specified key does not exist.",
                extra: [("Key", input.sourceKey)])
        }
        try Encryption.checkRead(request, entry.info, prefix: Encryption.copySourceCustomer)
        let conditions = input.sourceConditions
        switch S3Requests.readCondition(
            conditions, eTag: entry.info.eTag, lastModified: entry.info.lastModified)
        {
        case .proceed: break
        case .preconditionFailed(let header): throw Self.preconditionFailed("x-amz-copy-source-" + header)
        case .notModified:
            throw Self.preconditionFailed(
                conditions.ifNoneMatch != nil
                    ? "x-amz-copy-source-If-None-Match" : "x-amz-copy-source-If-Modified-Since")
        }
        return (input, entry.info)
    }

    /// CopyObject: the source's data (and, with the `COPY` directives, its metadata and tags) as a
    /// new version of the target; storage class, ACL, encryption and checksum algorithm from the
    /// request's headers. Copying an object onto itself changing nothing is S3's 400 `InvalidRequest`,
    /// and so is a source over 5 GiB (``CopySourceLimit``). A zero-filled source is copied as one.
    func copyObject(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let (input, source) = try copySource(request)
        var requested = try ObjectHeaders.attributes(request.parts)
        requested.recordCustomerKey(try Encryption.checkWrite(request))
        let changesSomething =
            input.replaceMetadata || request.header("x-amz-storage-class") != nil
            || request.header("x-amz-server-side-encryption") != nil
            || request.header("x-amz-website-redirect-location") != nil
        if input.sourceBucket == bucket, input.sourceKey == key, !changesSomething {
            throw APIError(
                400, "InvalidRequest",
                "This copy request is illegal because it is trying to copy an object to itself without changing "
                    + "the object's metadata, storage class, website redirect location or encryption attributes."
            )
        }
        try CopySourceLimit.check(size: source.size)
        var attributes = requested
        if !input.replaceMetadata { attributes.metadata = source.metadata }
        if !input.replaceTagging { attributes.tags = source.tags ?? [] }
        if attributes.checksumAlgorithm == nil { attributes.checksumAlgorithm = source.checksum?.algorithm }
        let sourceVersion = source.versionId ?? "null"
        let info: ObjectInfo
        if try store.isZeroFilled(bucket: input.sourceBucket, key: input.sourceKey, versionId: sourceVersion)
        {
            try LocalStore.checkReadable(source, now: Date())
            info = try store.putZeroFilledObject(
                bucket: bucket, key: key, size: source.size, attributes: attributes)
        } else {
            let (_, body) = try store.readObject(
                bucket: input.sourceBucket, key: input.sourceKey, versionId: sourceVersion, range: nil)
            info = try store.putObject(bucket: bucket, key: key, body: body, attributes: attributes)
        }
        var answer = Answer.xml(S3Responses.copyObjectBody(info))
        answer.headers += S3Responses.putObjectHeaders(info).filter {
            $0.name != "ETag" && !$0.name.hasPrefix("x-amz-checksum")
        }
        .map { ($0.name, $0.value) }
        if let id = source.versionId { answer.headers.append(("x-amz-copy-source-version-id", id)) }
        return answer
    }

    /// DeleteObjects: each object deleted as DeleteObject deletes it; one that cannot be is an
    /// `Error` entry. The body must carry `Content-MD5` or an `x-amz-checksum-*` (S3 refuses it
    /// otherwise), and it is checked.
    func deleteObjects(_ request: IncomingRequest, bucket: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let sent = S3Requests.readUploadChecksums(request.parts)
        guard sent.contentMD5 != nil || !sent.checksums.isEmpty else {
            throw APIError(
                400, "InvalidRequest",
                "Missing required header for this request: Content-MD5 or x-amz-checksum-*")
        }
        _ = try UploadIntegrity.verify(request.body, contentMD5: sent.contentMD5, checksums: sent.checksums)
        let (objects, quiet) = try decoded("MalformedXML") { () throws(AWSShapeError) in
            try S3Requests.readDeleteObjects(request.parts)
        }
        let bypass = request.header("x-amz-bypass-governance-retention")?.lowercased() == "true"
        var deleted: [DeletedObject] = []
        var errors: [(object: DeletedObject, code: String, message: String)] = []
        for object in objects {
            do {
                let outcome = try store.deleteObject(
                    bucket: bucket, key: object.key, versionId: object.versionId, ifMatch: nil,
                    bypassGovernance: bypass)
                var done = DeletedObject(key: object.key, versionId: object.versionId)
                if outcome.deleteMarker {
                    done.deleteMarker = true
                    done.deleteMarkerVersionId = outcome.versionId
                }
                deleted.append(done)
            } catch let error as EngineError {
                errors.append((object, error.code, error.message))
            }
        }
        return .xml(S3Responses.deleteObjectsBody(deleted: deleted, errors: errors, quiet: quiet))
    }
}
