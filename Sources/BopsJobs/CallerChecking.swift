/// What an engine found out about the caller that would create the jobs (the credentials in use):
/// who it is and whether it may do what CreateJob asks of it (`iam:PassRole` on the job's role,
/// `s3:PutJobTagging` for a job with tags).
public struct CallerCheck: Sendable, Hashable {
    /// The caller as IAM simulates it (an assumed-role session as its role's ARN); `nil` when
    /// not known.
    public var caller: String?
    /// One result per needed permission, in the order asked; empty when the check was skipped.
    public var results: [PermissionResult]
    /// Why the check could not be made (the caller may not call `sts:GetCallerIdentity` or
    /// `iam:SimulatePrincipalPolicy` on itself); `nil` when it was made. Never a pass.
    public var skipped: String?

    public init(caller: String?, results: [PermissionResult], skipped: String? = nil) {
        self.caller = caller
        self.results = results
        self.skipped = skipped
    }
}

/// An engine that can say whether its caller may create a job: the aws engine asks STS who the
/// caller is and IAM's SimulatePrincipalPolicy what it may do. The local engine has no caller
/// identity and does not conform.
public protocol CallerChecking: Sendable {
    /// Whether the caller may do each of `needs`.
    func checkCaller(needs: [NeededPermission]) async throws -> CallerCheck
}
