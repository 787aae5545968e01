import BopsAWSModel
import BopsJobs
import BopsSigV4
import Foundation

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
        let id = path.count >= 4 ? BopsSigV4.URIEncoding.decode(path[3]) : nil
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

    private func result(_ name: String, _ children: [XMLElementNode]) -> Answer {
        var root = XMLElementNode(name, children: children)
        root.attributes = [XMLAttribute("xmlns", Answer.controlNamespace)]
        return .xml(root)
    }

    private func body(_ request: IncomingRequest, operation: String) throws(APIError) -> XMLElementNode {
        do {
            return try XMLReader.parse(request.body)
        } catch {
            throw APIError(
                400, "MalformedXML", "\(operation): the request body is not well-formed XML: \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            p.map { $0.intValue.map { "[\($0)]" } ?? "/" + $0.stringValue }.joined()
        }
        switch error {
        case .keyNotFound(let key, let c): return "missing element \(path(c.codingPath))/\(key.stringValue)"
        case .dataCorrupted(let c): return "\(path(c.codingPath)): \(c.debugDescription)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private func createJob(_ request: IncomingRequest, account: String) async throws -> Answer {
        var root = try body(request, operation: "CreateJob")
        root.children.removeAll { $0.localName == "AccountId" }
        root.children.append(XMLElementNode("AccountId", text: account))
        let job: CreateJobRequest
        do {
            job = try XMLDecoding.decode(CreateJobRequest.self, from: root)
        } catch let error as DecodingError {
            throw APIError(400, EngineError.badRequestException, "CreateJobRequest: " + Self.describe(error))
        }
        let id = try await engine.createJob(job)
        return result("CreateJobResult", [XMLElementNode("JobId", text: id)])
    }

    private func describeJob(_ id: String, account: String) async throws -> Answer {
        let job = try await engine.describeJob(accountId: account, jobId: id)
        return result("DescribeJobResult", [try XMLEncoding.encode(job, as: "Job")])
    }

    private func listJobs(_ request: IncomingRequest, account: String) async throws -> Answer {
        var statuses: [JobStatus] = []
        for text in request.queryValues("jobStatuses") {
            for name in text.split(separator: ",") {
                guard let status = JobStatus(rawValue: String(name)) else {
                    throw APIError(
                        400, "InvalidRequestException",
                        "jobStatuses: '\(name)' is not a job status (\(JobStatus.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                statuses.append(status)
            }
        }
        var maxResults: Int?
        if let text = request.queryValue("maxResults") {
            guard let value = Int(text), (0...1000).contains(value) else {
                throw APIError(
                    400, "InvalidRequestException", "maxResults must be an integer 0...1000, got '\(text)'")
            }
            maxResults = value
        }
        let page: (jobs: [JobListDescriptor], nextToken: String?)
        do {
            page = try await engine.listJobs(
                accountId: account, statuses: statuses, nextToken: request.queryValue("nextToken"),
                maxResults: maxResults)
        } catch let error as EngineError
            where error.code == EngineError.badRequestException
            && error.message.contains("NextToken")
        {
            throw APIError(400, "InvalidNextTokenException", error.message)
        }
        var children: [XMLElementNode] = []
        if let next = page.nextToken { children.append(XMLElementNode("NextToken", text: next)) }
        let jobs = XNode("Jobs")
        for job in page.jobs { try jobs.append("member").encode(job) }
        children.append(jobs.element)
        return result("ListJobsResult", children)
    }

    private func updateStatus(
        _ request: IncomingRequest, _ id: String, account: String
    ) async throws -> Answer {
        guard let text = request.queryValue("requestedJobStatus") else {
            throw APIError(
                400, EngineError.badRequestException, "Missing required query parameter requestedJobStatus")
        }
        guard let requested = RequestedJobStatus(rawValue: text) else {
            throw APIError(
                400, EngineError.badRequestException,
                "requestedJobStatus must be Ready or Cancelled, got '\(text)'")
        }
        let answer = try await engine.updateJobStatus(
            accountId: account, jobId: id, to: requested, reason: request.queryValue("statusUpdateReason"))
        var children = [
            XMLElementNode("JobId", text: id), XMLElementNode("Status", text: answer.status.rawValue),
        ]
        if let reason = answer.reason { children.append(XMLElementNode("StatusUpdateReason", text: reason)) }
        return result("UpdateJobStatusResult", children)
    }

    private func updatePriority(
        _ request: IncomingRequest, _ id: String, account: String
    ) async throws -> Answer {
        guard let text = request.queryValue("priority"), let priority = Int(text) else {
            throw APIError(
                400, EngineError.badRequestException,
                "Query parameter priority must be an integer 0...2147483647")
        }
        try await engine.updateJobPriority(accountId: account, jobId: id, priority: priority)
        return result(
            "UpdateJobPriorityResult",
            [XMLElementNode("JobId", text: id), XMLElementNode("Priority", text: text)])
    }

    private func getTagging(_ id: String, account: String) async throws -> Answer {
        let tags = try await engine.getJobTagging(accountId: account, jobId: id)
        let node = XNode("Tags")
        for tag in tags { try node.append("member").encode(tag) }
        return result("GetJobTaggingResult", [node.element])
    }

    private func putTagging(_ request: IncomingRequest, _ id: String, account: String) async throws -> Answer
    {
        let root = try body(request, operation: "PutJobTagging")
        let tags: [S3Tag]
        do {
            tags = try XMLDecoding.decode([S3Tag].self, from: root.child("Tags") ?? XMLElementNode("Tags"))
        } catch let error as DecodingError {
            throw APIError(
                400, EngineError.badRequestException, "PutJobTaggingRequest: " + Self.describe(error))
        }
        if tags.count > 50 {
            throw APIError(
                400, "TooManyTagsException", "A job has at most 50 tags; the request has \(tags.count)")
        }
        try await engine.putJobTagging(accountId: account, jobId: id, tags: tags)
        return Answer()
    }
}
