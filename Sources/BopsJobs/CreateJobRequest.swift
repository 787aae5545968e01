/// A CreateJob request (`CreateJobRequest`).
///
/// AWS rules an engine enforces: `accountId` is 12 digits; `roleArn` matches
/// `arn:<partition>:iam::<12 digits>:role/<name>`; `priority` is 0...2147483647;
/// `clientRequestToken` is 1...64 characters; `description` 1...256; exactly one of `manifest`
/// and `manifestGenerator`; `report.bucket` is required when the report is enabled. Always send
/// `confirmationRequired` explicitly: AWS treats a missing value as `true`.
///
/// Idempotency: the same `clientRequestToken` with the same request answers the job created first;
/// the same token with a different request is refused with `IdempotencyException`.
public struct CreateJobRequest: Codable, Sendable, Hashable {
    public var accountId: String
    public var confirmationRequired: Bool?
    public var operation: JobOperation
    public var report: JobReport
    public var clientRequestToken: String
    public var manifest: JobManifest?
    public var description: String?
    public var priority: Int
    public var roleArn: String
    public var tags: [S3Tag]?
    public var manifestGenerator: JobManifestGenerator?

    public init(
        accountId: String, confirmationRequired: Bool?, operation: JobOperation, report: JobReport,
        clientRequestToken: String, manifest: JobManifest? = nil, description: String? = nil, priority: Int,
        roleArn: String, tags: [S3Tag]? = nil, manifestGenerator: JobManifestGenerator? = nil
    ) {
        self.accountId = accountId
        self.confirmationRequired = confirmationRequired
        self.operation = operation
        self.report = report
        self.clientRequestToken = clientRequestToken
        self.manifest = manifest
        self.description = description
        self.priority = priority
        self.roleArn = roleArn
        self.tags = tags
        self.manifestGenerator = manifestGenerator
    }

    enum CodingKeys: String, CodingKey {
        case accountId = "account_id"
        case confirmationRequired = "confirmation_required"
        case operation
        case report
        case clientRequestToken = "client_request_token"
        case manifest
        case description
        case priority
        case roleArn = "role_arn"
        case tags
        case manifestGenerator = "manifest_generator"
    }
}

/// What a job does and to which objects: every member of CreateJob but the account, the client
/// token, the priority and the tags. A spec decides these; the planner adds the other four, each
/// decided in one place (``CreateJobRequest/init(_:accountId:clientRequestToken:priority:tags:)``).
public struct JobDefinition: Codable, Sendable, Hashable {
    public var confirmationRequired: Bool?
    public var operation: JobOperation
    public var report: JobReport
    public var manifest: JobManifest?
    public var manifestGenerator: JobManifestGenerator?
    public var description: String?
    public var roleArn: String

    public init(
        confirmationRequired: Bool?, operation: JobOperation, report: JobReport, manifest: JobManifest? = nil,
        manifestGenerator: JobManifestGenerator? = nil, description: String? = nil, roleArn: String
    ) {
        self.confirmationRequired = confirmationRequired
        self.operation = operation
        self.report = report
        self.manifest = manifest
        self.manifestGenerator = manifestGenerator
        self.description = description
        self.roleArn = roleArn
    }

    enum CodingKeys: String, CodingKey {
        case confirmationRequired = "confirmation_required"
        case operation, report, manifest, description
        case manifestGenerator = "manifest_generator"
        case roleArn = "role_arn"
    }
}

extension CreateJobRequest {
    /// The request of `definition` in `accountId`, with the token, priority and tags it is sent with.
    public init(
        _ definition: JobDefinition, accountId: String, clientRequestToken: String, priority: Int,
        tags: [S3Tag]?
    ) {
        self.init(
            accountId: accountId, confirmationRequired: definition.confirmationRequired,
            operation: definition.operation, report: definition.report,
            clientRequestToken: clientRequestToken,
            manifest: definition.manifest, description: definition.description, priority: priority,
            roleArn: definition.roleArn, tags: tags, manifestGenerator: definition.manifestGenerator)
    }

    /// The definition part of this request.
    public var definition: JobDefinition {
        JobDefinition(
            confirmationRequired: confirmationRequired, operation: operation, report: report,
            manifest: manifest,
            manifestGenerator: manifestGenerator, description: description, roleArn: roleArn)
    }
}
