import BopsEncoding
import BopsPrimitives
import FoundationEssentials

/// The S3 Batch Operations invocation contract, both directions: the event a function receives for
/// one task and the response it answers with.
///
/// Event (schema 1.0): `{"invocationSchemaVersion":"1.0","invocationId":...,"job":{"id":...},
/// "tasks":[{"taskId":...,"s3Key":...,"s3VersionId":...|null,"s3BucketArn":"arn:aws:s3:::BUCKET"}]}`.
/// Schema 2.0 names the bucket (`s3Bucket`) instead of its ARN and carries `job.userArguments`
/// (an empty object when the job has none). `s3Key` is URL-encoded, as S3 sends it (decode it with
/// `urllib.parse.unquote_plus`). One task per invocation, as S3 does.
///
/// Response: `{"invocationSchemaVersion":...,"treatMissingKeysAs":...,"invocationId":...,
/// "results":[{"taskId":...,"resultCode":"Succeeded"|"TemporaryFailure"|"PermanentFailure",
/// "resultString":...}]}`; a task without a result takes `treatMissingKeysAs` (default
/// `PermanentFailure`).
enum LambdaInvocation {
    enum ResultCode: String, Sendable, CaseIterable {
        case succeeded = "Succeeded"
        case temporaryFailure = "TemporaryFailure"
        case permanentFailure = "PermanentFailure"
    }

    /// One task's answer.
    struct Answer: Sendable, Equatable {
        var code: ResultCode
        var resultString: String
        /// True when the response had no result for the task (`treatMissingKeysAs` applied).
        var missing: Bool = false
    }

    struct InvalidResponse: Error, Equatable {
        var reason: String
    }

    static func event(
        schemaVersion: String, invocationId: String, jobId: String, userArguments: [String: String]?,
        taskId: String, row: TaskRow
    ) -> [UInt8] {
        let version = row.versionId.map(JSONText.string) ?? "null"
        let key = URIEncoding.encode(row.key, keepSlash: true)
        var job = "{\"id\":" + JSONText.string(jobId)
        var task = "{\"taskId\":" + JSONText.string(taskId)
        if schemaVersion == "2.0" {
            job += ",\"userArguments\":" + JSONText.object(userArguments ?? [:])
            task +=
                ",\"s3Bucket\":" + JSONText.string(row.bucket) + ",\"s3Key\":" + JSONText.string(key)
                + ",\"s3VersionId\":" + version
        } else {
            task +=
                ",\"s3Key\":" + JSONText.string(key) + ",\"s3VersionId\":" + version + ",\"s3BucketArn\":"
                + JSONText.string("arn:aws:s3:::" + row.bucket)
        }
        let text =
            "{\"invocationSchemaVersion\":" + JSONText.string(schemaVersion) + ",\"invocationId\":"
            + JSONText.string(invocationId) + ",\"job\":" + job + "},\"tasks\":[" + task + "}]}"
        return Array(text.utf8)
    }

    /// The answer for `taskId` in a response's bytes.
    static func answer(_ bytes: [UInt8], taskId: String) throws(InvalidResponse) -> Answer {
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespaceAndNewlines()
        guard !text.isEmpty else {
            throw InvalidResponse(reason: "the handler printed nothing on standard output")
        }
        let parsed: Any
        do {
            parsed = try JSONAny.parse(Array(text.utf8))
        } catch {
            throw InvalidResponse(reason: "its standard output is not JSON: " + excerpt(text))
        }
        guard let response = parsed as? [String: Any] else {
            throw InvalidResponse(reason: "its standard output is not a JSON object: " + excerpt(text))
        }
        var missingAs = ResultCode.permanentFailure
        if let value = response["treatMissingKeysAs"] {
            guard let name = value as? String, let code = ResultCode(rawValue: name) else {
                throw InvalidResponse(reason: "treatMissingKeysAs must be \(codes), got \(describe(value))")
            }
            missingAs = code
        }
        guard let results = response["results"] as? [Any] else {
            throw InvalidResponse(reason: "the response has no results array")
        }
        for item in results {
            guard let result = item as? [String: Any] else {
                throw InvalidResponse(reason: "a result is not an object: \(describe(item))")
            }
            guard result["taskId"] as? String == taskId else { continue }
            guard let name = result["resultCode"] as? String, let code = ResultCode(rawValue: name) else {
                throw InvalidResponse(
                    reason: "resultCode must be \(codes), got \(describe(result["resultCode"] ?? "nothing"))")
            }
            let resultString: String
            switch result["resultString"] {
            case nil, is JSONNull: resultString = ""
            case let s as String: resultString = s
            case let other?:
                throw InvalidResponse(reason: "resultString must be a string, got \(describe(other))")
            }
            return Answer(code: code, resultString: resultString)
        }
        return Answer(code: missingAs, resultString: "", missing: true)
    }

    static let codes = ResultCode.allCases.map(\.rawValue).joined(separator: ", ")

    static func describe(_ value: Any) -> String {
        if let s = value as? String { return "'\(s)'" }
        if let data = try? JSONAny.serialize(value) {
            return excerpt(String(decoding: data, as: UTF8.self))
        }
        return "\(value)"
    }

    static func excerpt(_ text: String) -> String {
        text.count <= 120 ? text : String(text.prefix(120)) + "..."
    }

    /// An opaque identifier like S3's (`dGFza2lkZ29lc2hlcmUK`): random bytes in base64.
    static func identifier() -> String {
        let uuid = UUID().uuid
        let bytes = withUnsafeBytes(of: uuid) { Array($0) }
        return Data(bytes).base64EncodedString().replacing("=", with: "")
    }
}

/// Minimal JSON text for the events: strings escaped as RFC 8259 requires, objects sorted by key.
enum JSONText {
    static func string(_ s: String) -> String { jsonStringLiteral(s) }

    static func object(_ m: [String: String]) -> String {
        "{"
            + m.sorted { $0.key < $1.key }.map { string($0.key) + ":" + string($0.value) }.joined(
                separator: ",")
            + "}"
    }
}
