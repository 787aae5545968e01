import BopsIAM
import BopsJobs
import Foundation

/// A job runs as its role, as on AWS, when the role is declared on the local engine (see
/// `RoleStore.swift`); an undeclared role allows everything.
///
/// - Preparation fails when the trust policy does not let `batchoperations.s3.amazonaws.com` call
///   `sts:AssumeRole`, or when the role may not read the manifest (AWS's reason "Reading the manifest
///   is forbidden: AccessDenied").
/// - Each task checks what it does (the permissions ``JobPermissions`` lists for the job, on the
///   task's own object) and fails with `AccessDenied` (403) in the completion report when one is
///   denied, worded as S3 words it; the failure threshold (`JobRunner.swift`) then applies as to any
///   failed task.
/// - The completion report is not written when the role may not put it.
extension LocalEngine {
    /// The failure code of a job whose role cannot be assumed or may not read the manifest.
    public static let roleAccessDenied = "AccessDenied"

    /// Why the job cannot start as its role, or `nil` when it can (or the role is undeclared).
    func roleFailureAtPreparation(_ record: JobRecord) throws -> JobFailure? {
        guard let roleArn = record.job.roleArn, let role = try lookUp(roleArn) else { return nil }
        guard try trustsBatchOperations(role, jobArn: record.job.jobArn) else {
            return JobFailure(
                failureCode: Self.roleAccessDenied,
                failureReason: String(
                    ("Unable to assume role \(role.arn): its trust policy does not allow "
                        + "\(BatchOperationsTrust.service) to call sts:AssumeRole").prefix(256)))
        }
        let policies = try Self.policies(of: role)
        let needs = JobPermissions.needed(for: Self.request(of: record), region: options.region)
        for need in needs where need.origin == .manifest || need.origin == .manifestOutput {
            let outcome = PolicyEvaluator.evaluate(
                AccessRequest(action: need.permission.action, resource: need.permission.resource),
                policies: policies)
            if outcome.decision != .allowed {
                return JobFailure(
                    failureCode: Self.roleAccessDenied,
                    failureReason: need.origin == .manifest
                        ? "Reading the manifest is forbidden: AccessDenied"
                        : "Writing the generated manifest is forbidden: AccessDenied")
            }
        }
        return nil
    }

    /// Ends a preparing job `Failed` with `failure`.
    func failPreparation(_ id: String, _ failure: JobFailure) throws {
        try mutate(id) { r in
            guard r.job.status == .preparing else { return }
            r.fail([failure], at: clock())
        }
    }

    /// Throws `AccessDenied` when the job's declared role may not write its completion report.
    func checkReportAllowed(_ job: JobDescriptor, accountId: String) throws {
        guard job.report?.enabled == true, let roleArn = job.roleArn, let role = try lookUp(roleArn) else {
            return
        }
        let record = JobRecord(
            accountId: accountId, clientRequestToken: "", requestFingerprint: "", tags: [], job: job)
        let policies = try Self.policies(of: role)
        for need in JobPermissions.needed(for: Self.request(of: record), region: options.region)
        where need.origin == .report {
            let outcome = PolicyEvaluator.evaluate(
                AccessRequest(action: need.permission.action, resource: need.permission.resource),
                policies: policies)
            if outcome.decision != .allowed {
                throw EngineError(
                    code: Self.roleAccessDenied,
                    message:
                        "The job report could not be written to your report bucket. Please check your permissions.",
                    httpStatus: 403)
            }
        }
    }

    /// `executor`, checking each task against the job's declared role; `executor` itself when the
    /// role is not declared.
    func roleGuarded(
        _ executor: any TaskExecutor, job: JobDescriptor, accountId: String
    ) throws -> any TaskExecutor {
        guard let roleArn = job.roleArn, let role = try lookUp(roleArn) else { return executor }
        let record = JobRecord(
            accountId: accountId, clientRequestToken: "", requestFingerprint: "", tags: [], job: job)
        return RoleGuardExecutor(
            inner: executor, policies: try Self.policies(of: role), request: Self.request(of: record),
            region: options.region,
            principal: "arn:aws:sts::\(role.accountId):assumed-role/\(role.name)/s3-batch-operations")
    }

    /// The CreateJob request a recorded job was made from, as far as permissions go.
    static func request(of record: JobRecord) -> CreateJobRequest {
        let job = record.job
        return CreateJobRequest(
            accountId: record.accountId, confirmationRequired: job.confirmationRequired,
            operation: job.operation ?? .unsupported(""), report: job.report ?? .disabled,
            clientRequestToken: "",
            manifest: job.manifest, priority: job.priority, roleArn: job.roleArn ?? "",
            manifestGenerator: job.manifestGenerator)
    }
}

/// Runs a task only when the role may do what the task does on the task's object.
struct RoleGuardExecutor: TaskExecutor {
    let inner: any TaskExecutor
    let policies: [NamedPolicy]
    let request: CreateJobRequest
    let region: String
    let principal: String

    func execute(_ row: TaskRow) -> TaskResult {
        for need in JobPermissions.needed(for: request, sourceBuckets: [row.bucket], region: region) {
            guard let resource = resource(need, row) else { continue }
            let action = need.permission.action
            let outcome = PolicyEvaluator.evaluate(
                AccessRequest(action: action, resource: resource), policies: policies)
            guard outcome.decision != .allowed else { continue }
            let why =
                outcome.decision == .explicitDeny
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the \(action) action"
            return TaskResult(
                succeeded: false, httpStatus: 403, errorCode: EngineError.accessDenied,
                message:
                    "User: \(principal) is not authorized to perform: \(action) on resource: \"\(resource)\" \(why)"
            )
        }
        return inner.execute(row)
    }

    /// The resource a task touches for a permission: the task's object for object-level ones, the
    /// bucket or key as listed for the others; `nil` for what the task does not touch (the manifest,
    /// the report, another bucket's objects).
    func resource(_ need: JobPermission, _ row: TaskRow) -> String? {
        let listed = need.permission.resource
        switch need.origin {
        case .manifest, .manifestOutput, .report, .caller: return nil
        case .kmsKey, .function: return listed
        case .source:
            if listed == S3ARN.objectARN(bucket: row.bucket, key: "*") {
                return S3ARN.objectARN(bucket: row.bucket, key: row.key)
            }
            return listed.hasSuffix("/*") ? nil : listed
        case .destination:
            guard case .s3PutObjectCopy(let copy) = request.operation, let (bucket, _) = S3ARN.object(listed)
            else {
                return listed
            }
            let prefix = copy.targetKeyPrefix ?? ""
            let key =
                prefix.isEmpty ? row.key : (prefix.hasSuffix("/") ? prefix + row.key : prefix + "/" + row.key)
            return S3ARN.objectARN(bucket: bucket, key: key)
        }
    }
}
