import BopsIAM
import BopsJobs

/// What a job's role may do, as S3 decides it: the role's identity policies (an undeclared role's
/// allow everything) together with the policy of the bucket a resource is in, by
/// ``ResourcePolicyEvaluation`` (an explicit deny in either denies; across accounts both must allow).
struct JobAccess: Sendable {
    let engine: LocalEngine
    let store: LocalStore
    let principal: RequestPrincipal
    let identity: [NamedPolicy]

    /// The session the job acts as (`arn:aws:sts::ACCOUNT:assumed-role/NAME/s3-batch-operations`).
    var session: String { principal.session ?? principal.identifier }

    static let allowAll = NamedPolicy(
        name: "undeclared role",
        document: PolicyDocument(statements: [
            PolicyStatement(effect: .allow, action: .matching(["*"]), resource: .matching(["*"]))
        ]))

    init(engine: LocalEngine, roleArn: String, role: LocalRole?) throws {
        self.engine = engine
        self.store = engine.store
        self.principal = .role(roleArn)
        self.identity = try role.map { try LocalEngine.policies(of: $0) } ?? [Self.allowAll]
    }

    /// The decision on `action` over `resource` (an S3 bucket or object ARN, or any other ARN, which
    /// has no bucket policy).
    func decide(_ action: String, _ resource: String) throws -> ResourcePolicyEvaluation.Outcome {
        var bucketPolicy: NamedPolicy?
        var owner: String?
        if let bucket = S3ARN.bucket(resource) ?? S3ARN.object(resource)?.bucket,
            let info = try store.bucketInfo(bucket)
        {
            owner = info.owner
            bucketPolicy = try info.policy.map { try LocalStore.bucketPolicyDocument($0, bucket: bucket) }
        }
        return ResourcePolicyEvaluation.evaluate(
            AccessRequest(action: action, resource: resource, principal: principal),
            identity: identity, resource: bucketPolicy, resourceAccount: owner)
    }
}
