import BopsJobs
import Foundation

/// Parsers of S3 Control job API answers into the `BopsJobs` model. Every parser throws the
/// answer's ``EngineError`` when the status is not 2xx, and ``AWSShapeError`` when a 2xx body does
/// not have the model's shape.
public enum S3ControlResponses {
    /// `CreateJobResult` -> the new job id.
    public static func createJob(_ response: HTTPResponseParts) throws -> String {
        try AWSErrors.check(response)
        return try ShapeReader.body(response.body, root: "CreateJobResult", operation: "CreateJob")
            .required("JobId")
    }

    /// `DescribeJobResult` -> every member of `Job`.
    public static func describeJob(_ response: HTTPResponseParts) throws -> JobDescriptor {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "DescribeJobResult", operation: "DescribeJob")
        guard let job = root.child("Job") else { throw root.error("Job", "required member is missing") }
        return try JobDescriptorXML.descriptor(job)
    }

    /// `ListJobsResult` -> the page's jobs and the token of the next page (`nil` on the last page).
    public static func listJobs(
        _ response: HTTPResponseParts
    ) throws -> (
        jobs: [JobListDescriptor], nextToken: String?
    ) {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(response.body, root: "ListJobsResult", operation: "ListJobs")
        let jobs = try (root.list("Jobs") ?? []).map { row in
            JobListDescriptor(
                jobId: try row.required("JobId"), description: row.string("Description"),
                operation: row.string("Operation"), priority: try row.int("Priority") ?? 0,
                status: try row.enumValue(try row.required("Status"), JobStatus.self, member: "Status"),
                creationTime: try row.date("CreationTime"), terminationDate: try row.date("TerminationDate"),
                progressSummary: try row.child("ProgressSummary").map(JobDescriptorXML.progress))
        }
        let token = root.string("NextToken")
        return (jobs, token?.isEmpty == true ? nil : token)
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
        let status = try root.enumValue(try root.required("Status"), JobStatus.self, member: "Status")
        return (status, root.string("StatusUpdateReason"))
    }

    /// `UpdateJobPriorityResult` -> the priority now set.
    public static func updateJobPriority(_ response: HTTPResponseParts) throws -> Int {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(
            response.body, root: "UpdateJobPriorityResult", operation: "UpdateJobPriority")
        guard let priority = try root.int("Priority") else {
            throw root.error("Priority", "required member is missing")
        }
        return priority
    }

    /// `GetJobTaggingResult` -> the job's tags (empty when it has none).
    public static func getJobTagging(_ response: HTTPResponseParts) throws -> [JobTag] {
        try AWSErrors.check(response)
        let root = try ShapeReader.body(
            response.body, root: "GetJobTaggingResult", operation: "GetJobTagging")
        return try JobDescriptorXML.tags(root.list("Tags") ?? [])
    }

    /// PutJobTagging and DeleteJobTagging answer an empty body: only the status matters.
    public static func emptyResult(_ response: HTTPResponseParts) throws {
        try AWSErrors.check(response)
    }
}
