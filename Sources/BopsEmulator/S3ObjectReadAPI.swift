import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import FoundationEssentials

/// GetObject and HeadObject: versions and delete markers, `Range` (206 / 416 `InvalidRange`),
/// `partNumber`, the conditional headers (412 / 304), the `response-*` overrides, and
/// `x-amz-checksum-*` only with `x-amz-checksum-mode: ENABLED`. A zero-filled object's body is
/// streamed, never held whole.
extension S3API {
    func readObject(_ request: IncomingRequest, bucket: String, key: String, isHead: Bool) throws -> Answer {
        _ = try requireBucket(bucket)
        let input = try decoded("InvalidArgument") { () throws(AWSShapeError) in
            try S3Requests.readObjectRead(request.parts)
        }
        if input.range != nil && input.partNumber != nil {
            throw APIError(
                400, "InvalidRequest", "Cannot specify both Range header and partNumber query parameter")
        }
        let info = try currentVersion(request, bucket: bucket, key: key)
        try Encryption.checkRead(request, info)
        switch S3Requests.readCondition(input, eTag: info.eTag, lastModified: info.lastModified) {
        case .preconditionFailed(let header):
            throw Self.preconditionFailed(header)
        case .notModified:
            var headers = [("ETag", info.eTag), ("Last-Modified", AWSTimestamp.httpDate(info.lastModified))]
            if let id = info.versionId { headers.append(("x-amz-version-id", id)) }
            return Answer(status: 304, headers: headers)
        case .proceed:
            break
        }
        var range: ClosedRange<Int64>?
        var partsCount: Int?
        if let number = input.partNumber {
            let parts = info.partSizes ?? [info.size]
            guard number <= parts.count else {
                throw APIError(
                    416, "InvalidPartNumber", "The requested partnumber is not satisfiable",
                    extra: [
                        ("PartNumberRequested", String(number)), ("ActualPartCount", String(parts.count)),
                    ])
            }
            let first = parts.prefix(number - 1).reduce(0, +)
            if parts[number - 1] > 0 { range = first...(first + parts[number - 1] - 1) }
            if info.partSizes != nil { partsCount = parts.count }
        } else {
            switch S3Requests.byteRange(input.range, size: info.size) {
            case .whole: break
            case .partial(let first, let last): range = first...last
            case .unsatisfiable:
                throw APIError(
                    416, "InvalidRange", "The requested range is not satisfiable",
                    extra: S3Responses.invalidRangeDetails(range: input.range ?? "", size: info.size),
                    headers: [("Content-Range", "bytes */\(info.size)")])
            }
        }
        var body: [UInt8] = []
        var zeroBodyLength: Int64?
        let versionId = info.versionId ?? "null"
        if !isHead, try store.isZeroFilled(bucket: bucket, key: key, versionId: versionId) {
            try LocalStore.checkReadable(info, now: Date())
            zeroBodyLength = range.map { Int64($0.count) } ?? info.size
        } else if !isHead {
            body = try store.readObject(bucket: bucket, key: key, versionId: versionId, range: range).body
        }
        // A checksum covers the whole object: a ranged read does not carry it.
        let withChecksum = input.checksumMode && (range == nil || range?.count == Int(info.size))
        var fields = S3Responses.objectHeaders(info, checksum: withChecksum, partsCount: partsCount)
        fields = S3Responses.applying(input.overrides, to: fields)
        var answer = Answer(status: range == nil ? 200 : 206, fields: fields, body: body)
        answer.zeroBodyLength = zeroBodyLength
        answer.headers.append(("Accept-Ranges", "bytes"))
        if let range {
            answer.headers.append(
                (
                    "Content-Range",
                    S3Responses.contentRange(first: range.lowerBound, last: range.upperBound, size: info.size)
                ))
        }
        if isHead { answer.announcedLength = Int(range.map { Int64($0.count) } ?? info.size) }
        return answer
    }

    /// GetObjectAttributes: the attributes `x-amz-object-attributes` names, with `Last-Modified` and
    /// the version id; the SSE-C key and delete markers as for GetObject.
    func objectAttributes(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        _ = try requireBucket(bucket)
        let asked = try decoded("InvalidArgument") { () throws(AWSShapeError) in
            try S3ObjectAttributes.read(request.parts)
        }
        let info = try currentVersion(request, bucket: bucket, key: key)
        try Encryption.checkRead(request, info)
        var answer = Answer.xml(S3ObjectAttributes.body(info, asked: asked))
        answer.headers.append(("Last-Modified", AWSTimestamp.httpDate(info.lastModified)))
        if let id = info.versionId { answer.headers.append(("x-amz-version-id", id)) }
        return answer
    }

    /// The version a read or copy addresses: the latest, or the one `versionId` names. A delete
    /// marker answers as S3 does: 404 `NoSuchKey` when it is the latest, 405 `MethodNotAllowed`
    /// when named, both with `x-amz-delete-marker: true`.
    func currentVersion(_ request: IncomingRequest, bucket: String, key: String) throws -> ObjectInfo {
        let versionId = request.queryValue("versionId")
        guard let entry = try store.versionEntry(bucket: bucket, key: key, versionId: versionId) else {
            if let versionId {
                throw APIError(
                    404, "NoSuchVersion", "The specified version does not exist.",
                    extra: [("Key", key), ("VersionId", versionId)])
            }
            throw APIError(
                404, EngineError.noSuchKey, "The specified key does not exist.", extra: [("Key", key)])
        }
        guard entry.isDeleteMarker else { return entry.info }
        var headers = [("x-amz-delete-marker", "true"), ("x-amz-version-id", entry.info.versionId ?? "null")]
        if versionId != nil {
            headers += [
                ("Allow", "DELETE"), ("Last-Modified", AWSTimestamp.httpDate(entry.info.lastModified)),
            ]
            throw APIError(
                405, "MethodNotAllowed", "The specified method is not allowed against this resource.",
                extra: [("Method", request.method), ("ResourceType", "DeleteMarker")], headers: headers)
        }
        throw APIError(
            404, EngineError.noSuchKey, "The specified key does not exist.", extra: [("Key", key)],
            headers: headers)
    }
}
