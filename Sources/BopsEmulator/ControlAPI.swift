import BopsAWSModel
import BopsEncoding
import BopsJobs
import BopsSigV4
import FoundationEssentials

/// The S3 Control jobs operations (`/v20180820/jobs...`), REST-XML as in the 2018-08-20 model.
struct ControlAPI: Sendable {
    let engine: any JobsEngine

    func handle(_ request: IncomingRequest) async throws -> Answer {
        let path = request.rawPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // ["", "v20180820", "jobs", id?, sub?]
        guard path.count >= 3, path[1] == "v20180820", path[2] == "jobs" else {
            throw APIError(
                501, "NotImplemented", "The emulator serves only the jobs API under /v20180820/jobs")
        }
        let account = try accountId(request)
        let id = path.count >= 4 ? BopsEncoding.URIEncoding.decode(path[3]) : nil
        let sub = path.count >= 5 ? path[4] : nil
        guard path.count <= 5 else { throw unsupportedOperation(request) }
        switch (request.method, id, sub) {
        case ("POST", nil, nil), ("POST", "", nil): return try await createJob(request, account: account)
        case ("GET", nil, nil), ("GET", "", nil): return try await listJobs(request, account: account)
        case ("GET", let id?, nil): return try await describeJob(id, account: account)
        case ("POST", let id?, "status"): return try await updateStatus(request, id, account: account)
        case ("POST", let id?, "priority"): return try await updatePriority(request, id, account: account)
        case ("GET", let id?, "tagging"): return try await getTagging(id, account: account)
        case ("PUT", let id?, "tagging"): return try await putTagging(request, id, account: account)
        case ("DELETE", let id?, "tagging"):
            try await engine.deleteJobTagging(accountId: account, jobId: id)
            return Answer()
        default: throw unsupportedOperation(request)
        }
    }

    private func unsupportedOperation(_ request: IncomingRequest) -> APIError {
        APIError(
            501, "NotImplemented",
            "\(request.method) \(request.rawPath) is not an operation the emulator serves")
    }

    /// `x-amz-account-id`, or the `{AccountId}.` label of the Host when the header is absent.
    private func accountId(_ request: IncomingRequest) throws(APIError) -> String {
        let fromHost = request.hostName.split(separator: ".").first.map(String.init).flatMap {
            $0.count == 12 && $0.allSatisfy(\.isNumber) ? $0 : nil
        }
        guard let account = request.header("x-amz-account-id") ?? fromHost else {
            throw APIError(
                400, "InvalidRequest", "Missing required header for this request: x-amz-account-id")
        }
        guard account.count == 12, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw APIError(400, "InvalidAccountId", "Account ID must be 12 digits, got '\(account)'")
        }
        return account
    }

    private func createJob(_ request: IncomingRequest, account: String) async throws -> Answer {
        let job = try decoded(EngineError.badRequestException) { () throws(AWSShapeError) in
            try S3ControlRequests.readCreateJob(request.parts, accountId: account)
        }
        let id = try await engine.createJob(job)
        return .xml(S3ControlResponses.createJobBody(jobId: id))
    }

    private func describeJob(_ id: String, account: String) async throws -> Answer {
        let job = try await engine.describeJob(accountId: account, jobId: id)
        return .xml(S3ControlResponses.describeJobBody(job))
    }

    private func listJobs(_ request: IncomingRequest, account: String) async throws -> Answer {
        let input = try decoded("InvalidRequestException") { () throws(AWSShapeError) in
            try S3ControlRequests.readListJobs(request.parts)
        }
        let page: (jobs: [JobListDescriptor], nextToken: String?)
        do {
            page = try await engine.listJobs(
                accountId: account, statuses: input.statuses, nextToken: input.nextToken,
                maxResults: input.maxResults)
        } catch let error as EngineError
            where error.code == EngineError.badRequestException
            && error.message.contains("NextToken")
        {
            throw APIError(400, "InvalidNextTokenException", error.message)
        }
        return .xml(S3ControlResponses.listJobsBody(jobs: page.jobs, nextToken: page.nextToken))
    }

    private func updateStatus(
        _ request: IncomingRequest, _ id: String, account: String
    ) async throws -> Answer {
        let input = try decoded(EngineError.badRequestException) { () throws(AWSShapeError) in
            try S3ControlRequests.readUpdateJobStatus(request.parts)
        }
        let answer = try await engine.updateJobStatus(
            accountId: account, jobId: id, to: input.status, reason: input.reason)
        return .xml(
            S3ControlResponses.updateJobStatusBody(jobId: id, status: answer.status, reason: answer.reason))
    }

    private func updatePriority(
        _ request: IncomingRequest, _ id: String, account: String
    ) async throws -> Answer {
        let priority = try decoded(EngineError.badRequestException) { () throws(AWSShapeError) in
            try S3ControlRequests.readUpdateJobPriority(request.parts)
        }
        try await engine.updateJobPriority(accountId: account, jobId: id, priority: priority)
        return .xml(S3ControlResponses.updateJobPriorityBody(jobId: id, priority: priority))
    }

    private func getTagging(_ id: String, account: String) async throws -> Answer {
        let tags = try await engine.getJobTagging(accountId: account, jobId: id)
        return .xml(S3ControlResponses.getJobTaggingBody(tags))
    }

    private func putTagging(_ request: IncomingRequest, _ id: String, account: String) async throws -> Answer
    {
        let tags = try decoded(EngineError.badRequestException) { () throws(AWSShapeError) in
            try S3ControlRequests.readPutJobTagging(request.parts)
        }
        if tags.count > 50 {
            throw APIError(
                400, "TooManyTagsException", "A job has at most 50 tags; the request has \(tags.count)")
        }
        try await engine.putJobTagging(accountId: account, jobId: id, tags: tags)
        return Answer()
    }
}
