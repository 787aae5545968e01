import BopsSigV4
import FoundationEssentials

/// Credentials of a profile of the shared files, in botocore's order for one profile:
/// `role_arn` (AssumeRole with the credentials of `source_profile`, or of `credential_source`
/// `Environment` / `EcsContainer` / `Ec2InstanceMetadata`, or a `web_identity_token_file`), then
/// static keys (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`), then
/// `credential_process`.
///
/// Invariants: a `source_profile` chain is followed at most 5 deep and a cycle is an error (a
/// profile may name itself as source when it has static keys); a profile named by `AWS_PROFILE`
/// that exists in neither file is an error; the default profile missing is not.
public struct ProfileCredentialSource: CredentialSource {
    public var config: SharedConfig
    public var environment: AWSEnvironment
    public var sts: STSClient
    public var transport: any HTTPTransport
    public var name: String { "shared config profile" }

    public init(
        config: SharedConfig, environment: AWSEnvironment, sts: STSClient, transport: any HTTPTransport
    ) {
        self.config = config
        self.environment = environment
        self.sts = sts
        self.transport = transport
    }

    public func load() async throws -> ResolvedCredentials? {
        guard config.profile(config.profileName) != nil else {
            if config.profileWasNamed {
                throw CredentialError(
                    source: "profile '\(config.profileName)'",
                    "the profile is in neither \(config.configPath) nor \(config.credentialsPath)",
                    hint: "check AWS_PROFILE, or add [profile \(config.profileName)] to the config file")
            }
            return nil
        }
        return try await resolve(config.profileName, visited: [], top: true)
    }

    func resolve(_ name: String, visited: [String], top: Bool) async throws -> ResolvedCredentials? {
        let label = "profile '\(name)'"
        guard let profile = config.profile(name) else {
            throw CredentialError(
                source: "profile '\(visited.last ?? name)'", "source_profile '\(name)' does not exist",
                hint:
                    "add [profile \(name)] to \(config.configPath) or [\(name)] to \(config.credentialsPath)")
        }
        if let roleArn = profile["role_arn"] {
            guard visited.count < 5 else {
                throw CredentialError(
                    source: label,
                    "source_profile chain deeper than 5: \((visited + [name]).joined(separator: " -> "))")
            }
            let base = try await roleBase(name, profile, visited: visited)
            let source = "assume role \(roleArn) via \(label) (\(base.source))"
            let sessionName = profile["role_session_name"] ?? "bops-\(Int(Date().timeIntervalSince1970))"
            var duration: Int?
            if let text = profile["duration_seconds"] {
                guard let value = Int(text) else {
                    throw CredentialError(source: label, "duration_seconds '\(text)' is not a number")
                }
                duration = value
            }
            do {
                let role = try await sts.assumeRole(
                    credentials: base.credentials, roleArn: roleArn, sessionName: sessionName,
                    externalId: profile["external_id"], durationSeconds: duration)
                return role.resolved(source: source)
            } catch {
                throw CredentialError(source: source, "AssumeRole failed: \(error)")
            }
        }
        if let statics = try staticKeys(name, profile) { return statics }
        if let command = profile["credential_process"] {
            return try await ProcessCredentialSource(command: command, profile: name).load()
        }
        if top { return nil }
        throw CredentialError(
            source: label, "the profile has no credentials",
            hint: "give it aws_access_key_id and aws_secret_access_key, credential_process, or role_arn")
    }

    func roleBase(
        _ name: String, _ profile: [String: String], visited: [String]
    ) async throws -> ResolvedCredentials {
        let label = "profile '\(name)'"
        if let sourceProfile = profile["source_profile"] {
            if sourceProfile == name {
                guard let statics = try staticKeys(name, profile) else {
                    throw CredentialError(
                        source: label, "source_profile names the profile itself, which has no keys")
                }
                return statics
            }
            guard !visited.contains(sourceProfile) else {
                throw CredentialError(
                    source: label,
                    "source_profile cycle: \((visited + [name, sourceProfile]).joined(separator: " -> "))")
            }
            guard let base = try await resolve(sourceProfile, visited: visited + [name], top: false) else {
                throw CredentialError(source: label, "source_profile '\(sourceProfile)' has no credentials")
            }
            return base
        }
        if let credentialSource = profile["credential_source"] {
            let found: ResolvedCredentials?
            switch credentialSource {
            case "Environment":
                found = try await EnvironmentCredentialSource(environment: environment).load()
            case "EcsContainer":
                found = try await ContainerCredentialSource.fromEnvironment(
                    environment, transport: transport)?.load()
            case "Ec2InstanceMetadata":
                found = try await InstanceMetadataCredentialSource.fromEnvironment(
                    environment, transport: transport)?
                    .load()
            default:
                throw CredentialError(
                    source: label, "unknown credential_source '\(credentialSource)'",
                    hint: "use Environment, EcsContainer or Ec2InstanceMetadata")
            }
            guard let found else {
                throw CredentialError(
                    source: label, "credential_source \(credentialSource) gave no credentials")
            }
            return found
        }
        if let tokenFile = profile["web_identity_token_file"], let roleArn = profile["role_arn"] {
            let source = WebIdentityCredentialSource(
                tokenFile: environment.expand(tokenFile), roleArn: roleArn,
                sessionName: profile["role_session_name"],
                sts: sts)
            if let found = try await source.load() { return found }
        }
        throw CredentialError(
            source: label, "role_arn needs source_profile or credential_source",
            hint: "add source_profile = NAME of a profile with keys")
    }

    func staticKeys(_ name: String, _ profile: [String: String]) throws -> ResolvedCredentials? {
        let key = profile["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = profile["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        let inCredentialsFile = config.credentialProfiles[name]?["aws_access_key_id"] != nil
        let file = inCredentialsFile ? config.credentialsPath : config.configPath
        switch (key, secret) {
        case (nil, nil):
            return nil
        case (let key?, let secret?):
            let token = profile["aws_session_token"] ?? profile["aws_security_token"]
            return ResolvedCredentials(
                credentials: AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token),
                source: "profile '\(name)' in \(file)")
        default:
            throw CredentialError(
                source: "profile '\(name)' in \(file)",
                "aws_access_key_id and aws_secret_access_key go together",
                hint: "set both keys in the profile")
        }
    }
}
