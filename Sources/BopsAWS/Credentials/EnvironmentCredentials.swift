import BopsSigV4

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, for temporary keys, `AWS_SESSION_TOKEN`
/// (or the older `AWS_SECURITY_TOKEN`). One of the pair without the other is an error.
public struct EnvironmentCredentialSource: CredentialSource {
    public var environment: AWSEnvironment
    public var name: String { "environment" }

    public init(environment: AWSEnvironment) {
        self.environment = environment
    }

    public func load() async throws -> ResolvedCredentials? {
        let key = environment["AWS_ACCESS_KEY_ID"]
        let secret = environment["AWS_SECRET_ACCESS_KEY"]
        switch (key, secret) {
        case (nil, nil):
            return nil
        case (let key?, let secret?):
            let token = environment.first("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")
            return ResolvedCredentials(
                credentials: AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token),
                source: "environment variables (AWS_ACCESS_KEY_ID)")
        case (nil, _):
            throw CredentialError(
                source: "environment variables", "AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID",
                hint: "set both, or neither")
        case (_, nil):
            throw CredentialError(
                source: "environment variables", "AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY",
                hint: "set both, or neither")
        }
    }
}
