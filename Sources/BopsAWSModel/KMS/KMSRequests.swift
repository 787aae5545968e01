import BopsPrimitives
import FoundationEssentials

/// Requests of KMS (model `kms/2014-11-01`, JSON 1.1 protocol) as botocore sends them: `POST /`
/// with `X-Amz-Target: TrentService.<Operation>`, `Content-Type: application/x-amz-json-1.1` and
/// the input members as a JSON object in the model's order (``KMSJSON``); signed for `kms`.
public enum KMSRequests {
    public static let contentType = "application/x-amz-json-1.1"
    public static let targetPrefix = "TrentService."
    /// The signing name.
    public static let service = "kms"

    /// `kms.REGION.amazonaws.com` (`.amazonaws.com.cn` in China).
    public static func host(region: String) -> String {
        "kms.\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : "")
    }

    public static func describeKey(keyId: String) -> HTTPRequestParts {
        parts("DescribeKey", [("KeyId", .string(keyId))])
    }

    public static func getKeyPolicy(keyId: String, policyName: String = "default") -> HTTPRequestParts {
        parts("GetKeyPolicy", [("KeyId", .string(keyId)), ("PolicyName", .string(policyName))])
    }

    public static func createKey(policy: String?, description: String?) -> HTTPRequestParts {
        parts(
            "CreateKey",
            [("Policy", policy.map { .string($0) }), ("Description", description.map { .string($0) })])
    }

    public static func putKeyPolicy(
        keyId: String, policy: String, policyName: String = "default"
    )
        -> HTTPRequestParts
    {
        parts(
            "PutKeyPolicy",
            [("KeyId", .string(keyId)), ("PolicyName", .string(policyName)), ("Policy", .string(policy))])
    }

    public static func disableKey(keyId: String) -> HTTPRequestParts {
        parts("DisableKey", [("KeyId", .string(keyId))])
    }

    public static func enableKey(keyId: String) -> HTTPRequestParts {
        parts("EnableKey", [("KeyId", .string(keyId))])
    }

    static func parts(_ operation: String, _ members: [(String, KMSJSON.Value?)]) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "POST", path: "/",
            headers: [
                HTTPField("x-amz-target", targetPrefix + operation), HTTPField("content-type", contentType),
            ],
            body: KMSJSON.object(members))
    }

    /// Whether `request` is a KMS call: `POST /` with a `TrentService.` target.
    public static func isKMSRequest(_ request: HTTPRequestParts) -> Bool {
        request.method == "POST" && request.path == "/"
            && (request.header("x-amz-target")?.hasPrefix(targetPrefix) ?? false)
    }

    /// The call `request` makes. Throws ``KMSRequestError``: `UnknownOperationException` for a
    /// target the emulator does not serve, `SerializationException` for a body that is not a JSON
    /// object, `ValidationException` for a missing or mistyped member.
    public static func read(_ request: HTTPRequestParts) throws(KMSRequestError) -> KMSRequest {
        let target = request.header("x-amz-target") ?? ""
        let operation = target.hasPrefix(targetPrefix) ? String(target.dropFirst(targetPrefix.count)) : target
        let body: [String: Any]
        if request.body.isEmpty {
            body = [:]
        } else {
            guard let object = try? JSONAny.parse(request.body) as? [String: Any]
            else {
                throw KMSRequestError(
                    "SerializationException", "Start of structure or map found where not expected.")
            }
            body = object
        }
        func string(_ name: String, required: Bool = true) throws(KMSRequestError) -> String? {
            switch body[name] {
            case nil, is JSONNull:
                if required {
                    throw KMSRequestError(
                        "ValidationException",
                        "1 validation error detected: Value null at '\(lowerFirst(name))' failed to satisfy constraint: Member must not be null"
                    )
                }
                return nil
            case let value as String: return value
            default: throw KMSRequestError("SerializationException", "\(name) must be a string")
            }
        }
        switch operation {
        case "CreateKey":
            return .createKey(
                policy: try string("Policy", required: false),
                description: try string("Description", required: false))
        case "DescribeKey": return .describeKey(keyId: try string("KeyId") ?? "")
        case "GetKeyPolicy":
            return .getKeyPolicy(
                keyId: try string("KeyId") ?? "",
                policyName: try string("PolicyName", required: false) ?? "default")
        case "PutKeyPolicy":
            return .putKeyPolicy(
                keyId: try string("KeyId") ?? "",
                policyName: try string("PolicyName", required: false) ?? "default",
                policy: try string("Policy") ?? "")
        case "DisableKey": return .disableKey(keyId: try string("KeyId") ?? "")
        case "EnableKey": return .enableKey(keyId: try string("KeyId") ?? "")
        default:
            throw KMSRequestError("UnknownOperationException", "The emulator does not serve KMS \(operation)")
        }
    }

    static func lowerFirst(_ s: String) -> String { s.prefix(1).lowercased() + s.dropFirst() }
}
