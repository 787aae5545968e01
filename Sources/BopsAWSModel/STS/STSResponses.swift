public import FoundationEssentials

/// Temporary credentials from STS. `description` never shows the secret or the session token.
public struct STSCredentials: Sendable, Hashable, CustomStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String
    public var expiration: Date

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String, expiration: Date) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String {
        "STSCredentials(accessKeyId: \(accessKeyId), expiration: \(AWSTimestamp.iso8601(expiration)))"
    }
}

/// Who the caller is (`GetCallerIdentityResult`).
public struct CallerIdentity: Sendable, Hashable {
    public var account: String
    public var arn: String
    public var userId: String

    public init(account: String, arn: String, userId: String) {
        self.account = account
        self.arn = arn
        self.userId = userId
    }
}

/// An assumed role's credentials and identity (`AssumeRoleResult`,
/// `AssumeRoleWithWebIdentityResult`).
public struct AssumedRole: Sendable, Hashable {
    public var credentials: STSCredentials
    public var assumedRoleArn: String?
    public var assumedRoleId: String?

    public init(credentials: STSCredentials, assumedRoleArn: String?, assumedRoleId: String?) {
        self.credentials = credentials
        self.assumedRoleArn = assumedRoleArn
        self.assumedRoleId = assumedRoleId
    }

    /// The account of the assumed role, from its ARN (`arn:aws:sts::123456789012:assumed-role/...`).
    public var account: String? {
        guard let arn = assumedRoleArn else { return nil }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 6 && !parts[4].isEmpty ? String(parts[4]) : nil
    }
}

/// Parsers of STS query-protocol answers (`<XResponse><XResult>...</XResult>...</XResponse>`).
public enum STSResponses {
    public static func getCallerIdentity(_ response: HTTPResponseParts) throws -> CallerIdentity {
        let result = try result(response, "GetCallerIdentity")
        return CallerIdentity(
            account: try result.required("Account"), arn: try result.required("Arn"),
            userId: try result.required("UserId"))
    }

    public static func assumeRole(_ response: HTTPResponseParts) throws -> AssumedRole {
        try assumed(try result(response, "AssumeRole"))
    }

    public static func assumeRoleWithWebIdentity(_ response: HTTPResponseParts) throws -> AssumedRole {
        try assumed(try result(response, "AssumeRoleWithWebIdentity"))
    }

    static func result(_ response: HTTPResponseParts, _ operation: String) throws -> ShapeReader {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: operation + "Response", operation: operation)
        guard let result = root.child(operation + "Result") else {
            throw root.error(operation + "Result", "required member is missing")
        }
        return result
    }

    static func assumed(_ result: ShapeReader) throws -> AssumedRole {
        guard let c = result.child("Credentials") else {
            throw result.error("Credentials", "required member is missing")
        }
        guard let expiration = try c.date("Expiration") else {
            throw c.error("Expiration", "required member is missing")
        }
        let user = result.child("AssumedRoleUser")
        return AssumedRole(
            credentials: STSCredentials(
                accessKeyId: try c.required("AccessKeyId"),
                secretAccessKey: try c.required("SecretAccessKey"),
                sessionToken: try c.required("SessionToken"), expiration: expiration),
            assumedRoleArn: user?.string("Arn"), assumedRoleId: user?.string("AssumedRoleId"))
    }
}
