import BopsAWSModel
public import BopsJobs
public import BopsState
import Crypto
import FoundationEssentials

/// The S3 state backend's object calls over the aws engine's S3 client: the same SigV4 signing,
/// credential chain, retries and endpoints (`AWS_ENDPOINT_URL_S3`) as every other S3 call, whatever
/// engine runs the jobs.
///
/// Invariants: every PutObject carries `Content-MD5`, and SSE-KMS headers when `kmsKeyId` is set;
/// 412 and 409 answers become ``ConditionalStoreError/preconditionFailed`` and
/// ``ConditionalStoreError/conflict``; answers worth retrying (5xx, throttling) and failures below
/// HTTP become ``ConditionalStoreError/unavailable(_:)`` once the engine's own retries are spent.
public struct S3ConditionalClient: ConditionalObjectStore {
    public let engine: AWSEngine
    public let kmsKeyId: String?

    public init(engine: AWSEngine, kmsKeyId: String? = nil) {
        self.engine = engine
        self.kmsKeyId = kmsKeyId
    }

    public func get(bucket: String, key: String) async throws(ConditionalStoreError) -> StoredObject? {
        let response = try await call {
            try await engine.s3("GetObject", bucket: bucket) { addressing in
                S3Requests.getObject(bucket: bucket, key: key, addressing: addressing)
            }
        }
        if response.status == 404, AWSErrors.engineError(response).code == EngineError.noSuchKey {
            return nil
        }
        guard response.isSuccess else { throw Self.classify(AWSErrors.engineError(response)) }
        guard let eTag = response.header("ETag") else {
            throw .failed("GetObject s3://\(bucket)/\(key): the answer has no ETag header")
        }
        return StoredObject(body: response.body, eTag: eTag)
    }

    public func put(
        bucket: String, key: String, body: [UInt8], condition: WriteCondition
    ) async throws(ConditionalStoreError) -> String {
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        let wire: ConditionalWrites.Condition
        switch condition {
        case .absent: wire = .absent
        case .matches(let eTag): wire = .matches(eTag)
        }
        let response = try await call {
            try await engine.s3("PutObject", bucket: bucket) { addressing in
                ConditionalWrites.putObject(
                    bucket: bucket, key: key, body: body, condition: wire, kmsKeyId: kmsKeyId,
                    contentMD5: md5, addressing: addressing)
            }
        }
        switch try outcome(response, "PutObject") {
        case .done(let eTag?): return eTag
        case .done(nil): throw .failed("PutObject s3://\(bucket)/\(key): the answer has no ETag header")
        case .preconditionFailed: throw .preconditionFailed
        case .conflict: throw .conflict
        case .notFound: throw .preconditionFailed
        }
    }

    public func delete(bucket: String, key: String, ifMatch: String?) async throws(ConditionalStoreError) {
        let response = try await call {
            try await engine.s3("DeleteObject", bucket: bucket) { addressing in
                ConditionalWrites.deleteObject(
                    bucket: bucket, key: key, ifMatch: ifMatch, addressing: addressing)
            }
        }
        switch try outcome(response, "DeleteObject") {
        case .done: return
        case .preconditionFailed: throw .preconditionFailed
        case .conflict: throw .conflict
        case .notFound:
            if ifMatch == nil { return }
            throw .notFound
        }
    }

    public func versioning(bucket: String) async throws(ConditionalStoreError) -> VersioningStatus? {
        do {
            return try await engine.bucketVersioning(bucket: bucket)
        } catch {
            throw Self.classify(error)
        }
    }

    /// ListObjectsV2 through the engine's S3 client, every page.
    public func list(bucket: String, prefix: String) async throws(ConditionalStoreError) -> [ListedObject] {
        do {
            return try await engine.listObjects(bucket: bucket, prefix: prefix).map {
                ListedObject(key: $0.key, eTag: $0.eTag, size: Int($0.size))
            }
        } catch {
            throw Self.classify(error)
        }
    }

    private func call(
        _ body: () async throws -> HTTPResponseParts
    ) async throws(ConditionalStoreError) -> HTTPResponseParts {
        do {
            return try await body()
        } catch {
            throw Self.classify(error)
        }
    }

    private func outcome(
        _ response: HTTPResponseParts, _ operation: String
    ) throws(ConditionalStoreError) -> ConditionalWrites.Outcome {
        do {
            return try ConditionalWrites.outcome(response, operation: operation)
        } catch {
            throw Self.classify(error)
        }
    }

    /// Transport failures and retryable answers are `unavailable`; the rest `failed`.
    static func classify(_ error: any Error) -> ConditionalStoreError {
        if let error = error as? ConditionalStoreError { return error }
        if let error = error as? TransportError { return .unavailable(error.description) }
        if let error = error as? EngineError {
            let outcome = AttemptOutcome.response(
                status: error.httpStatus ?? 0, errorCode: error.code, retryAfter: nil)
            if RetryPolicy.standard.isRetryable(outcome) { return .unavailable(error.description) }
            return .failed(error.description)
        }
        return .failed("\(error)")
    }
}
