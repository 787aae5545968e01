import BopsAWSModel
import BopsPrimitives
import BopsSigV4
import FoundationEssentials

/// Reads the JSON credential documents of `credential_process`, the container endpoint and IMDS.
enum CredentialJSON {
    /// Parses `bytes` as a JSON object; `keyNames` maps the three roles to the document's member
    /// names (the token member differs between sources).
    static func parse(
        _ bytes: [UInt8], source: String, tokenKey: String, requireVersion: Bool = false
    ) throws -> ResolvedCredentials {
        let object: [String: Any]
        do {
            guard let parsed = try JSONAny.parse(bytes) as? [String: Any] else {
                throw CredentialError(source: source, "the answer is not a JSON object")
            }
            object = parsed
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError(source: source, "the answer is not JSON (\(bytes.count) bytes)")
        }
        if requireVersion {
            guard let version = object["Version"] as? Int, version == 1 else {
                throw CredentialError(
                    source: source, "Version must be 1",
                    hint: "print {\"Version\": 1, \"AccessKeyId\": ..., ...}")
            }
        }
        func string(_ key: String) -> String? { (object[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        guard let key = string("AccessKeyId") else {
            throw CredentialError(source: source, "AccessKeyId is missing")
        }
        guard let secret = string("SecretAccessKey") else {
            throw CredentialError(source: source, "SecretAccessKey is missing")
        }
        var expiration: Date?
        if let text = string("Expiration") {
            guard let date = AWSTimestamp.parse(text) else {
                throw CredentialError(source: source, "Expiration '\(text)' is not an ISO 8601 time")
            }
            expiration = date
        }
        return ResolvedCredentials(
            credentials: AWSCredentials(
                accessKeyId: key, secretAccessKey: secret, sessionToken: string(tokenKey)),
            expiration: expiration, source: source)
    }
}
