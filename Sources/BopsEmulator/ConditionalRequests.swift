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
    func conditionalPut(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer? {
        let condition = try decoded("NotImplemented") { () throws(AWSShapeError) in
            try ConditionalWrites.readCondition(request.parts)
        }
        guard !condition.isEmpty else { return nil }
        guard try store.bucketInfo(bucket) != nil else {
            throw APIError(
                404, "NoSuchBucket", "The specified bucket does not exist", extra: [("BucketName", bucket)])
        }
        let attributes = try ObjectHeaders.attributes(request.parts)
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
    /// it differs, 404 when the key is missing).
    func deleteObject(_ request: IncomingRequest, bucket: String, key: String) throws -> Answer {
        let condition = try decoded("NotImplemented") { () throws(AWSShapeError) in
            try ConditionalWrites.readCondition(request.parts)
        }
        guard try store.bucketInfo(bucket) != nil else {
            throw APIError(
                404, "NoSuchBucket", "The specified bucket does not exist", extra: [("BucketName", bucket)])
        }
        do {
            try store.deleteObject(bucket: bucket, key: key, ifMatch: condition.ifMatch)
        } catch let error as EngineError where error.code == LocalStore.preconditionFailed {
            throw Self.preconditionFailed("If-Match")
        } catch let error as EngineError where error.code == EngineError.noSuchKey {
            throw APIError(
                404, EngineError.noSuchKey, "The specified key does not exist.", extra: [("Key", key)])
        }
        return Answer(status: 204)
    }

    static func preconditionFailed(_ header: String) -> APIError {
        APIError(
            412, ConditionalWrites.preconditionFailed,
            "At least one of the pre-conditions you specified did not hold",
            extra: [("Condition", header)])
    }
}
