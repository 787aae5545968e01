import BopsIAM
import BopsJobs
import FoundationEssentials

/// A job runs as its role, as on AWS, when the role is declared on the local engine (see
/// `RoleStore.swift`); an undeclared role's own policies allow everything. Bucket policies apply to
/// either (``JobAccess``): a deny there fails what it denies.
///
/// - Preparation fails when the trust policy does not let `batchoperations.s3.amazonaws.com` call
///   `sts:AssumeRole`, or when the role may not read the manifest (AWS's reason "Reading the manifest
///   is forbidden: AccessDenied").
/// - Each task checks what it does (the permissions ``JobPermissions`` lists for the job, on the
///   task's own object) and fails with `AccessDenied` (403) in the completion report when one is
///   denied, worded as S3 words it; the failure threshold (`JobRunner.swift`) then applies as to any
///   failed task.
/// - The completion report is not written when the role may not put it, or when the report bucket
///   has an Object Lock default retention.
/// - A task that would give its object a public ACL in a bucket with `BlockPublicAcls` fails with
///   403 AccessDenied.
extension LocalEngine {
    /// The failure code of a job whose role cannot be assumed or may not read the manifest.
    public static let roleAccessDenied = "AccessDenied"

    /// Why the job cannot start as its role, or `nil` when it can (or the role is undeclared).
    func roleFailureAtPreparation(_ record: JobRecord) throws -> JobFailure? {
        guard let roleArn = record.job.roleArn, !roleArn.isEmpty else { return nil }
        let role = try lookUp(roleArn)
        if let role, !(try trustsBatchOperations(role, jobArn: record.job.jobArn)) {
            return JobFailure(
                failureCode: Self.roleAccessDenied,
                failureReason: String(
                    ("Unable to assume role \(role.arn): its trust policy does not allow "
                        + "\(BatchOperationsTrust.service) to call sts:AssumeRole").prefix(256)))
        }
        let access = try JobAccess(engine: self, roleArn: roleArn, role: role)
        let needs = JobPermissions.needed(for: Self.request(of: record), region: options.region)
        for need in needs where need.origin == .manifest || need.origin == .manifestOutput {
            let outcome = try access.decide(need.permission.action, need.permission.resource)
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
        guard let report = job.report, report.enabled else { return }
        if let bucket = report.bucket.flatMap(S3ARN.bucket),
            let retention = try store.bucketInfo(bucket)?.defaultRetention
        {
            throw EngineError(
                code: Self.roleAccessDenied,
                message:
                    "The job report could not be written to your report bucket: it has an Object Lock default "
                    + "retention (\(retention.description)), which Batch Operations reports do not support.",
                httpStatus: 400)
        }
        guard let roleArn = job.roleArn, !roleArn.isEmpty else { return }
        let record = JobRecord(
            accountId: accountId, clientRequestToken: "", requestFingerprint: "", tags: [], job: job)
        let access = try JobAccess(engine: self, roleArn: roleArn, role: try lookUp(roleArn))
        for need in JobPermissions.needed(for: Self.request(of: record), region: options.region)
        where need.origin == .report {
            let outcome = try access.decide(need.permission.action, need.permission.resource)
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
        guard let roleArn = job.roleArn, !roleArn.isEmpty else { return executor }
        let record = JobRecord(
            accountId: accountId, clientRequestToken: "", requestFingerprint: "", tags: [], job: job)
        return RoleGuardExecutor(
            inner: executor, access: try JobAccess(engine: self, roleArn: roleArn, role: try lookUp(roleArn)),
            request: Self.request(of: record), region: options.region)
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
    let access: JobAccess
    let request: CreateJobRequest
    let region: String

    func execute(_ row: TaskRow) -> TaskResult {
        if let refused = blockedPublicACL(row) { return refused }
        for need in JobPermissions.needed(for: request, sourceBuckets: [row.bucket], region: region) {
            guard let resource = resource(need, row) else { continue }
            let action = need.permission.action
            let outcome: ResourcePolicyEvaluation.Outcome
            do {
                if need.origin == .kmsKey {
                    if let refused = try access.keyRefusal(action, resource) { return refused }
                    continue
                }
                outcome = try access.decide(action, resource)
            } catch {
                return TaskResult(
                    succeeded: false, httpStatus: 500, errorCode: "InternalError", message: "\(error)")
            }
            guard outcome.decision != .allowed else { continue }
            let kind = outcome.side == .resource ? "resource-based" : "identity-based"
            let why =
                outcome.decision == .explicitDeny
                ? "with an explicit deny in a \(kind) policy"
                : "because no \(kind) policy allows the \(action) action"
            return TaskResult(
                succeeded: false, httpStatus: 403, errorCode: EngineError.accessDenied,
                message:
                    "User: \(access.session) is not authorized to perform: \(action) on resource: \"\(resource)\" \(why)"
            )
        }
        if let refused = sourceKeyRefusal(row) { return refused }
        return inner.execute(row)
    }

    /// KMS's refusal of `kms:Decrypt` on the key of an SSE-KMS source object that the task reads
    /// (Copy, Compute checksum).
    func sourceKeyRefusal(_ row: TaskRow) -> TaskResult? {
        switch request.operation {
        case .s3PutObjectCopy, .s3ComputeObjectChecksum: break
        default: return nil
        }
        guard
            let sse = try? access.store.lookup(
                bucket: row.bucket, key: row.key, versionId: row.versionId, refresh: false
            ).info.serverSideEncryption, sse.isKMS, let key = sse.kmsKeyId
        else { return nil }
        do {
            return try access.keyRefusal("kms:Decrypt", key)
        } catch {
            return TaskResult(
                succeeded: false, httpStatus: 500, errorCode: "InternalError", message: "\(error)")
        }
    }

    /// S3's 403 when the task would give its object a public ACL in a bucket whose Block Public
    /// Access has `BlockPublicAcls`.
    func blockedPublicACL(_ row: TaskRow) -> TaskResult? {
        guard let acl = request.operation.publicACL else { return nil }
        var bucket = row.bucket
        if case .s3PutObjectCopy(let copy) = request.operation {
            guard let target = copy.targetResource.flatMap(S3ARN.bucket) else { return nil }
            bucket = target
        }
        guard (try? access.store.bucketInfo(bucket))??.publicAccessBlock?.blockPublicAcls == true else {
            return nil
        }
        return TaskResult(
            succeeded: false, httpStatus: 403, errorCode: EngineError.accessDenied,
            message: "Access Denied (Block Public Access on \(bucket) refuses \(acl))")
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
