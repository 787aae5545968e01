import FoundationEssentials

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` [+ `AWS_ROLE_SESSION_NAME`]: the token file is
/// read on every load (it is rotated by the platform) and exchanged with STS
/// AssumeRoleWithWebIdentity, an unsigned call. Used by GitHub Actions OIDC and EKS.
public struct WebIdentityCredentialSource: CredentialSource {
    public var tokenFile: String
    public var roleArn: String
    public var sessionName: String
    public var sts: STSClient
    public var name: String { "web identity" }

    public init(tokenFile: String, roleArn: String, sessionName: String?, sts: STSClient) {
        self.tokenFile = tokenFile
        self.roleArn = roleArn
        self.sessionName = sessionName ?? "bops-\(Int(Date().timeIntervalSince1970))"
        self.sts = sts
    }

    /// The source the environment describes; `nil` when neither variable is set.
    public static func fromEnvironment(_ environment: AWSEnvironment, sts: STSClient) throws -> Self? {
        let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"]
        let role = environment["AWS_ROLE_ARN"]
        switch (file, role) {
        case (nil, nil):
            return nil
        case (let file?, let role?):
            return Self(
                tokenFile: environment.expand(file), roleArn: role,
                sessionName: environment["AWS_ROLE_SESSION_NAME"],
                sts: sts)
        case (nil, _):
            // AWS_ROLE_ARN alone is used by other tools; without a token file this source is off.
            return nil
        case (_, nil):
            throw CredentialError(
                source: "web identity", "AWS_WEB_IDENTITY_TOKEN_FILE is set without AWS_ROLE_ARN",
                hint: "set AWS_ROLE_ARN to the role to assume")
        }
    }

    public func load() async throws -> ResolvedCredentials? {
        let source = "web identity token file \(tokenFile) for role \(roleArn)"
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw CredentialError(
                source: source, "the token file cannot be read", hint: "check the path and permissions")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingWhitespaceAndNewlines()
        guard !token.isEmpty else { throw CredentialError(source: source, "the token file is empty") }
        do {
            let role = try await sts.assumeRoleWithWebIdentity(
                roleArn: roleArn, sessionName: sessionName, token: token)
            return role.resolved(source: source)
        } catch {
            throw CredentialError(source: source, "AssumeRoleWithWebIdentity failed: \(error)")
        }
    }
}
