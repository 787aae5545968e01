import BopsPrimitives
import FoundationEssentials

/// KMS's answers (JSON 1.1): written by the emulator, read by the aws engine. Errors are
/// `{"__type": "<Code>", "message": "..."}` with HTTP 400, as KMS sends them.
public enum KMSResponses {
    /// CreateKey and DescribeKey: `{"KeyMetadata": {...}}`.
    public static func keyMetadataBody(_ m: KMSKeyMetadata) -> [UInt8] {
        KMSJSON.object([
            (
                "KeyMetadata",
                .object([
                    ("AWSAccountId", .string(m.awsAccountId)), ("KeyId", .string(m.keyId)),
                    ("Arn", .string(m.arn)),
                    ("CreationDate", .number(m.creationDate.timeIntervalSince1970.rounded())),
                    ("Enabled", .bool(m.enabled)), ("Description", .string(m.description)),
                    ("KeyUsage", .string(m.keyUsage)), ("KeyState", .string(m.keyState)),
                    ("Origin", .string(m.origin)), ("KeyManager", .string(m.keyManager)),
                    ("CustomerMasterKeySpec", .string(m.keySpec)), ("KeySpec", .string(m.keySpec)),
                    ("EncryptionAlgorithms", .strings(m.encryptionAlgorithms)),
                    ("MultiRegion", .bool(m.multiRegion)),
                ])
            )
        ])
    }

    /// GetKeyPolicy: the policy text and its name.
    public static func keyPolicyBody(policy: String, policyName: String = "default") -> [UInt8] {
        KMSJSON.object([("Policy", .string(policy)), ("PolicyName", .string(policyName))])
    }

    /// PutKeyPolicy, DisableKey, EnableKey: an empty body.
    public static let emptyBody: [UInt8] = []

    public static func errorBody(code: String, message: String) -> [UInt8] {
        KMSJSON.object([("__type", .string(code)), ("message", .string(message))])
    }

    /// The key metadata of a CreateKey or DescribeKey answer; `nil` when the body is not one.
    public static func keyMetadata(_ body: [UInt8]) -> KMSKeyMetadata? {
        guard let object = try? JSONAny.parse(body) as? [String: Any],
            let m = object["KeyMetadata"] as? [String: Any], let keyId = m["KeyId"] as? String,
            let arn = m["Arn"] as? String
        else { return nil }
        let state = m["KeyState"] as? String ?? ((m["Enabled"] as? Bool ?? false) ? "Enabled" : "Disabled")
        return KMSKeyMetadata(
            awsAccountId: m["AWSAccountId"] as? String ?? "", keyId: keyId, arn: arn,
            creationDate: Date(timeIntervalSince1970: JSONAny.double(m["CreationDate"]) ?? 0),
            description: m["Description"] as? String ?? "", keyState: state)
    }

    /// The policy of a GetKeyPolicy answer.
    public static func keyPolicy(_ body: [UInt8]) -> String? {
        (try? JSONAny.parse(body) as? [String: Any])?["Policy"] as? String
    }

    /// The code and message of an error answer. The code is `__type` without a namespace prefix
    /// (`com.amazonaws.kms#NotFoundException`) as botocore reads it; `nil` when the body has none.
    public static func error(_ body: [UInt8]) -> (code: String, message: String)? {
        guard let object = try? JSONAny.parse(body) as? [String: Any],
            let type = object["__type"] as? String
        else { return nil }
        let code = String(type.split(separator: "#").last ?? Substring(type))
        return (code, object["message"] as? String ?? object["Message"] as? String ?? "")
    }
}
