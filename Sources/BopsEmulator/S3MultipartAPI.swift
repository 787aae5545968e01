import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import FoundationEssentials

/// Multipart upload: CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
/// AbortMultipartUpload, ListParts and ListMultipartUploads, over the store's uploads.
extension S3API {
    func createMultipartUpload(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        var attributes = try ObjectHeaders.attributes(request.parts)
        attributes.recordCustomerKey(try Encryption.checkWrite(request))
        let checksumType = try decoded("InvalidRequest") { () throws(AWSShapeError) in
            try S3Multipart.readChecksumType(request.parts)
        }
        let upload = try store.createMultipartUpload(
            bucket: bucket, key: key, attributes: attributes, checksumType: checksumType)
        var answer = Answer.xml(S3Multipart.initiateBody(bucket: bucket, key: key, uploadId: upload.uploadId))
        if let algorithm = attributes.checksumAlgorithm {
            answer.headers.append(("x-amz-checksum-algorithm", algorithm.rawValue))
            answer.headers.append(("x-amz-checksum-type", upload.checksumType ?? "COMPOSITE"))
        }
        return answer
    }

    func uploadPart(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let number = try decoded("InvalidArgument") { () throws(AWSShapeError) in
            try S3Multipart.readPartNumber(request.parts)
        }
        let uploadId = request.queryValue("uploadId") ?? ""
        if request.header("x-amz-copy-source") != nil {
            return try uploadPartCopy(request, bucket: bucket, key: key, uploadId: uploadId, number: number)
        }
        let upload = try store.multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        let sent = S3Requests.readUploadChecksums(request.parts)
        if let algorithm = upload.attributes.checksumAlgorithm,
            let other = sent.checksums.first(where: { $0.algorithm != algorithm })
        {
            throw APIError(
                400, "InvalidRequest",
                "Checksum Type mismatch occurred, expected checksum Type: \(algorithm.rawValue.lowercased()), "
                    + "actual checksum Type: \(other.algorithm.rawValue.lowercased())")
        }
        _ = try UploadIntegrity.verify(request.body, contentMD5: sent.contentMD5, checksums: sent.checksums)
        let part = try store.uploadPart(
            bucket: bucket, key: key, uploadId: uploadId, partNumber: number, body: request.body)
        var headers = [("ETag", part.eTag)]
        if let checksum = part.checksum {
            headers.append(("x-amz-checksum-" + checksum.algorithm.rawValue.lowercased(), checksum.value))
        }
        return Answer(headers: headers)
    }

    private func uploadPartCopy(
        _ request: IncomingRequest, bucket: String, key: String, uploadId: String, number: Int
    ) throws -> Answer {
        _ = try store.multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        let (input, source) = try copySource(request)
        var range: ClosedRange<Int64>?
        if let text = input.sourceRange {
            guard case .partial(let first, let last) = S3Requests.byteRange(text, size: source.size),
                text.contains("-"), !text.hasSuffix("-"), !text.contains("=-")
            else {
                throw APIError(
                    400, "InvalidArgument",
                    "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last "
                        + "are the zero-based offsets of the first and last bytes to copy")
            }
            range = first...last
        }
        let (_, body) = try store.readObject(
            bucket: input.sourceBucket, key: input.sourceKey, versionId: source.versionId ?? "null",
            range: range)
        let part = try store.uploadPart(
            bucket: bucket, key: key, uploadId: uploadId, partNumber: number, body: body)
        var answer = Answer.xml(
            S3Multipart.copyPartBody(
                MultipartPart(
                    partNumber: number, eTag: part.eTag, size: part.size, lastModified: part.lastModified,
                    checksum: part.checksum)))
        if let id = source.versionId { answer.headers.append(("x-amz-copy-source-version-id", id)) }
        return answer
    }

    func completeMultipartUpload(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let uploadId = request.queryValue("uploadId") ?? ""
        _ = try store.multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        let parts = try decoded("MalformedXML") { () throws(AWSShapeError) in
            try S3Multipart.readComplete(request.parts)
        }
        let info = try store.completeMultipartUpload(
            bucket: bucket, key: key, uploadId: uploadId, parts: parts.map { ($0.partNumber, $0.eTag) })
        let host = request.header("host") ?? "localhost"
        var answer = Answer.xml(
            S3Multipart.completeBody(
                location: "http://\(host)/\(bucket)/\(key)", bucket: bucket, key: key, info: info))
        answer.headers += S3Responses.putObjectHeaders(info).filter {
            $0.name != "ETag" && !$0.name.hasPrefix("x-amz-checksum")
        }.map { ($0.name, $0.value) }
        return answer
    }

    func abortMultipartUpload(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        try store.abortMultipartUpload(
            bucket: bucket, key: key, uploadId: request.queryValue("uploadId") ?? "")
        return Answer(status: 204)
    }

    func listParts(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        let info = try requireBucket(bucket)
        let uploadId = request.queryValue("uploadId") ?? ""
        let (upload, parts) = try store.listParts(bucket: bucket, key: key, uploadId: uploadId)
        return .xml(
            S3Multipart.listPartsBody(
                bucket: bucket, key: key, uploadId: uploadId,
                storageClass: upload.attributes.storageClass.rawValue,
                owner: ObjectSubresourceAPI.owner(of: info),
                checksumAlgorithm: upload.attributes.checksumAlgorithm,
                checksumType: upload.checksumType,
                parts: parts.map {
                    MultipartPart(
                        partNumber: $0.partNumber, eTag: $0.eTag, size: $0.size,
                        lastModified: $0.lastModified,
                        checksum: $0.checksum)
                }, maxParts: 1000))
    }

    func listMultipartUploads(_ request: IncomingRequest, bucket: String) throws -> Answer {
        let info = try requireBucket(bucket)
        let prefix = request.queryValue("prefix")
        let uploads = try store.listMultipartUploads(bucket: bucket).filter { $0.key.hasPrefix(prefix ?? "") }
        return .xml(
            S3Multipart.listUploadsBody(
                bucket: bucket, prefix: prefix, owner: ObjectSubresourceAPI.owner(of: info),
                uploads: uploads.map {
                    MultipartUploadSummary(
                        key: $0.key, uploadId: $0.uploadId, initiated: $0.initiated,
                        storageClass: $0.attributes.storageClass.rawValue,
                        checksumAlgorithm: $0.attributes.checksumAlgorithm)
                }, maxUploads: 1000))
    }
}
