import BopsEncoding
public import BopsJobs
import BopsSigV4
import FoundationEssentials

/// Requests of the S3 Control job API (model `s3control/2018-08-20`), laid out as botocore's
/// REST-XML serialiser lays them out: same method, path, query and body bytes, and the
/// `x-amz-account-id` header on every call. No `Content-Type` is sent (botocore sends none).
public enum S3ControlRequests {
    public static let namespace = "http://awss3control.amazonaws.com/doc/2018-08-20/"

    /// The S3 Control host for `accountId` in `region`.
    ///
    /// - No `endpoint`: `{accountId}.s3-control.{region}.amazonaws.com` (`.amazonaws.com.cn` in
    ///   `cn-*` regions).
    /// - A custom `endpoint` (a host, `host:port`, or a URL whose host is taken): `{accountId}.` is
    ///   put in front, except when the host is an IP address (v4 or bracketed v6) or `localhost`,
    ///   which a prefix would make unresolvable. The port, if any, is kept.
    public static func host(accountId: String, region: String, endpoint: String? = nil) -> String {
        guard let endpoint, !endpoint.isEmpty else {
            let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
            return "\(accountId).s3-control.\(region).\(suffix)"
        }
        var authority = Substring(endpoint)
        if let scheme = authority.firstRange(of: "://") { authority = authority[scheme.upperBound...] }
        if let slash = authority.firstIndex(where: { $0 == "/" || $0 == "?" }) {
            authority = authority[..<slash]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let hostOnly: Substring
        if authority.hasPrefix("[") {
            return String(authority)
        } else if let colon = authority.lastIndex(of: ":") {
            hostOnly = authority[..<colon]
        } else {
            hostOnly = authority
        }
        if isIPv4(hostOnly) || hostOnly.lowercased() == "localhost" || hostOnly.hasPrefix("\(accountId).") {
            return String(authority)
        }
        return "\(accountId).\(authority)"
    }

    static func isIPv4(_ host: Substring) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }

    static func headers(_ accountId: String) -> [HTTPField] {
        [HTTPField("x-amz-account-id", accountId)]
    }

    static func jobPath(_ jobId: String, _ suffix: String = "") -> String {
        "/v20180820/jobs/" + URIEncoding.encode(jobId) + suffix
    }

    /// `POST /v20180820/jobs` with a `CreateJobRequest` body.
    public static func createJob(_ request: CreateJobRequest) -> HTTPRequestParts {
        HTTPRequestParts(
            method: "POST", path: "/v20180820/jobs", headers: headers(request.accountId),
            body: XMLWriter.bytes(createJobElement(request)))
    }

    static func createJobElement(_ request: CreateJobRequest) -> XMLElementNode {
        var root = request.xml("CreateJobRequest", .request)
        root.attributes = [XMLAttribute("xmlns", namespace)]
        return root
    }

    /// Reads a CreateJob request body (as the emulator receives it); `accountId` is the caller's
    /// (from `x-amz-account-id` or the host). Throws with the element path of what is missing or
    /// malformed.
    public static func readCreateJob(
        _ request: HTTPRequestParts, accountId: String
    ) throws(AWSShapeError) -> CreateJobRequest {
        let root = try ShapeReader.body(
            request.body, root: "CreateJobRequest", operation: "CreateJob", isRequest: true)
        var job = try CreateJobRequest(xml: root)
        job.accountId = accountId
        return job
    }

    /// `GET /v20180820/jobs/{id}`.
    public static func describeJob(accountId: String, jobId: String) -> HTTPRequestParts {
        HTTPRequestParts(method: "GET", path: jobPath(jobId), headers: headers(accountId))
    }

    /// `GET /v20180820/jobs?jobStatuses=..&jobStatuses=..&nextToken=..&maxResults=..` (each
    /// status repeated, in the given order; absent parameters are not sent).
    public static func listJobs(
        accountId: String, statuses: [JobStatus] = [], nextToken: String? = nil, maxResults: Int? = nil
    ) -> HTTPRequestParts {
        var query = statuses.map { QueryItem("jobStatuses", $0.rawValue) }
        if let nextToken { query.append(QueryItem("nextToken", nextToken)) }
        if let maxResults { query.append(QueryItem("maxResults", String(maxResults))) }
        return HTTPRequestParts(
            method: "GET", path: "/v20180820/jobs", query: query, headers: headers(accountId))
    }

    /// ListJobs' parameters as a server reads them: `jobStatuses` repeated (a comma-separated value
    /// is split too), `nextToken`, `maxResults` 0...1000.
    public static func readListJobs(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> (
        statuses: [JobStatus], nextToken: String?, maxResults: Int?
    ) {
        var statuses: [JobStatus] = []
        for text in request.queryValues("jobStatuses") {
            for name in text.split(separator: ",") {
                statuses.append(try queryValue(String(name), "jobStatuses", "ListJobs"))
            }
        }
        var maxResults: Int?
        if let text = request.queryValue("maxResults") {
            let value: Int = try queryValue(text, "maxResults", "ListJobs")
            guard (0...1000).contains(value) else {
                throw AWSShapeError(
                    operation: "ListJobs", path: "maxResults", message: "must be 0...1000, found \(value)",
                    isRequest: true)
            }
            maxResults = value
        }
        return (statuses, request.queryValue("nextToken"), maxResults)
    }

    static func queryValue<V: XMLScalar>(
        _ text: String, _ name: String, _ operation: String
    ) throws(AWSShapeError) -> V {
        guard let value = V(xmlText: text) else {
            throw AWSShapeError(
                operation: operation, path: name, message: "expected \(V.xmlExpected), found '\(text)'",
                isRequest: true)
        }
        return value
    }

    static func requiredQuery<V: XMLScalar>(
        _ request: HTTPRequestParts, _ name: String, _ operation: String
    ) throws(AWSShapeError) -> V {
        guard let text = request.queryValue(name) else {
            throw AWSShapeError(
                operation: operation, path: name, message: "missing required query parameter", isRequest: true
            )
        }
        return try queryValue(text, name, operation)
    }

    /// `POST /v20180820/jobs/{id}/status?requestedJobStatus=..[&statusUpdateReason=..]`.
    public static func updateJobStatus(
        accountId: String, jobId: String, to status: RequestedJobStatus, reason: String? = nil
    ) -> HTTPRequestParts {
        var query = [QueryItem("requestedJobStatus", status.rawValue)]
        if let reason { query.append(QueryItem("statusUpdateReason", reason)) }
        return HTTPRequestParts(
            method: "POST", path: jobPath(jobId, "/status"), query: query, headers: headers(accountId))
    }

    /// UpdateJobStatus' parameters as a server reads them.
    public static func readUpdateJobStatus(
        _ request: HTTPRequestParts
    ) throws(AWSShapeError) -> (
        status: RequestedJobStatus, reason: String?
    ) {
        let status: RequestedJobStatus = try requiredQuery(request, "requestedJobStatus", "UpdateJobStatus")
        return (status, request.queryValue("statusUpdateReason"))
    }

    /// `POST /v20180820/jobs/{id}/priority?priority=N`.
    public static func updateJobPriority(accountId: String, jobId: String, priority: Int) -> HTTPRequestParts
    {
        HTTPRequestParts(
            method: "POST", path: jobPath(jobId, "/priority"),
            query: [QueryItem("priority", String(priority))],
            headers: headers(accountId))
    }

    /// UpdateJobPriority's `priority` as a server reads it (the range is the engine's to check).
    public static func readUpdateJobPriority(_ request: HTTPRequestParts) throws(AWSShapeError) -> Int {
        try requiredQuery(request, "priority", "UpdateJobPriority")
    }

    /// `GET /v20180820/jobs/{id}/tagging`.
    public static func getJobTagging(accountId: String, jobId: String) -> HTTPRequestParts {
        HTTPRequestParts(method: "GET", path: jobPath(jobId, "/tagging"), headers: headers(accountId))
    }

    /// `PUT /v20180820/jobs/{id}/tagging` with `<PutJobTaggingRequest><Tags><member>..`.
    public static func putJobTagging(accountId: String, jobId: String, tags: [JobTag]) -> HTTPRequestParts {
        var root = XMLElementNode("PutJobTaggingRequest", attributes: [XMLAttribute("xmlns", namespace)])
        root.append(XMLElementNode("Tags", children: tags.map { $0.xml("member", .request) }))
        return HTTPRequestParts(
            method: "PUT", path: jobPath(jobId, "/tagging"), headers: headers(accountId),
            body: XMLWriter.bytes(root))
    }

    /// A PutJobTagging body as a server reads it: the tags (no `Tags` element reads as none).
    public static func readPutJobTagging(_ request: HTTPRequestParts) throws(AWSShapeError) -> [JobTag] {
        let root = try ShapeReader.body(
            request.body, root: "PutJobTaggingRequest", operation: "PutJobTagging", isRequest: true)
        var tags: [JobTag] = []
        for item in try root.list("Tags") ?? [] { tags.append(try JobTag(xml: item)) }
        return tags
    }

    /// `DELETE /v20180820/jobs/{id}/tagging`.
    public static func deleteJobTagging(accountId: String, jobId: String) -> HTTPRequestParts {
        HTTPRequestParts(method: "DELETE", path: jobPath(jobId, "/tagging"), headers: headers(accountId))
    }
}
