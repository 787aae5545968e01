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
