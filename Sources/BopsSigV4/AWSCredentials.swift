/// A set of AWS credentials used to sign requests.
///
/// Invariant: the secret access key and the session token never appear in `description`,
/// `debugDescription` or a reflected mirror (`dump`, `String(reflecting:)`), so a value can be
/// interpolated into logs and errors without leaking secrets. Only the access key id is shown,
/// and only its first four characters.
public struct AWSCredentials: Sendable, Equatable {
    /// The access key id (`AKIA...` for long-term keys, `ASIA...` for temporary ones).
    public let accessKeyId: String
    /// The secret access key. Never printed.
    public let secretAccessKey: String
    /// The session token of temporary credentials, `nil` for long-term keys. Never printed.
    public let sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The access key id shortened to its first four characters, for messages.
    public var maskedAccessKeyId: String {
        guard accessKeyId.count > 4 else { return String(repeating: "*", count: accessKeyId.count) }
        return String(accessKeyId.prefix(4)) + "****"
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let token = sessionToken == nil ? "none" : "<redacted>"
        return "AWSCredentials(accessKeyId: \(maskedAccessKeyId), secretAccessKey: <redacted>, "
            + "sessionToken: \(token))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyId": maskedAccessKeyId,
                "secretAccessKey": "<redacted>",
                "sessionToken": sessionToken == nil ? "none" : "<redacted>",
            ],
            displayStyle: .struct
        )
    }
}
