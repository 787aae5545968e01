import BopsJobs
import BopsPrimitives
import FoundationEssentials

/// Reading the local engine's JSON records, including those written before bops's own files
/// moved to snake_case keys (job files and bucket logs had AWS's PascalCase and Swift's camelCase
/// keys then).
///
/// A record that does not decode as it is gets its keys rewritten to snake_case (user metadata
/// names excepted: they are data) and is decoded again; a job file's request fingerprint is
/// rewritten the same way, so an idempotent retry still matches. A record that decodes neither
/// way throws an error naming the file and what to do.
enum RecordFormat {
    static func decode<T: Decodable>(
        _ type: T.Type, from data: Data, decoder: JSONDecoder, file: String
    ) throws -> T {
        do {
            return try decoder.decode(type, from: data)
        } catch let current {
            guard let object = try? JSONAny.parse(data),
                let upgraded = try? Data(JSONAny.serialize(snakeKeys(object))),
                let value = try? decoder.decode(type, from: upgraded)
            else {
                throw EngineError.internalError(
                    "local engine: cannot read \(file): \(current) (hint: the file was not written by this"
                        + " version of bops; move the local engine folder aside and run `bops apply` again)")
            }
            return value
        }
    }

    /// A job file: as ``decode(_:from:decoder:file:)``, and an old-format fingerprint is rewritten.
    static func jobRecord(_ data: Data, file: String) throws -> JobRecord {
        var record = try decode(JobRecord.self, from: data, decoder: JobJSON.decoder, file: file)
        let fingerprint = Data(record.requestFingerprint.utf8)
        if (try? JobJSON.decoder.decode(CreateJobRequest.self, from: fingerprint)) == nil,
            let request = try? decode(
                CreateJobRequest.self, from: fingerprint, decoder: JobJSON.decoder, file: file),
            let rewritten = try? JobJSON.fingerprint(request)
        {
            record.requestFingerprint = rewritten
        }
        return record
    }

    static func snakeKeys(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, child) in object {
                let name = snakeCase(key)
                out[name] = name == "user_metadata" ? child : snakeKeys(child)
            }
            return out
        }
        if let array = value as? [Any] { return array.map(snakeKeys) }
        return value
    }

    /// `SSEAwsKmsKeyId` -> `sse_aws_kms_key_id`, `ETag` -> `e_tag`, `versionId` -> `version_id`;
    /// a snake_case name stays as it is.
    static func snakeCase(_ name: String) -> String {
        let chars = Array(name)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase && i > 0 {
                let previous = chars[i - 1]
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next.isLowercase) {
                    out.append("_")
                }
            }
            out += c.lowercased()
        }
        return out
    }
}
