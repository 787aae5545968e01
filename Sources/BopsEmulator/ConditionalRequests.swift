import BopsAWSModel
import BopsJobs
import BopsLocalEngine

/// S3's conditional writes in the emulator: PutObject with `If-None-Match: *` or `If-Match`, and
/// DeleteObject with or without `If-Match`, answered as S3 answers them (412 `PreconditionFailed`
/// naming the header, 404 `NoSuchKey` for `If-Match` on a missing key, 204 for a delete).
///
/// The check and the write happen under the store's lock (``LocalStore`` conditional writes), so
/// concurrent clients see exactly one of two racing creates succeed.
extension S3API {
    /// The answer to a PutObject that carries a condition; `nil` when it carries none (a plain put).
    func conditionalPut(
        _ request: IncomingRequest, bucket: String, key: String, attributes: ObjectAttributes
    ) throws -> Answer? {
        let condition = try decoded("NotImplemented") { () throws(AWSShapeError) in
            try ConditionalWrites.readCondition(request.parts)
        }
        guard !condition.isEmpty else { return nil }
        do {
            let info = try store.putObject(
                bucket: bucket, key: key, body: request.body, attributes: attributes,
                ifMatch: condition.ifMatch,
                ifNoneMatch: condition.ifNoneMatch)
            return Answer(fields: S3Responses.putObjectHeaders(info))
        } catch let error as EngineError where error.code == LocalStore.preconditionFailed {
            throw Self.preconditionFailed(condition.ifMatch != nil ? "If-Match" : "If-None-Match")
        }
    }

    /// DeleteObject: 204 whether or not the key existed, unless `If-Match` names an ETag (412 when
    /// it differs, 404 when the key is missing). In a versioned bucket it adds a delete marker
    /// (`x-amz-delete-marker: true` and its `x-amz-version-id`); with `versionId` it removes that
    /// version for good.
    func deleteObject(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        let condition = try decoded("NotImplemented") { () throws(AWSShapeError) in
            try ConditionalWrites.readCondition(request.parts)
        }
        _ = try requireBucket(bucket)
        let outcome: DeleteOutcome
        do {
            outcome = try store.deleteObject(
                bucket: bucket, key: key, versionId: request.queryValue("versionId"),
                ifMatch: condition.ifMatch,
                bypassGovernance: request.header("x-amz-bypass-governance-retention")?.lowercased() == "true")
        } catch let error as EngineError where error.code == LocalStore.preconditionFailed {
            throw Self.preconditionFailed("If-Match")
        } catch let error as EngineError where error.code == EngineError.noSuchKey {
            throw APIError(
                404, EngineError.noSuchKey, "The specified key does not exist.", extra: [("Key", key)])
        }
        var headers: [(String, String)] = []
        if outcome.deleteMarker { headers.append(("x-amz-delete-marker", "true")) }
        if let id = outcome.versionId { headers.append(("x-amz-version-id", id)) }
        return Answer(status: 204, headers: headers)
    }

    static func preconditionFailed(_ header: String) -> APIError {
        APIError(
            412, ConditionalWrites.preconditionFailed,
            "At least one of the pre-conditions you specified did not hold",
            extra: [("Condition", header)])
    }
}
