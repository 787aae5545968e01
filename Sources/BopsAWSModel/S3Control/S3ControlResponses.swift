public import BopsJobs

/// The answers of the S3 Control job API, both ways: parsers into the `BopsJobs` model (the aws
/// engine's side) and the bodies a server answers (the emulator's side, as AWS writes them:
/// XML declaration, namespace, timestamps with milliseconds).
///
/// Every parser throws the answer's ``EngineError`` when the status is not 2xx, and
/// ``AWSShapeError`` when a 2xx body does not have the model's shape.
public enum S3ControlResponses {
    static func result(_ name: String, _ children: [XMLElementNode]) -> [UInt8] {
        XMLWriter.document(
            XMLElementNode(
                name, attributes: [XMLAttribute("xmlns", S3ControlRequests.namespace)], children: children))
    }

    /// `CreateJobResult` -> the new job id.
    public static func createJob(_ response: HTTPResponseParts) throws -> String {
        try AWSErrors.check(response)
        return try ShapeReader.body(response.body, root: "CreateJobResult", operation: "CreateJob")
            .required("JobId")
    }

    /// The `CreateJobResult` body.
    public static func createJobBody(jobId: String) -> [UInt8] {
        result("CreateJobResult", [XMLElementNode("JobId", text: jobId)])
    }

    /// `DescribeJobResult` -> every member of `Job`.
    public static func describeJob(_ response: HTTPResponseParts) throws -> JobDescriptor {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "DescribeJobResult", operation: "DescribeJob")
        guard let job = root.child("Job") else { throw root.missing("Job") }
        return try JobDescriptor(xml: job)
    }

    /// The `DescribeJobResult` body.
    public static func describeJobBody(_ job: JobDescriptor) -> [UInt8] {
        result("DescribeJobResult", [job.xml("Job", .response)])
    }

    /// `ListJobsResult` -> the page's jobs and the token of the next page (`nil` on the last page).
    public static func listJobs(
        _ response: HTTPResponseParts
    ) throws -> (
        jobs: [JobListDescriptor], nextToken: String?
    ) {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "ListJobsResult", operation: "ListJobs")
        let jobs = try (try root.list("Jobs") ?? []).map { try JobListDescriptor(xml: $0) }
        let token = root.string("NextToken")
        return (jobs, token?.isEmpty == true ? nil : token)
    }

    /// The `ListJobsResult` body (`NextToken` only when there is a next page).
    public static func listJobsBody(jobs: [JobListDescriptor], nextToken: String?) -> [UInt8] {
        var children: [XMLElementNode] = []
        if let nextToken { children.append(XMLElementNode("NextToken", text: nextToken)) }
        children.append(XMLElementNode("Jobs", children: jobs.map { $0.xml("member", .response) }))
        return result("ListJobsResult", children)
    }

    /// `UpdateJobStatusResult` -> the status after the request and its reason.
    public static func updateJobStatus(
        _ response: HTTPResponseParts
    ) throws -> (
        status: JobStatus, reason: String?
    ) {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(
            response.body, root: "UpdateJobStatusResult", operation: "UpdateJobStatus")
        guard let status: JobStatus = try root.value("Status") else { throw root.missing("Status") }
        return (status, root.string("StatusUpdateReason"))
    }

    /// The `UpdateJobStatusResult` body.
    public static func updateJobStatusBody(jobId: String, status: JobStatus, reason: String?) -> [UInt8] {
        var children = [
            XMLElementNode("JobId", text: jobId), XMLElementNode("Status", text: status.rawValue),
        ]
        if let reason { children.append(XMLElementNode("StatusUpdateReason", text: reason)) }
        return result("UpdateJobStatusResult", children)
    }

    /// `UpdateJobPriorityResult` -> the priority now set.
    public static func updateJobPriority(_ response: HTTPResponseParts) throws -> Int {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(
            response.body, root: "UpdateJobPriorityResult", operation: "UpdateJobPriority")
        guard let priority = try root.int("Priority") else { throw root.missing("Priority") }
        return priority
    }

    /// The `UpdateJobPriorityResult` body.
    public static func updateJobPriorityBody(jobId: String, priority: Int) -> [UInt8] {
        result(
            "UpdateJobPriorityResult",
            [XMLElementNode("JobId", text: jobId), XMLElementNode("Priority", text: String(priority))])
    }

    /// `GetJobTaggingResult` -> the job's tags (empty when it has none).
    public static func getJobTagging(_ response: HTTPResponseParts) throws -> [JobTag] {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(
            response.body, root: "GetJobTaggingResult", operation: "GetJobTagging")
        return try (try root.list("Tags") ?? []).map { try JobTag(xml: $0) }
    }

    /// The `GetJobTaggingResult` body.
    public static func getJobTaggingBody(_ tags: [JobTag]) -> [UInt8] {
        result(
            "GetJobTaggingResult",
            [XMLElementNode("Tags", children: tags.map { $0.xml("member", .response) })])
    }

    /// PutJobTagging and DeleteJobTagging answer an empty body: only the status matters.
    public static func emptyResult(_ response: HTTPResponseParts) throws {
        try AWSErrors.check(response)
    }
}
