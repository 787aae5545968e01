import BopsAWSModel
public import BopsJobs

extension AWSEngine: JobsEngine {
    /// CreateJob. Retried like any call: safe because AWS answers the same `ClientRequestToken`
    /// with the job it already created.
    public func createJob(_ request: CreateJobRequest) async throws -> String {
        var request = request
        request.accountId = try await account(request.accountId)
        let response = try await control(
            "CreateJob", accountId: request.accountId, S3ControlRequests.createJob(request))
        return try S3ControlResponses.createJob(response)
    }

    public func describeJob(accountId: String, jobId: String) async throws -> JobDescriptor {
        let accountId = try await account(accountId)
        let response = try await control(
            "DescribeJob", accountId: accountId,
            S3ControlRequests.describeJob(accountId: accountId, jobId: jobId))
        return try S3ControlResponses.describeJob(response)
    }

    public func listJobs(
        accountId: String, statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) async throws
        -> (jobs: [JobListDescriptor], nextToken: String?)
    {
        let accountId = try await account(accountId)
        let parts = S3ControlRequests.listJobs(
            accountId: accountId, statuses: statuses, nextToken: nextToken, maxResults: maxResults)
        return try S3ControlResponses.listJobs(try await control("ListJobs", accountId: accountId, parts))
    }

    /// Every page of ListJobs.
    public func listAllJobs(accountId: String, statuses: [JobStatus] = []) async throws -> [JobListDescriptor]
    {
        var all: [JobListDescriptor] = []
        var token: String?
        repeat {
            let page = try await listJobs(
                accountId: accountId, statuses: statuses, nextToken: token, maxResults: 1000)
            all += page.jobs
            token = page.nextToken
        } while token != nil
        return all
    }

    public func updateJobStatus(
        accountId: String, jobId: String, to: RequestedJobStatus, reason: String?
    )
        async throws -> (status: JobStatus, reason: String?)
    {
        let accountId = try await account(accountId)
        let parts = S3ControlRequests.updateJobStatus(
            accountId: accountId, jobId: jobId, to: to, reason: reason)
        return try S3ControlResponses.updateJobStatus(
            try await control("UpdateJobStatus", accountId: accountId, parts))
    }

    public func updateJobPriority(accountId: String, jobId: String, priority: Int) async throws {
        let accountId = try await account(accountId)
        let parts = S3ControlRequests.updateJobPriority(
            accountId: accountId, jobId: jobId, priority: priority)
        _ = try S3ControlResponses.updateJobPriority(
            try await control("UpdateJobPriority", accountId: accountId, parts))
    }

    public func getJobTagging(accountId: String, jobId: String) async throws -> [JobTag] {
        let accountId = try await account(accountId)
        let parts = S3ControlRequests.getJobTagging(accountId: accountId, jobId: jobId)
        return try S3ControlResponses.getJobTagging(
            try await control("GetJobTagging", accountId: accountId, parts))
    }

    public func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) async throws {
        let accountId = try await account(accountId)
        let parts = S3ControlRequests.putJobTagging(accountId: accountId, jobId: jobId, tags: tags)
        try S3ControlResponses.emptyResult(try await control("PutJobTagging", accountId: accountId, parts))
    }

    public func deleteJobTagging(accountId: String, jobId: String) async throws {
        let accountId = try await account(accountId)
        let parts = S3ControlRequests.deleteJobTagging(accountId: accountId, jobId: jobId)
        try S3ControlResponses.emptyResult(try await control("DeleteJobTagging", accountId: accountId, parts))
    }
}
